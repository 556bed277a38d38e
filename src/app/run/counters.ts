import type { StoragePort } from '../../ports/storage.js';
import { drawShard, updateVersioned } from './versioned-update.js';

/** Per rule and hour (UTC): what ran, for throttling and for the admin page's 14-day chart (non-matches: match-tally.ts). */
export type RuleCounter = { ruleId: string; hour: string; runs: number; matched: number; failed: number; throttled: number; writes: number };

export const hourOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 13);

/**
 * Each rule and hour has a main item, the throttle's gate (`runs`, `throttled`), and OUTCOME_SHARDS more for the
 * outcomes of finished runs (`matched`, `failed`), which readers sum (rule-stats.ts sums every item of an hour).
 * With one item, runs of one rule finishing at once raced for it twice per run: 40 at once counted 8 and spent 15
 * storage calls each (counters.test.ts); the load scenario spent 7.9 storage calls an event at 160 events a second
 * (6.4 with the shards) and 18.1 at 320 (13.7).
 */
const OUTCOME_SHARDS = 8;
const counterRef = (ruleId: string, hour: string, shard = 0) => ({ entity: 'rule-counter', key: shard === 0 ? `${ruleId}#${hour}` : `${ruleId}#${hour}#${String(shard)}` });

const COUNTER_TTL_SECONDS = 400 * 24 * 3600;
const OPTIONS = { ttlSeconds: COUNTER_TTL_SECONDS, presentAttribute: 'ruleId' };

/**
 * The throttle's gate, in one conditional write on the hour's main item: a run is admitted (`runs` + 1) while
 * `runs` is under `limit`, else counted as throttled. A writer that lost the race reads again (versioned-update.ts),
 * so concurrent runs are admitted one by one; `counter` is the item as this writer left it.
 */
export async function admitRun(storage: StoragePort, ruleId: string, hour: string, limit: number): Promise<{ admitted: boolean; counter: RuleCounter }> {
  let admitted = false;
  const counter = await updateVersioned<RuleCounter>(storage, counterRef(ruleId, hour), (current) => {
    const next: RuleCounter = { ...(current ?? empty(ruleId, hour)) };
    admitted = next.runs < limit;
    if (admitted) next.runs += 1;
    else next.throttled += 1;
    return next;
  }, OPTIONS);
  return { admitted, counter };
}

/**
 * Adds a finished run's outcome on the hour's first outcome shard; a writer that loses a race draws another one by
 * `spread` (the run's key), so runs of one rule finishing at once scatter instead of meeting again. After 8 lost
 * races the increment is dropped rather than stall a run (the counts feed charts, never a decision).
 */
export async function countOutcome(storage: StoragePort, ruleId: string, hour: string, spread: string, increments: Partial<Record<'matched' | 'failed', number>>): Promise<void> {
  // The first try always takes shard 1, so a rule without bursts keeps one outcome item an hour (the rules list reads
  // 14 days of them); only losers of a race scatter.
  const shardOf = (tries: number): number => (tries === 0 ? 1 : 1 + drawShard(spread, tries, OUTCOME_SHARDS));
  await updateVersioned<RuleCounter>(storage, (tries) => counterRef(ruleId, hour, shardOf(tries)), (current) => {
    const next: RuleCounter = { ...(current ?? empty(ruleId, hour)) };
    for (const [field, by] of Object.entries(increments) as ['matched' | 'failed', number][]) next[field] += by;
    return next;
  }, OPTIONS);
}

function empty(ruleId: string, hour: string): RuleCounter {
  return { ruleId, hour, runs: 0, matched: 0, failed: 0, throttled: 0, writes: 0 };
}
