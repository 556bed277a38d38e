const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const UNIT_MS: Record<string, number> = { w: 7 * DAY, d: DAY, h: HOUR, m: MINUTE };

export type LocalDate = { year: number; month: number; day: number };
export type LocalDateTime = LocalDate & { hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a zone name the runtime does not know. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at instant `ms` (seconds dropped). */
export function wallClock(ms: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0 };
}

function offsetAt(ms: number, timeZone: string): number {
  const wall = wallClock(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - (ms - (((ms % MINUTE) + MINUTE) % MINUTE));
}

/**
 * The instant a wall-clock time in `timeZone` names. A repeated time (fall-back) maps to its first occurrence;
 * a skipped time (spring-forward) moves forward by the gap, as java.time does: 02:30 in Europe/Berlin on the
 * spring-forward day is 03:30 CEST.
 */
export function instantOf(local: LocalDateTime, timeZone: string): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = asUtc - offsetAt(asUtc - DAY, timeZone);
  const after = asUtc - offsetAt(asUtc + DAY, timeZone);
  const shows = (ms: number): boolean => {
    const wall = wallClock(ms, timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) === asUtc;
  };
  const candidates = [before, after].filter(shows);
  return candidates.length > 0 ? Math.min(...candidates) : before;
}

/** Days since 1970-01-01 of a calendar date: the comparable form of date-only values. */
export function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY;
}

export function dayOfInstant(ms: number, timeZone: string): number {
  return dayNumber(wallClock(ms, timeZone));
}

/** `YYYY-MM-DD` (as Jira stores due dates) → day number, or null for anything else or an impossible date. */
export function parseIsoDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? dayNumber(date) : null;
}

export function isRealDate(date: LocalDate): boolean {
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return probe.getUTCFullYear() === date.year && probe.getUTCMonth() === date.month - 1 && probe.getUTCDate() === date.day;
}

/**
 * Jira's absolute formats: yyyy/MM/dd HH:mm, yyyy-MM-dd HH:mm, yyyy/MM/dd, yyyy-MM-dd (one-digit month, day and
 * hour accepted). `allowTime: false` is the date-only form due dates take.
 */
export function parseLocalDate(text: string, allowTime: boolean): LocalDateTime | null {
  const match = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?: (\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  if (match[5] !== undefined && !allowTime) return null;
  const value = {
    year: Number(match[1]),
    month: Number(match[3]),
    day: Number(match[4]),
    hour: Number(match[5] ?? 0),
    minute: Number(match[6] ?? 0),
  };
  if (!isRealDate(value) || value.hour > 23 || value.minute > 59) return null;
  return value;
}

/**
 * A period relative to now in Jira's format: an optional sign for the whole period, then one or more
 * `<n><unit>` with unit w, d, h or m ("-3d", "-1w 2d", "4h", "-1w2d"). A bare number is minutes, Jira's default
 * unit. Units are fixed lengths (1d = 24 h), not calendar days. Returns milliseconds or null.
 */
export function parsePeriod(text: string): number | null {
  const match = /^([-+])?\s*((?:\d+\s*[wdhm]\s*)+|\d+)$/.exec(text.trim());
  if (!match?.[2]) return null;
  const body = match[2];
  let total = 0;
  if (/^\d+$/.test(body)) total = Number(body) * MINUTE;
  else for (const part of body.matchAll(/(\d+)\s*([wdhm])/g)) total += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
  if (!Number.isSafeInteger(total)) return null;
  return match[1] === '-' ? -total : total;
}
