import type { StoragePort } from '../../ports/storage.js';
import { updateVersioned } from './versioned-update.js';

/** Per rule and hour (UTC): what ran, for throttling and for the admin page's 14-day chart (non-matches: match-tally.ts). */
export type RuleCounter = { ruleId: string; hour: string; runs: number; matched: number; failed: number; throttled: number; writes: number };
export type CounterField = Exclude<keyof RuleCounter, 'ruleId' | 'hour' | 'writes'>;

export const hourOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 13);
const counterRef = (ruleId: string, hour: string) => ({ entity: 'rule-counter', key: `${ruleId}#${hour}` });

export async function readCounter(storage: StoragePort, ruleId: string, hour: string): Promise<RuleCounter> {
  return (await storage.get<RuleCounter>(counterRef(ruleId, hour))) ?? empty(ruleId, hour);
}

const COUNTER_TTL_SECONDS = 400 * 24 * 3600;

/**
 * Adds to a counter with a conditional write on its `writes` count, so concurrent invocations never lose an
 * increment (versioned-update.ts): a writer that lost the race reads again. After 8 lost races the increment is
 * dropped rather than stall a run (the counters inform throttling and charts; they never gate correctness).
 */
export function bump(storage: StoragePort, ruleId: string, hour: string, increments: Partial<Record<CounterField, number>>): Promise<RuleCounter> {
  return updateVersioned<RuleCounter>(storage, counterRef(ruleId, hour), (current) => {
    const next: RuleCounter = { ...(current ?? empty(ruleId, hour)) };
    for (const [field, by] of Object.entries(increments) as [CounterField, number][]) next[field] += by;
    return next;
  }, { ttlSeconds: COUNTER_TTL_SECONDS, presentAttribute: 'ruleId' });
}

function empty(ruleId: string, hour: string): RuleCounter {
  return { ruleId, hour, runs: 0, matched: 0, failed: 0, throttled: 0, writes: 0 };
}
