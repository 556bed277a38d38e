import { parseCron } from './cron.js';
import type { DueTimesProblem } from './due-times.js';

/**
 * What one scheduler tick decides for one schedule rule: nothing is due yet, or one due time runs now. When ticks
 * were missed (the app was down, or a tick failed and Forge does not retry it) several due times have passed: only
 * the latest runs, once, and the decision says how many were skipped, so the run record can say it caught up.
 */
export type DueDecision =
  | { kind: 'not-due'; next: string | null }
  | { kind: 'due'; dueAt: string; missed: number; missedCapped: boolean }
  | { kind: 'problem'; problem: DueTimesProblem };

/**
 * Due times walked one by one from the anchor before giving up on counting: an every-5-minutes cron after a week
 * down has 2,016. Past this the latest one is found backwards from now and `missedCapped` says the count is a floor.
 */
export const MAX_DUE_SCAN = 2_000;

/**
 * `anchor` is the last due time already handled (or, for a rule seen for the first time, the moment it became
 * active): due times strictly after it and at or before `now` are due. Walking forward from the last handled due
 * time, not from the tick, is what makes daylight-saving changes safe: a repeated wall-clock hour runs once and a
 * skipped one runs shifted (due-times.test.ts). Pure and never throws.
 */
export function decideDue(cron: string, timezone: string, anchor: Date, now: Date): DueDecision {
  if (Number.isNaN(anchor.getTime()) || Number.isNaN(now.getTime())) {
    return { kind: 'problem', problem: { code: 'INVALID_FROM', message: 'The anchor or the tick time is not a valid date.' } };
  }
  // Most ticks find nothing due, and placing a cron in its zone costs milliseconds (cron-parser works in luxon):
  // the first due time after an anchor never changes, so a warm instance answers those ticks from memory.
  const key = `${cron}\u0000${timezone}\u0000${String(anchor.getTime())}`;
  const known = firstDue.get(key);
  if (known !== undefined && now.getTime() < known) return { kind: 'not-due', next: new Date(known).toISOString() };
  const decision = decide(cron, timezone, anchor, now);
  if (decision.kind === 'not-due' && decision.next !== null) {
    if (firstDue.size >= 5000) firstDue.clear();
    firstDue.set(key, Date.parse(decision.next));
  }
  return decision;
}

const firstDue = new Map<string, number>();

function decide(cron: string, timezone: string, anchor: Date, now: Date): DueDecision {
  const parsed = parseCron(cron, timezone, anchor);
  if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
  let latest: Date | undefined;
  let count = 0;
  try {
    for (;;) {
      const at = parsed.expression.next().toDate();
      if (at.getTime() > now.getTime()) {
        if (latest === undefined) return { kind: 'not-due', next: at.toISOString() };
        break;
      }
      latest = at;
      count += 1;
      if (count > MAX_DUE_SCAN) return latestBefore(cron, timezone, now);
    }
  } catch {
    // cron-parser gives up after a bounded search (a cron that stops being due, or a zone it mishandles).
    if (latest === undefined) return { kind: 'not-due', next: null };
  }
  return { kind: 'due', dueAt: latest.toISOString(), missed: count - 1, missedCapped: false };
}

function latestBefore(cron: string, timezone: string, now: Date): DueDecision {
  // prev() returns times strictly before its start: start 1 ms after now so a due time exactly at now counts.
  const parsed = parseCron(cron, timezone, new Date(now.getTime() + 1));
  if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
  try {
    const at = parsed.expression.prev().toDate();
    return { kind: 'due', dueAt: at.toISOString(), missed: MAX_DUE_SCAN, missedCapped: true };
  } catch {
    return { kind: 'not-due', next: null };
  }
}
