/**
 * The `date` operator's reading of a value: epoch milliseconds, or null when the value is not a date. Strict
 * ISO-8601 on purpose: Date.parse accepts "March 7" and reads offset-less times in the server's zone, which would make
 * a rule's verdict depend on where it runs. Jira writes "2026-11-20T10:00:00.000+0000" (no colon in the offset).
 * Accepted: YYYY-MM-DD (UTC midnight), or YYYY-MM-DDTHH:mm[:ss[.fraction]] followed by Z, ±HH:MM, ±HHMM or
 * nothing (UTC). Parsed by hand, with civil-day arithmetic instead of Date: a sweep reads dates of thousands of
 * issues, and a regular expression plus a Date object per value cost more than the rest of the rule.
 */

/** JavaScript's Date range: ±100,000,000 days from the epoch. */
const MAX_TIME = 8.64e15;
const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number in s[from, from+length) if all are ASCII digits, else -1. */
function digits(s: string, from: number, length: number): number {
  if (from + length > s.length) return -1;
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Minutes east of UTC for the zone suffix at s[i..], or undefined if it is not one. */
function zoneAt(s: string, i: number): number | undefined {
  if (i === s.length) return 0;
  const c = s[i];
  if (c === 'Z') return i + 1 === s.length ? 0 : undefined;
  if (c !== '+' && c !== '-') return undefined;
  const hours = digits(s, i + 1, 2);
  let end = i + 3;
  if (s[end] === ':') end++;
  const minutes = digits(s, end, 2);
  end += 2;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || end !== s.length) return undefined;
  return (c === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function parseIso(s: string): number | null {
  const year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || s[4] !== '-' || s[7] !== '-') return null;
  if (day > daysIn(year, month)) return null;
  const midnight = daysFromCivil(year, month, day) * DAY_MS;
  if (s.length === 10) return midnight;
  if (s[10] !== 'T' || s[13] !== ':') return null;
  const hour = digits(s, 11, 2), minute = digits(s, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  let i = 16, second = 0, ms = 0;
  if (s[i] === ':') {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return null;
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
      const start = ++i;
      while (i < s.length && i - start < 9 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === start) return null;
      ms = Math.floor(Number(s.slice(start, i).padEnd(3, '0').slice(0, 3)));
    }
  }
  const offset = zoneAt(s, i);
  if (offset === undefined) return null;
  return midnight + ((hour * 60 + minute - offset) * 60 + second) * 1000 + ms;
}

export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_TIME ? value : null;
  if (typeof value !== 'string' || value.length < 10 || value.length > 40) return null;
  const time = parseIso(value);
  return time !== null && Math.abs(time) <= MAX_TIME ? time : null;
}
