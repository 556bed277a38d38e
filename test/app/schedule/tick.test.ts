import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../src/app/deps.js';
import { listRuns } from '../../../src/app/schedule/run-queries.js';
import { scheduleTick } from '../../../src/app/schedule/tick.js';
import type { StoragePort, TransactOp } from '../../../src/ports/storage.js';
import { createPipeline, importIssues, T0 } from './pipeline.js';

// The scheduler tick on its own: what it claims, and that no due time is claimed twice however ticks overlap.
const rule = (cron: string, timezone = 'UTC') => ({
  schemaVersion: 1,
  id: 'sweep-ops',
  name: 'Sweep OPS',
  trigger: { type: 'schedule', cron, timezone, jql: 'project = OPS' },
  actions: [{ type: 'addLabels', labels: ['swept'] }],
});

/** Storage whose first `parties` transactions wait for each other: ticks that all read before any of them writes. */
function racing(storage: StoragePort, parties: number): StoragePort {
  let waiting: (() => void)[] = [];
  let arrived = 0;
  return new Proxy(storage, {
    get(target, property, receiver) {
      if (property !== 'transact') return Reflect.get(target, property, receiver) as unknown;
      return async (ops: readonly TransactOp[]) => {
        if (arrived < parties) {
          arrived += 1;
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === parties) {
              for (const release of waiting) release();
              waiting = [];
            }
          });
        }
        return target.transact(ops);
      };
    },
  });
}

describe('scheduleTick', () => {
  it('claims a due time once when three ticks overlap (all read the old state, one transaction wins)', async () => {
    const p = createPipeline();
    importIssues(p.site, 3);
    await p.saveRule(rule('0 9 * * *'));
    p.clock.set(T0 + 3 * 60_000);
    const deps: AppDeps = { ...p.deps, storage: racing(p.deps.storage, 3) };
    const reports = await Promise.all([scheduleTick(deps), scheduleTick(deps), scheduleTick(deps)]);
    expect(reports.map((r) => r.started.length).sort()).toEqual([0, 0, 1]);
    expect(reports.reduce((sum, r) => sum + r.alreadyClaimed, 0)).toBe(2);
    expect((await listRuns(p.deps.storage, { ruleId: 'sweep-ops' })).items).toHaveLength(1);
    expect(p.queue.pushed().filter((e) => e.body.kind === 'run-page')).toHaveLength(1);
  });

  it('does nothing on a tick delivered again after the first one finished', async () => {
    const p = createPipeline();
    await p.saveRule(rule('0 9 * * *'));
    p.clock.set(T0 + 60_000);
    const first = await scheduleTick(p.deps);
    const again = await scheduleTick(p.deps);
    expect(first.started.map((s) => s.dueAt)).toEqual(['2026-03-02T09:00:00.000Z']);
    expect(again).toMatchObject({ started: [], alreadyClaimed: 0 });
  });

  it('runs a rule saved shortly before its due time at the first tick after it', async () => {
    const p = createPipeline();
    p.clock.set(T0 - 2 * 60_000);
    await p.saveRule(rule('0 9 * * *'));
    p.clock.set(T0 + 4 * 60_000);
    expect((await scheduleTick(p.deps)).started).toHaveLength(1);
  });

  it('does not run due times from before a rule was enabled (no catch-up for time it was off)', async () => {
    const p = createPipeline();
    p.clock.set(T0 + 30 * 60_000);
    await p.saveRule(rule('0 9 * * *'));
    p.clock.set(T0 + 35 * 60_000);
    const report = await scheduleTick(p.deps);
    expect(report).toMatchObject({ rules: 1, started: [] });
  });

  it('pushes a run whose start message was lost again at a later tick', async () => {
    const p = createPipeline();
    await p.saveRule(rule('0 9 * * *'));
    p.clock.set(T0 + 60_000);
    await scheduleTick(p.deps);
    // Nothing consumed the start message (as if its push had been lost): the run is still QUEUED.
    const before = p.queue.pushed().length;
    p.clock.set(T0 + 3 * 60_000);
    expect((await scheduleTick(p.deps)).resumed).toBe(0);
    p.clock.set(T0 + 10 * 60_000);
    const later = await scheduleTick(p.deps);
    expect(later.resumed).toBe(1);
    expect(p.queue.pushed().slice(before).map((e) => e.body)).toEqual([{ kind: 'run-page', runId: 'sweep-ops.20260302T090000Z', step: 0 }]);
  });
});
