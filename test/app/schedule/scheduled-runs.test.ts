import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../run/harness.js';

// The example schedule rule end to end in the local runtime: the scheduler's fiveMinute tick, the rule's own cron in
// New York time, the JQL paged from the simulated site, the actions as the app, the run record through resolvers.
const sweep = JSON.parse(readFileSync(new URL('../../../rules/weekly-sla-sweep.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const DAY = 86_400_000;

let app: App;
beforeEach(() => {
  app = startApp();
});
afterEach(() => {
  app.close();
});

type Run = { runId: string; status: string; phase: string; dueAt: string; missed: number; seen: number; matched: number; acted: number; failed: number; expected: number | null };

async function runs(ruleId = 'weekly-sla-sweep'): Promise<Run[]> {
  const listed = await app.resolve('runs.list', { ruleId });
  return (listed.result as { items: { value: Run }[] }).items.map((i) => i.value);
}

function importSupport(key: string, fields: { priority: string; createdDaysAgo: number; status?: string; labels?: string[] }): void {
  const created = new Date(app.clock.now() - fields.createdDaysAgo * DAY).toISOString();
  app.site.importIssue({
    key,
    fields: {
      project: { id: '10900', key: 'SUP', name: 'Support' }, issuetype: { name: 'Incident' }, summary: `Customer problem ${key}`,
      status: { name: fields.status ?? 'To Do' }, priority: { name: fields.priority }, created, updated: created, labels: fields.labels ?? [],
    },
  });
}

async function labelsOf(key: string): Promise<string[]> {
  return ((await app.jira('GET', `/issue/${key}?fields=labels`)).body as { fields: { labels: string[] } }).fields.labels;
}

async function commentCount(key: string): Promise<number> {
  return ((await app.jira('GET', `/issue/${key}/comment`)).body as { comments: unknown[] }).comments.length;
}

describe('the example schedule rule (weekly-sla-sweep, Mondays 08:00 New York)', () => {
  beforeEach(async () => {
    importSupport('SUP-1', { priority: 'Highest', createdDaysAgo: 3 });
    importSupport('SUP-2', { priority: 'High', createdDaysAgo: 5 });
    importSupport('SUP-3', { priority: 'Medium', createdDaysAgo: 4 });
    importSupport('SUP-4', { priority: 'High', createdDaysAgo: 9, status: 'Done' });
    importSupport('SUP-5', { priority: 'Highest', createdDaysAgo: 8, labels: ['sla-breached'] });
    expect((await app.resolve('rules.save', { document: sweep, expectedVersion: null })).ok).toBe(true);
    // The first save of the file loads the resolver's sources (compiled on the fly): slow on a busy machine.
  }, 60_000);

  it('runs exactly once when the clock crosses its due time, and the run record says what it did', async () => {
    // START is Monday 2026-03-02 09:00Z; 08:00 in New York (EST) is 13:00Z.
    await app.runtime.advanceTo(Date.parse('2026-03-02T12:55:00Z'));
    expect(await runs()).toEqual([]);
    await app.runtime.advanceTo(Date.parse('2026-03-02T13:20:00Z'));
    const [run, ...others] = await runs();
    expect(others).toEqual([]);
    expect(run).toMatchObject({ dueAt: '2026-03-02T13:00:00.000Z', status: 'SUCCESS', phase: 'done', missed: 0, seen: 3, matched: 2, acted: 2, failed: 0, expected: 3 });
    expect(await labelsOf('SUP-1')).toContain('sla-breached');
    expect(await labelsOf('SUP-2')).toContain('sla-breached');
    expect(await labelsOf('SUP-3')).not.toContain('sla-breached');
    expect([await commentCount('SUP-1'), await commentCount('SUP-2'), await commentCount('SUP-3')]).toEqual([1, 1, 0]);
    // Many more ticks, none due: still one run, one comment each.
    await app.runtime.advanceTo(Date.parse('2026-03-02T20:00:00Z'));
    expect(await runs()).toHaveLength(1);
    expect(await commentCount('SUP-1')).toBe(1);
  });

  it('catches up once after missed ticks and says how many due times it stands in for', async () => {
    // The clock jumps three weeks with no tick in between (the app was down): one run, for the latest due time.
    app.clock.set(Date.parse('2026-03-23T14:00:00Z'));
    await app.runtime.drain();
    const [run, ...others] = await runs();
    expect(others).toEqual([]);
    // 2026-03-23 is after New York's spring-forward (03-08): 08:00 EDT is 12:00Z.
    expect(run).toMatchObject({ dueAt: '2026-03-23T12:00:00.000Z', missed: 3, status: 'SUCCESS' });
  });
});

describe('schedules in the local runtime', () => {
  it('runs a Berlin 02:30 rule once on the night 02:30 happens twice (fall-back, 2026-10-25)', async () => {
    app.clock.set(Date.parse('2026-10-24T12:00:00Z'));
    const rule = {
      schemaVersion: 1, id: 'nightly-berlin', name: 'Nightly Berlin',
      trigger: { type: 'schedule', cron: '30 2 * * *', timezone: 'Europe/Berlin', jql: 'project = RF AND labels = nothing-has-this' },
      actions: [{ type: 'addLabels', labels: ['x'] }],
    };
    expect((await app.resolve('rules.save', { document: rule, expectedVersion: null })).ok).toBe(true);
    await app.runtime.advanceTo(Date.parse('2026-10-26T12:00:00Z'));
    const ran = (await runs('nightly-berlin')).map((r) => [r.dueAt, r.status]);
    expect(ran.sort()).toEqual([['2026-10-25T00:30:00.000Z', 'SUCCESS'], ['2026-10-26T01:30:00.000Z', 'SUCCESS']]);
  });

  it('carries a 10,000-issue run end to end: every issue acted on once, progress complete', async () => {
    app.site.generate({ count: 10_000, project: 'OPS', fields: { labels: ['bulk'] } });
    const rule = {
      schemaVersion: 1, id: 'bulk-sweep', name: 'Bulk sweep',
      trigger: { type: 'schedule', cron: '0 10 * * *', timezone: 'UTC', jql: 'project = OPS AND labels = bulk', maxIssues: 10_000 },
      when: { in: ['bulk', { var: 'issue.fields.labels' }] },
      actions: [{ type: 'addLabels', labels: ['swept'] }],
    };
    expect((await app.resolve('rules.save', { document: rule, expectedVersion: null })).ok).toBe(true);
    await app.runtime.advanceTo(Date.parse('2026-03-02T10:05:00Z'));
    for (let i = 0; i < 20; i++) {
      const [run] = await runs('bulk-sweep');
      if (run?.phase === 'done') break;
      await app.runtime.advanceTo(app.clock.now() + 60_000);
    }
    const [run, ...others] = await runs('bulk-sweep');
    expect(others).toEqual([]);
    expect(run).toMatchObject({ status: 'SUCCESS', seen: 10_000, matched: 10_000, acted: 10_000, failed: 0, expected: 10_000 });
    const swept = await app.jira('POST', '/search/approximate-count', { jql: 'project = OPS AND labels = swept' });
    expect(swept.body).toEqual({ count: 10_000 });
  }, 600_000);
});

describe('manual runs through the admin resolvers', () => {
  const labelRule = {
    schemaVersion: 1, id: 'label-rf', name: 'Label RF', trigger: { type: 'manual' },
    when: { '==': [{ var: 'issue.fields.project.key' }, 'RF'] },
    actions: [{ type: 'addLabels', labels: ['checked'] }, { type: 'comment', body: { cat: ['Checked ', { var: 'issue.key' }] } }],
  };

  it('dry-runs a saved rule on one issue: the plan and trace come back, Jira is untouched, a DRY_RUN is recorded', async () => {
    expect((await app.resolve('rules.save', { document: labelRule, expectedVersion: null })).ok).toBe(true);
    const before = await labelsOf('RF-2');
    const answer = await app.resolve('runs.start', { ruleId: 'label-rf', issueKey: 'RF-2', dryRun: true });
    expect(answer.result).toMatchObject({
      decision: 'matched', status: 'DRY_RUN',
      actions: [{ type: 'addLabels', labels: ['checked'], summary: 'add label checked' }, { type: 'comment', body: 'Checked RF-2', summary: 'comment "Checked RF-2"' }],
      trace: { when: { op: '==' } },
    });
    expect(await labelsOf('RF-2')).toEqual(before);
    const recorded = await app.resolve('executions.get', { executionId: (answer.result as { executionId: string }).executionId });
    expect(recorded.result).toMatchObject({ status: 'DRY_RUN', dryRun: true, actions: [{ status: 'not-run', detail: 'would add label checked' }, { status: 'not-run' }] });
  });

  it('runs a saved rule live on one issue, once', async () => {
    expect((await app.resolve('rules.save', { document: labelRule, expectedVersion: null })).ok).toBe(true);
    const comments = await commentCount('RF-2');
    const answer = await app.resolve('runs.start', { ruleId: 'label-rf', issueKey: 'RF-2', dryRun: false });
    expect(answer.result).toMatchObject({ decision: 'matched', status: 'SUCCESS' });
    await app.runtime.drain();
    expect(await labelsOf('RF-2')).toContain('checked');
    expect(await commentCount('RF-2')).toBe(comments + 1);
  });

  it('tests an unsaved document, and refuses an invalid one with its problems at their paths', async () => {
    const tested = await app.resolve('rules.test', { document: labelRule, issueKey: 'OPS-1' });
    expect(tested.result).toMatchObject({ decision: 'not-matched', executionId: null, ruleVersion: null });
    const invalid = await app.resolve('rules.test', { document: { ...labelRule, actions: [] }, issueKey: 'OPS-1' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_RULE', issues: [expect.objectContaining({ path: '/actions' })] } });
  });

  it('asks for a JQL to run a manual rule over a set, and says when an issue cannot be read', async () => {
    expect((await app.resolve('rules.save', { document: labelRule, expectedVersion: null })).ok).toBe(true);
    expect(await app.resolve('runs.start', { ruleId: 'label-rf', dryRun: true })).toMatchObject({ ok: false, error: { code: 'JQL_REQUIRED' } });
    expect(await app.resolve('runs.start', { ruleId: 'label-rf', issueKey: 'RF-99999', dryRun: true })).toMatchObject({ ok: false, error: { code: 'ISSUE_UNAVAILABLE' } });
    expect(await app.resolve('runs.start', { ruleId: 'label-rf', issueKey: 'not a key', dryRun: true })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });
});
