import { expect, it } from 'vitest';
import { slowStorage } from '../../../test/support/slow-storage.js';
import { ruleStats } from '../executions/rule-stats.js';
import { admitRun, countOutcome } from './counters.js';

const HOUR = '2026-03-02T09';

it('counts the outcomes of 40 runs of one rule that finish at once, in a few calls each, summed by the rule stats', async () => {
  const { storage, calls } = slowStorage();
  await Promise.all(Array.from({ length: 40 }, (_, i) => countOutcome(storage, 'busy-rule', HOUR, `run-${String(i)}`, i % 4 === 0 ? { matched: 1, failed: 1 } : { matched: 1 })));
  // On one item, all 40 raced for it: one winner a round, about 15 calls each, and 32 increments dropped.
  expect(calls() / 40).toBeLessThan(10);
  const [stats] = await ruleStats(storage, ['busy-rule'], ['2026-03-02']);
  expect(stats).toMatchObject({ runs: [40], failures: [10] });
});

it('admits runs while the hour is under the limit and counts the rest as throttled, on the hour\'s main item', async () => {
  const { storage } = slowStorage();
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await admitRun(storage, 'limited', HOUR, 3));
  expect(answers.map((a) => a.admitted)).toEqual([true, true, true, false, false]);
  expect(answers.at(-1)?.counter).toMatchObject({ runs: 3, throttled: 2 });
  await countOutcome(storage, 'limited', HOUR, 'run-a', { matched: 1 });
  // The outcome shards never reach the gate: the next run is still judged on runs alone.
  expect((await admitRun(storage, 'limited', HOUR, 4)).admitted).toBe(true);
});
