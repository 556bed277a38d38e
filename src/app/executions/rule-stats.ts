import type { StoragePort } from '../../ports/storage.js';
import type { RuleCounter } from '../run/counters.js';
import type { ExecutionRecord } from './execution-record.js';

/** One rule's recent activity for the rules list: per UTC day (aligned with the answer's `days`), and its last run. */
export type RuleStats = {
  ruleId: string;
  runs: number[];
  failures: number[];
  last: { status: string; at: string; executionId: string } | null;
};

const DAY_MS = 86_400_000;
// Queries in flight at once: a page of 50 rules is answered in a few round trips, not 50 in a row.
const PARALLEL = 10;

/** The last `count` UTC dates up to `now`'s, oldest first. */
export function statDays(now: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(now - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * Runs and failures per day from the hourly rule counters (the by-rule-hour index, a range over the days asked
 * for: at most 24 items a day, only hours with activity), and the newest execution (by-rule-time, one item).
 * Cost grows with the rules on the page, never with the site's executions.
 */
export async function ruleStats(storage: StoragePort, ruleIds: readonly string[], days: readonly string[]): Promise<RuleStats[]> {
  const out: RuleStats[] = [];
  for (let i = 0; i < ruleIds.length; i += PARALLEL) {
    out.push(...await Promise.all(ruleIds.slice(i, i + PARALLEL).map((ruleId) => oneRule(storage, ruleId, days))));
  }
  return out;
}

async function oneRule(storage: StoragePort, ruleId: string, days: readonly string[]): Promise<RuleStats> {
  const first = days[0] ?? '';
  const lastDay = days[days.length - 1] ?? '';
  const runs = days.map(() => 0);
  const failures = days.map(() => 0);
  const index = new Map(days.map((day, i) => [day, i]));
  let cursor: string | undefined;
  do {
    const page = await storage.query<RuleCounter>({
      entity: 'rule-counter', index: 'by-rule-hour', partition: [ruleId], range: { op: 'between', from: `${first}T00`, to: `${lastDay}T23` }, limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const { value } of page.items) {
      const i = index.get(value.hour.slice(0, 10));
      if (i === undefined) continue;
      runs[i] = (runs[i] ?? 0) + value.matched + value.throttled;
      failures[i] = (failures[i] ?? 0) + value.failed;
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  const newest = await storage.query<ExecutionRecord>({ entity: 'execution', index: 'by-rule-time', partition: [ruleId], sort: 'DESC', limit: 1 });
  const record = newest.items[0]?.value;
  return { ruleId, runs, failures, last: record === undefined ? null : { status: record.status, at: record.startedAt, executionId: record.executionId } };
}
