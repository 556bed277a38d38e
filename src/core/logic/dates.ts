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

/** The two-digit number at s[i], or -1 (charCodeAt past the end is NaN, which fails both tests). */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48, b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const COLON = 58, DASH = 45, PLUS = 43, DOT = 46, COMMA = 44, T = 84, Z = 90;

/** Minutes east of UTC for the zone suffix at s[i..], or undefined if it is not one. */
function zoneAt(s: string, i: number): number | undefined {
  if (i === s.length) return 0;
  const c = s.charCodeAt(i);
  if (c === Z) return i + 1 === s.length ? 0 : undefined;
  if (c !== PLUS && c !== DASH) return undefined;
  const hours = two(s, i + 1);
  let end = i + 3;
  if (s.charCodeAt(end) === COLON) end++;
  const minutes = two(s, end);
  end += 2;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || end !== s.length) return undefined;
  return (c === DASH ? -1 : 1) * (hours * 60 + minutes);
}

/** Milliseconds of a fraction from its first three digits (s[start, end) are digits, at least one). */
function millis(s: string, start: number, end: number): number {
  const digit = (i: number): number => (i < end ? s.charCodeAt(i) - 48 : 0);
  return digit(start) * 100 + digit(start + 1) * 10 + digit(start + 2);
}

function parseIso(s: string): number | null {
  const century = two(s, 0), years = two(s, 2), month = two(s, 5), day = two(s, 8);
  if (century < 0 || years < 0 || month < 1 || month > 12 || day < 1 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return null;
  const year = century * 100 + years;
  if (day > daysIn(year, month)) return null;
  const midnight = daysFromCivil(year, month, day) * DAY_MS;
  if (s.length === 10) return midnight;
  if (s.charCodeAt(10) !== T || s.charCodeAt(13) !== COLON) return null;
  const hour = two(s, 11), minute = two(s, 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  let i = 16, second = 0, ms = 0;
  if (s.charCodeAt(i) === COLON) {
    second = two(s, i + 1);
    if (second < 0 || second > 59) return null;
    i += 3;
    const c = s.charCodeAt(i);
    if (c === DOT || c === COMMA) {
      const start = ++i;
      while (i < s.length && i - start < 9 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === start) return null;
      ms = millis(s, start, i);
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
