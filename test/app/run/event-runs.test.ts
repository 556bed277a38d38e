import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgeStorage } from '../../../src/adapters/forge/kvs-storage.js';
import { notMatchedIn } from '../../../src/app/run/match-tally.js';
import { startApp, type App } from './harness.js';

// A rule on Jira events, end to end: saved through the admin resolver, fired by a person's change in the simulated
// site, acting on the issue as the app, with its execution record readable through the resolver.
let app: App;
beforeEach(() => {
  app = startApp();
});
afterEach(() => {
  app.close();
});

const labelRule = {
  schemaVersion: 1,
  id: 'flag-customer-issues',
  name: 'Flag customer issues',
  trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] },
  when: { in: ['customer', { var: 'issue.fields.labels' }] },
  actions: [
    { type: 'addLabels', labels: ['triaged'] },
    { type: 'comment', body: { cat: ['Flagged for ', { var: 'issue.key' }] } },
    { type: 'record', name: 'labels', value: { var: 'issue.fields.labels' } },
  ],
};

type Execution = { executionId: string; ruleId: string; status: string; issueKey: string; actions: { type: string; status: string }[]; trace: unknown; attempts: number };

async function executions(): Promise<Execution[]> {
  const listed = await app.resolve('executions.list', { ruleId: 'flag-customer-issues' });
  return (listed.result as { items: { value: Execution }[] }).items.map((i) => i.value);
}

const STORM = { errorRate: 1, errorStatus: 429, retryAfterSeconds: 20 } as const;

/** The resolvers ask Jira whether the caller is an administrator, so the storm is lifted for the read (no time passes). */
async function executionsDuringStorm(): Promise<Execution[]> {
  app.runtime.traffic.setFaults('jira', {});
  try {
    return await executions();
  } finally {
    app.runtime.traffic.setFaults('jira', STORM);
  }
}

async function labelsOf(key: string): Promise<string[]> {
  return ((await app.jira('GET', `/issue/${key}?fields=labels`)).body as { fields: { labels: string[] } }).fields.labels;
}

async function commentsOf(key: string): Promise<string[]> {
  const body = (await app.jira('GET', `/issue/${key}/comment`)).body as { comments: { body: { content: { content: { text?: string }[] }[] } }[] };
  return body.comments.map((c) => c.body.content.flatMap((p) => p.content.map((t) => t.text ?? '')).join(''));
}

describe('a rule on Jira events, through the local runtime', () => {
  it('acts on the issue as the app and records one execution with its trace', async () => {
    expect((await app.resolve('rules.save', { document: labelRule, expectedVersion: null })).ok).toBe(true);
    expect((await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } })).status).toBe(204);
    await app.runtime.drain();
    expect(await labelsOf('RF-3')).toEqual(expect.arrayContaining(['customer', 'triaged']));
    expect((await commentsOf('RF-3')).filter((c) => c === 'Flagged for RF-3')).toHaveLength(1);
    const [execution, ...others] = await executions();
    expect(others).toEqual([]);
    expect(execution).toMatchObject({ ruleId: 'flag-customer-issues', status: 'SUCCESS', issueKey: 'RF-3', attempts: 1 });
    expect(execution?.actions.map((a) => a.status)).toEqual(['done', 'done', 'done']);
    expect(execution?.trace).toMatchObject({ when: { op: 'in' } });
    const opened = await app.resolve('executions.get', { executionId: execution?.executionId });
    expect(opened.result).toMatchObject({ status: 'SUCCESS' });
  });

  it('does not fire on its own change (ignoreSelf), nor on a change outside its fields', async () => {
    await app.resolve('rules.save', { document: labelRule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-3', { fields: { summary: 'Renamed by Ben' } });
    await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } });
    const report = await app.runtime.drain();
    // The person's two edits were delivered; the rule's own label and comment were not.
    expect(report.events.delivered).toBe(2);
    expect(await executions()).toHaveLength(1);
  });

  it('counts runs whose condition was false, without an execution record', async () => {
    await app.resolve('rules.save', { document: labelRule, expectedVersion: null });
    const plain: string[] = [];
    for (let n = 7; plain.length < 2; n += 1) if (!(await labelsOf(`RF-${String(n)}`)).includes('customer')) plain.push(`RF-${String(n)}`);
    for (const key of plain) await app.jira('PUT', `/issue/${key}`, { update: { labels: [{ add: 'internal' }] } });
    await app.runtime.drain();
    expect(await executions()).toEqual([]);
    const hour = new Date(app.clock.now()).toISOString().slice(0, 13);
    expect(await app.runtime.runInInvocation(() => notMatchedIn(forgeStorage(), hour, 'flag-customer-issues'))).toBe(2);
  });

  it('runs once when Forge delivers the same event twice, and says the second was a duplicate', async () => {
    await app.resolve('rules.save', { document: labelRule, expectedVersion: null });
    const seen: Record<string, unknown>[] = [];
    app.site.onEvent((event) => seen.push(event));
    await app.jira('PUT', '/issue/RF-4', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    app.runtime.publishEvent(seen[0]);
    await app.runtime.drain();
    expect((await commentsOf('RF-4')).filter((c) => c === 'Flagged for RF-4')).toHaveLength(1);
    const statuses = (await executions()).map((e) => e.status).sort();
    expect(statuses).toEqual(['SKIPPED_DUPLICATE', 'SUCCESS']);
  });

  it('retries a 429 storm on its actions through the queue with backoff, and still comments exactly once', async () => {
    // Reads only what the event carries, so the first Jira call is an action's.
    const rule = { ...labelRule, trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['summary'] }, when: { startsWith: [{ var: 'issue.fields.summary' }, 'URGENT'] }, actions: labelRule.actions.slice(0, 2) };
    await app.resolve('rules.save', { document: rule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-5', { fields: { summary: 'URGENT: checkout is down' } });
    app.runtime.traffic.setFaults('jira', STORM);
    await app.runtime.drain();
    expect(await executionsDuringStorm()).toEqual([]);
    await app.runtime.advanceTo(app.clock.now() + 100_000);
    app.runtime.traffic.setFaults('jira', {});
    await app.runtime.advanceTo(app.clock.now() + 3_600_000);
    expect((await commentsOf('RF-5')).filter((c) => c === 'Flagged for RF-5')).toHaveLength(1);
    const [execution, ...others] = await executions();
    expect(others).toEqual([]);
    expect(execution).toMatchObject({ status: 'SUCCESS' });
    expect(execution?.attempts).toBeGreaterThan(2);
  });

  it('outlasts a 429 storm on reading the issue longer than Forge’s own redeliveries, then runs once', async () => {
    await app.resolve('rules.save', { document: labelRule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-5', { update: { labels: [{ add: 'customer' }] } });
    app.runtime.traffic.setFaults('jira', STORM);
    await app.runtime.advanceTo(app.clock.now() + 200_000);
    expect(await executionsDuringStorm()).toEqual([]);
    app.runtime.traffic.setFaults('jira', {});
    await app.runtime.advanceTo(app.clock.now() + 3_600_000);
    expect((await commentsOf('RF-5')).filter((c) => c === 'Flagged for RF-5')).toHaveLength(1);
    expect((await executions()).map((e) => e.status)).toEqual(['SUCCESS']);
  });

  it('fails an action Jira refuses for good, records why, and goes on with the next', async () => {
    const rule = { ...labelRule, id: 'flag-customer-issues', actions: [{ type: 'transition', to: 'Nowhere' }, { type: 'addLabels', labels: ['triaged'] }] };
    await app.resolve('rules.save', { document: rule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-6', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    const [execution] = await executions();
    expect(execution).toMatchObject({ status: 'SOME_ERRORS', attempts: 1 });
    expect(execution?.actions).toEqual([expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'TRANSITION_NOT_AVAILABLE' }) as unknown }), expect.objectContaining({ status: 'done' })]);
  });
});
