import { afterEach, describe, expect, it } from 'vitest';
import { RUN_PROPERTY_KEY, runMarker } from '../../../src/app/run/perform-action.js';
import { jsonResponse, type WireRequest, type WireResponse } from '../../../src/local/runtime/wire.js';
import { startApp, type App } from './harness.js';

// A comment is the one action Jira cannot repeat harmlessly: a retried run looks for the comment an earlier attempt
// may have posted. Other runs may post the very same text on the same issue, so the run's own comment is told apart
// by the entity property it was posted with (decision 0012, "Per-action completion").

let app: App | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

const TEXT = 'Outage reported on RF-3.';

/** Two rules that post the same text on one event: two runs, two comments owed. */
const outageRule = (id: string) => ({
  schemaVersion: 1,
  id,
  name: `Report outage (${id})`,
  trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] },
  when: { in: ['outage', { var: 'issue.fields.labels' }] },
  actions: [{ type: 'comment', body: { cat: ['Outage reported on ', { var: 'issue.key' }, '.'] } }],
});

type Execution = { executionId: string; ruleId: string; status: string; attempts: number; actions: { type: string; status: string; detail?: string }[] };

const isCommentPost = (request: WireRequest): boolean => request.method === 'POST' && /^\/rest\/api\/3\/issue\/[^/]+\/comment$/.test(request.path.split('?')[0] ?? '');
const isPropertyRead = (request: WireRequest): boolean => request.method === 'GET' && request.path.startsWith('/rest/api/3/comment/');
const serverError = (): WireResponse => jsonResponse(500, { errorMessages: ['Internal server error'], errors: {} });

async function start(intercept: (request: WireRequest, forward: () => Promise<WireResponse>) => Promise<WireResponse>, ruleIds: string[]): Promise<App> {
  const started = startApp({ interceptJira: intercept });
  app = started;
  for (const id of ruleIds) expect((await started.resolve('rules.save', { document: outageRule(id), expectedVersion: null })).ok).toBe(true);
  return started;
}

/** A person labels the issue, and the app gets an hour for its queued retries. */
async function labelAndSettle(a: App): Promise<void> {
  expect((await a.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'outage' }] } })).status).toBe(204);
  await a.runtime.drain();
  await a.runtime.advanceTo(a.clock.now() + 3_600_000);
}

async function outageComments(a: App): Promise<{ id: string; marker: unknown }[]> {
  const listed = (await a.jira('GET', '/issue/RF-3/comment')).body as { comments: { id: string; body: { content: { content: { text?: string }[] }[] } }[] };
  const mine = listed.comments.filter((c) => c.body.content.flatMap((p) => p.content.map((t) => t.text ?? '')).join('') === TEXT);
  return Promise.all(mine.map(async (c) => ({ id: c.id, marker: (await a.jira('GET', `/comment/${c.id}/properties/${RUN_PROPERTY_KEY}`)).body })));
}

async function executionsOf(a: App, ruleId: string): Promise<Execution[]> {
  const listed = await a.resolve('executions.list', { ruleId });
  return (listed.result as { items: { value: Execution }[] }).items.map((i) => i.value);
}

describe('a comment that may already have been posted', () => {
  it('posts both comments when two rules post the same text on one event and the second’s POST is lost after it was marked started', async () => {
    let posts = 0;
    const a = await start(async (request, forward) => {
      // The second run's comment never reaches Jira: its attempt dies with a 500 after the claim said `started`.
      if (isCommentPost(request) && ++posts === 2) return serverError();
      return forward();
    }, ['report-outage-a', 'report-outage-b']);
    await labelAndSettle(a);

    const comments = await outageComments(a);
    expect(comments).toHaveLength(2);
    for (const c of comments) expect(c.marker).toEqual({ key: RUN_PROPERTY_KEY, value: { run: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown, action: 0 } });
    expect(new Set(comments.map((c) => (c.marker as { value: { run: string } }).value.run)).size).toBe(2);

    const executions = [...(await executionsOf(a, 'report-outage-a')), ...(await executionsOf(a, 'report-outage-b'))];
    expect(executions.map((e) => e.status)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(executions.map((e) => e.attempts).sort()).toEqual([1, 2]);
    // Each run's comment is its own: neither took the other's as "found after a retry".
    expect(executions.flatMap((e) => e.actions.map((x) => x.detail)).sort()).toEqual(comments.map((c) => `comment ${c.id}`).sort());
  });

  it('takes its own comment as done when Jira took it but the answer was lost, retrying a failed property read first', async () => {
    let posts = 0;
    let reads = 0;
    const a = await start(async (request, forward) => {
      if (isCommentPost(request) && ++posts === 1) {
        await forward();
        return serverError();
      }
      if (isPropertyRead(request) && ++reads === 1) return serverError();
      return forward();
    }, ['report-outage-a']);
    await labelAndSettle(a);

    const comments = await outageComments(a);
    expect(comments).toHaveLength(1);
    expect(posts).toBe(1);
    const [execution, ...others] = await executionsOf(a, 'report-outage-a');
    expect(others).toEqual([]);
    expect(execution).toMatchObject({ status: 'SUCCESS', attempts: 3 });
    expect(execution?.actions).toEqual([{ type: 'comment', status: 'done', detail: `comment ${comments[0]?.id ?? ''} (found after a retry)` }]);
  });

  it('marks a comment with a digest of its run and the action’s index only', () => {
    // A scheduled run's execution id names the rule and the issue; anyone who can browse the issue can read the property.
    const marker = runMarker({ executionId: 'payroll-escalation.20260302T0900Z.HR-17', index: 2 });
    expect(marker).toEqual({ key: 'ruleforge.run', value: { run: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown, action: 2 } });
    expect(JSON.stringify(marker)).not.toMatch(/payroll|HR-17|20260302/);
    expect(runMarker({ executionId: 'payroll-escalation.20260302T0900Z.HR-17', index: 2 })).toEqual(marker);
    expect(runMarker({ executionId: 'payroll-escalation.20260302T0900Z.HR-18', index: 2 }).value.run).not.toBe(marker.value.run);
  });
});
