import '../components/jsdom-shims.js';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunView } from '../../../app/schedule/run-queries.js';
import type { RunBatch, ScheduledRun } from '../../../app/schedule/run-record.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { RunsView } from './runs-view.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
vi.mock('../components/trace-tree.js', () => ({ TraceTree: ({ trace }: { trace: unknown }) => <div data-testid="trace">{JSON.stringify(trace)}</div> }));
afterEach(() => { cleanup(); vi.useRealTimers(); });

const run = (extra: Partial<ScheduledRun> = {}): ScheduledRun => ({
  runId: 'stale.20260302T090000Z', ruleId: 'stale', ruleVersion: 2, kind: 'schedule', dryRun: false,
  dueAt: '2026-03-02T09:00:00.000Z', firedAt: '2026-03-02T09:00:05.000Z', missed: 0, missedCapped: false, requestedBy: 'app',
  jql: 'project = OPS', maxIssues: 1000, fields: ['updated'], phase: 'done', status: 'SUCCESS', expected: 100, seen: 100, matched: 10,
  pages: 1, batches: 2, dispatched: 2, capped: false, nextPageToken: null, startedAt: '2026-03-02T09:00:05.000Z', updatedAt: '2026-03-02T09:01:00.000Z',
  finishedAt: '2026-03-02T09:01:00.000Z', acted: 9, failed: 1, error: null, retries: 0, writes: 4, ...extra,
});
const view = (extra: Partial<ScheduledRun> = {}): RunView => ({ ...run(extra), batchesDone: 0 });

const batch = (batchNo: number, extra: Partial<RunBatch> = {}): RunBatch => ({
  runId: 'stale.20260302T090000Z', batchNo, state: 'done', acted: 1, failed: 0, doneAt: null,
  items: [{ issueKey: `OPS-${batchNo}`, plan: { decision: 'matched', actions: [{ type: 'comment', body: 'Closing: stale' }, { type: 'transition', to: 'Done' }], let: {} }, trace: { let: {} } }],
  ...extra,
});

describe('RunsView list', () => {
  it('lists runs of the route rule, pages with the cursor, and opens one', async () => {
    const navigate = vi.fn();
    const fake = fakeClient({
      'runs.list': (p) => ok(p.cursor === undefined
        ? { items: [{ key: 'a', value: run({ status: 'SOME_ERRORS' }) }], cursor: 'c2' }
        : { items: [{ key: 'b', value: run({ runId: 'stale.m1', kind: 'manual', dryRun: true, status: 'DRY_RUN' }) }] }),
    });
    renderWithClient(<RunsView ruleId="stale" navigate={navigate} />, fake);
    const row = within((await screen.findByText('100 read, 10 matched, 9 done, 1 failed')).closest('tr') as HTMLElement);
    expect(row.getByText('Some errors')).toBeTruthy();
    expect(row.getByText('Schedule')).toBeTruthy();
    fireEvent.click(row.getAllByRole('link')[0] as HTMLElement);
    expect(navigate).toHaveBeenCalledWith({ view: 'runs', runId: 'stale.20260302T090000Z', ruleId: 'stale' });

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Manual, dry run')).toBeTruthy();
    expect(fake.calls.map((c) => c.payload)).toEqual([{ ruleId: 'stale', limit: 25 }, { ruleId: 'stale', limit: 25, cursor: 'c2' }]);
  });
});

describe('RunsView detail', () => {
  it('follows a live run every 2 s and stops once it is finished', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answers = [
      view({ phase: 'paging', status: 'RUNNING', seen: 40, matched: 10, acted: 0, failed: 0, finishedAt: null }),
      view({ phase: 'acting', status: 'RUNNING', seen: 100, matched: 10, acted: 4, failed: 1, finishedAt: null }),
      view({ phase: 'done', status: 'SOME_ERRORS', acted: 9, failed: 1 }),
    ];
    const fake = fakeClient({
      'runs.get': () => ok(answers.length > 1 ? answers.shift() as RunView : answers[0] as RunView),
      'runs.batches': () => ok({ items: [] }),
    });
    // RTL's async helpers wait on setTimeout, which is faked here: answers are flushed with act() instead.
    const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    renderWithClient(<RunsView runId="stale.20260302T090000Z" navigate={vi.fn()} />, fake);
    await tick(0);
    const bar = screen.getByRole('progressbar', { name: 'Run progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(screen.getByText('Read 40 of about 100 issues; 10 matched')).toBeTruthy();

    await tick(1999);
    expect(fake.calls.filter((c) => c.key === 'runs.get')).toHaveLength(1);
    await tick(1);
    expect(screen.getByText('Carried out 5 of 10 matched issues (1 failed)')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Run progress' }).getAttribute('aria-valuemax')).toBe('10');

    await tick(2000);
    expect(screen.getByText('Finished: 9 done, 1 failed, of 10 matched')).toBeTruthy();
    await tick(10_000);
    expect(fake.calls.filter((c) => c.key === 'runs.get')).toHaveLength(3);
    expect(fake.calls.find((c) => c.key === 'runs.get')?.payload).toEqual({ runId: 'stale.20260302T090000Z' });
  });

  it('lists a dry run\'s batches as what would change, paged', async () => {
    const fake = fakeClient({
      'runs.get': () => ok(view({ dryRun: true, status: 'DRY_RUN', acted: 0, failed: 0, matched: 2 })),
      'runs.batches': (p) => ok(p.cursor === undefined ? { items: [{ key: 'k1', value: batch(1) }], cursor: 'b2' } : { items: [{ key: 'k2', value: batch(2) }] }),
    });
    renderWithClient(<RunsView runId="stale.20260302T090000Z" navigate={vi.fn()} />, fake);
    expect(await screen.findByText('Dry run finished: 2 of 100 issues would change')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What would change' })).toBeTruthy();
    const planned = await screen.findByRole('list', { name: 'Would change on OPS-1' });
    expect(within(planned).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['would comment "Closing: stale"', 'would move the issue to Done']);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('list', { name: 'Would change on OPS-2' })).toBeTruthy();
    expect(fake.calls.filter((c) => c.key === 'runs.batches').map((c) => c.payload)).toEqual([
      { runId: 'stale.20260302T090000Z', limit: 5 }, { runId: 'stale.20260302T090000Z', limit: 5, cursor: 'b2' },
    ]);
  });

  it('shows a live run\'s planned actions and a failed issue\'s error', async () => {
    const failedItem = { issueKey: 'OPS-9', plan: { decision: 'failed' as const, actions: [], let: {}, error: { code: 'BUDGET_EXCEEDED' as const, message: 'too long', path: '/when' } }, trace: null };
    renderWithClient(<RunsView runId="r" navigate={vi.fn()} />, fakeClient({
      'runs.get': () => ok(view()),
      'runs.batches': () => ok({ items: [{ key: 'k', value: batch(1, { items: [...batch(1).items, failedItem], acted: 1, failed: 1 }) }] }),
    }));
    expect(await screen.findByRole('list', { name: 'Planned actions on OPS-1' })).toBeTruthy();
    expect(screen.getByText('done: 1 done, 1 failed')).toBeTruthy();
    expect(screen.getByText(/failed: BUDGET_EXCEEDED: too long/)).toBeTruthy();
  });

  it('says when the run is gone', async () => {
    renderWithClient(<RunsView runId="gone" navigate={vi.fn()} />, fakeClient({ 'runs.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Run gone does not exist' } }) }));
    await waitFor(() => { expect(screen.getByText('Run gone does not exist')).toBeTruthy(); });
  });
});
