import { describe, expect, it } from 'vitest';
import { startJqlRun } from '../../../src/app/schedule/manual-run.js';
import { pageRun } from '../../../src/app/schedule/page-run.js';
import { getRun, listRunBatches } from '../../../src/app/schedule/run-queries.js';
import type { ScheduledRun } from '../../../src/app/schedule/run-record.js';
import type { Rule } from '../../../src/core/rule/rule-schema.js';
import { commentsOn, createPipeline, importIssues, type Pipeline } from './pipeline.js';

// A run over a JQL set, message by message: paging, batches, act jobs, and what happens when deliveries repeat,
// invocations die at any call, or Jira pushes back. Jira effects are counted in the simulated site.
const rule = {
  schemaVersion: 1,
  id: 'nudge-open-tasks',
  name: 'Nudge open tasks',
  trigger: { type: 'manual' },
  when: { '!': { in: ['done', { var: 'issue.fields.labels' }] } },
  actions: [
    { type: 'addLabels', labels: ['nudged'] },
    { type: 'comment', body: { cat: ['Still open at priority ', { var: 'issue.fields.priority.name' }] } },
  ],
};

async function start(p: Pipeline, options: { count: number; dryRun?: boolean; maxIssues?: number; jql?: string }): Promise<string> {
  importIssues(p.site, options.count);
  await p.saveRule(rule);
  const run = await startJqlRun(p.deps, {
    ruleId: rule.id, ruleVersion: 1, document: rule as unknown as Rule, jql: options.jql ?? 'project = OPS ORDER BY key ASC', dryRun: options.dryRun ?? false,
    actor: 'test', ...(options.maxIssues === undefined ? {} : { maxIssues: options.maxIssues }),
  });
  if ('code' in run) throw new Error(run.message);
  return run.runId;
}

const matchedOf = (count: number): number => count - Math.floor(count / 3);

async function finished(p: Pipeline, runId: string): Promise<ScheduledRun> {
  const run = await getRun(p.deps.storage, runId);
  if (run === null) throw new Error('no run');
  return run;
}

async function commentTotals(p: Pipeline, count: number): Promise<number[]> {
  const totals: number[] = [];
  for (let i = 1; i <= count; i++) totals.push(await commentsOn(p.site, `OPS-${String(i)}`));
  return totals;
}

const expectedComments = (count: number): number[] => Array.from({ length: count }, (_, i) => ((i + 1) % 3 === 0 ? 0 : 1));

describe('a run over a JQL set', () => {
  it('pages with nextPageToken asking only for the fields the rule reads, then acts on each match once', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 250 });
    await p.pump();
    const searches = p.jiraCalls.filter((c) => c.method === 'searchJql').map((c) => (JSON.parse(c.detail) as [{ fields: string[]; maxResults: number; nextPageToken?: string }])[0]);
    expect(searches.map((s) => s.maxResults)).toEqual([100, 100, 100]);
    expect(searches.map((s) => s.nextPageToken === undefined)).toEqual([true, false, false]);
    for (const search of searches) expect(search.fields).toEqual(['labels', 'priority']);
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', phase: 'done', seen: 250, matched: matchedOf(250), acted: matchedOf(250), failed: 0, expected: 250, capped: false });
    expect(await commentTotals(p, 250)).toEqual(expectedComments(250));
  });

  it('stops at maxIssues and says the search had more', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 150, maxIssues: 120 });
    await p.pump();
    const sizes = p.jiraCalls.filter((c) => c.method === 'searchJql').map((c) => (JSON.parse(c.detail) as [{ maxResults: number }])[0].maxResults);
    expect(sizes).toEqual([100, 20]);
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', seen: 120, capped: true, expected: 120, matched: matchedOf(120) });
  });

  it('hands paging over to a new queue event when its budget runs out, and loses no page', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 230 });
    const first = p.queue.pushed().length;
    // The first invocation may read one page only; the continuation it pushes reads on with the normal budget.
    p.queue.pushed().splice(first - 1, 1);
    await pageRun(p.deps, runId, 0, { pages: 1, wallMs: 60_000 });
    expect(p.queue.pushed().at(-1)?.body).toEqual({ kind: 'run-page', runId, step: 1 });
    await p.pump();
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', seen: 230, pages: 3, acted: matchedOf(230) });
  });

  it('dry: writes nothing to Jira and lists what would change', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 40, dryRun: true });
    await p.pump();
    expect(p.jiraCalls.map((c) => c.method).filter((m) => m !== 'searchJql' && m !== 'countIssues')).toEqual([]);
    expect(await finished(p, runId)).toMatchObject({ status: 'DRY_RUN', seen: 40, matched: matchedOf(40), acted: 0 });
    const batches = await listRunBatches(p.deps.storage, runId, {});
    const items = batches.items.flatMap((b) => b.value.items);
    expect(items).toHaveLength(matchedOf(40));
    expect(items[0]).toMatchObject({ issueKey: 'OPS-1', plan: { decision: 'matched', actions: [{ type: 'addLabels', labels: ['nudged'] }, { type: 'comment', body: 'Still open at priority Medium' }] } });
  });

  it('fails with Jira\'s message when the search is refused, and acts on nothing', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 5, jql: 'project = NOPE' });
    await p.pump();
    const run = await finished(p, runId);
    expect(run).toMatchObject({ status: 'FAILED', phase: 'done', seen: 0, error: { code: 'SEARCH_REFUSED' } });
    expect(run.error?.message).toContain('NOPE');
  });
});

describe('exactly once under duplicates, kills and rate limits', () => {
  it('delivers every message twice: the same effects and counts as once', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 120 });
    await p.pump({ duplicate: true });
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', acted: matchedOf(120), failed: 0 });
    expect(await commentTotals(p, 120)).toEqual(expectedComments(120));
  });

  // An invocation can die at any storage call: the next delivery must carry on without repeating an effect.
  it.each([2, 5, 9, 14, 20, 27, 35, 44, 60, 80, 110])('resumes after a kill at storage call %i', async (n) => {
    const p = createPipeline();
    const runId = await start(p, { count: 60 });
    p.killAtStorageCall(n);
    const { killed } = await p.pump();
    expect(killed).toBe(1);
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', acted: matchedOf(60), failed: 0 });
    expect(await commentTotals(p, 60)).toEqual(expectedComments(60));
  });

  it.each([1, 2, 3, 8, 13])('posts no second comment when killed just after Jira write %i', async (n) => {
    const p = createPipeline();
    const runId = await start(p, { count: 20 });
    p.killAfterJiraWrite(n);
    expect((await p.pump()).killed).toBe(1);
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', acted: matchedOf(20) });
    expect(await commentTotals(p, 20)).toEqual(expectedComments(20));
  });

  it('waits out 429s on actions and finishes every issue once', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 30 });
    p.throttleJiraWrites(7);
    await p.pump();
    // Retried act jobs keep the run's concurrency key: retries must not escape the limit when Jira pushes back.
    const actJobs = p.queue.pushed().filter((e) => e.body.kind === 'run-batch');
    expect(actJobs.length).toBeGreaterThan(1);
    for (const job of actJobs) expect(job.concurrency).toEqual({ key: `run-${runId}`, limit: 4 });
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', acted: matchedOf(30), failed: 0 });
    expect(await commentTotals(p, 30)).toEqual(expectedComments(30));
  });
});

describe('a refused push', () => {
  it('does not strand a paged run: the redelivered page message dispatches its act jobs', async () => {
    const p = createPipeline();
    const runId = await start(p, { count: 60 });
    const push = p.deps.queue.push.bind(p.deps.queue);
    let refuse = true;
    // Forge answers 429 to the pager's act-job pushes (say, other runs used the minute's 500 events).
    p.deps.queue.push = (events) => (refuse && events.some((e) => e.body.kind === 'run-batch') ? Promise.reject(new Error('429 RATE_LIMIT_EXCEEDED')) : push(events));
    await expect(p.pump()).rejects.toThrow('429');
    expect(await finished(p, runId)).toMatchObject({ phase: 'acting', dispatched: 0 });
    refuse = false;
    // Forge delivers the failed page message again, as it was.
    await push([{ body: { kind: 'run-page', runId, step: 0 } }]);
    await p.pump();
    expect(await finished(p, runId)).toMatchObject({ status: 'SUCCESS', acted: matchedOf(60) });
  });
});
