import cronstrue from 'cronstrue';
import { parseCron, type CronProblem } from './cron.js';

export type DueTime = {
  /** The instant, as Date#toISOString() writes it (what schedule.dueAt holds). */
  utc: string;
  /** The same instant as the wall clock in the rule's zone shows it, with that moment's offset. */
  local: string;
};
export type DueTimesProblem = CronProblem | { code: 'INVALID_FROM'; message: string };
export type DueTimesResult = { ok: true; times: DueTime[] } | { ok: false; problem: DueTimesProblem };

/**
 * The next `count` due times of a cron read in `timezone`, each strictly after `from`. Pure: the caller supplies
 * `from`, so previews and tests are reproducible. Never throws.
 *
 * Daylight saving follows cron-parser (pinned in package.json; due-times.test.ts records it): a wall time that
 * a spring-forward skips runs once, shifted forward by the gap; a wall time that a fall-back repeats runs once,
 * at its first occurrence. Both hold only along a chain: a scheduler must pass the last due time it handled as
 * `from`, not the tick's time, or it can run a repeated wall time twice and miss a shifted one.
 */
export function nextDueTimes(cron: string, timezone: string, from: Date, count: number): DueTimesResult {
  if (Number.isNaN(from.getTime())) {
    return { ok: false, problem: { code: 'INVALID_FROM', message: 'The start time is not a valid date.' } };
  }
  const parsed = parseCron(cron, timezone, from);
  if (!parsed.ok) return parsed;
  const wanted = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  const local = localIsoFormatter(timezone);
  const times: DueTime[] = [];
  try {
    while (times.length < wanted) {
      const at = parsed.expression.next().toDate();
      times.push({ utc: at.toISOString(), local: local(at) });
    }
  } catch (err) {
    // cron-parser gives up after a bounded search. Besides crons that really stop being due, it also gives up
    // at some daylight-saving transitions it mishandles (Australia/Lord_Howe's 30-minute fall-back).
    const detail = err instanceof Error ? err.message : String(err);
    const after = times.at(-1)?.utc ?? from.toISOString();
    return {
      ok: false,
      problem: { code: 'CRON_NEVER_DUE', message: `No due time after ${after} could be computed in ${timezone} (${detail}).` },
    };
  }
  return { ok: true, times };
}

const PART_TYPES = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
type PartType = (typeof PART_TYPES)[number];

/**
 * Formats instants as ISO-8601 wall time in `timezone` plus the offset in force at that instant. Intl gives the
 * wall time; the offset is the difference between that wall time read as UTC and the instant itself.
 */
export function localIsoFormatter(timezone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (at) => {
    const parts: Partial<Record<PartType, number>> = {};
    for (const part of format.formatToParts(at)) {
      if ((PART_TYPES as readonly string[]).includes(part.type)) parts[part.type as PartType] = Number(part.value);
    }
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
    const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
    const wholeSeconds = Math.floor(at.getTime() / 1000) * 1000;
    const offsetMinutes = Math.round((wallAsUtc - wholeSeconds) / 60_000);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  };
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A one-line English description of a cron ("At 09:00, Monday through Friday"). Never throws. */
export function describeCron(cron: string): string {
  try {
    return cronstrue.toString(cron.trim(), { use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch {
    return `Cron "${cron}" (no description available)`;
  }
}
