import { dayNumber, dayOfInstant, instantOf, parseLocalDate, parsePeriod, parseIsoDay } from './dates.js';
import type { DateResolver } from './domains.js';

type Clock = { now: number; timeZone: string };

const DATETIME_FORMATS = "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'";
const DATE_FORMATS = "'YYYY/MM/DD', 'YYYY-MM-DD'";
const invalid = (value: string, field: string, formats: string): { error: string } => ({
  error: `Date value '${value}' for field '${field}' is invalid. Valid formats include: ${formats}, or a period format e.g. '-5d', '4w 2d'.`,
});

/**
 * Operands of date-time fields (created, updated, date-time custom fields) as instants. A date or date-time
 * without a zone is wall time in the searcher's zone; a period counts from now; an unquoted number is epoch
 * milliseconds, as Jira reads a Long.
 */
export function instantResolver(clock: Clock): DateResolver {
  return (unit, field) => {
    if (unit.kind === 'instant') return unit.ms;
    if (unit.kind === 'number') return Number(unit.value);
    if (unit.kind === 'user') return invalid(unit.accountId, field, DATETIME_FORMATS);
    const local = parseLocalDate(unit.value, true);
    if (local) return instantOf(local, clock.timeZone);
    const period = parsePeriod(unit.value);
    return period === null ? invalid(unit.value, field, DATETIME_FORMATS) : clock.now + period;
  };
}

/**
 * Operands of date-only fields (due date, date custom fields) as day numbers. Instants (now(), periods,
 * numbers) become the calendar day they fall on in the searcher's zone, so `duedate < now()` means "due
 * before today" there.
 */
export function dayResolver(clock: Clock): DateResolver {
  return (unit, field) => {
    if (unit.kind === 'instant') return dayOfInstant(unit.ms, clock.timeZone);
    if (unit.kind === 'number') return dayOfInstant(Number(unit.value), clock.timeZone);
    if (unit.kind === 'user') return invalid(unit.accountId, field, DATE_FORMATS);
    const local = parseLocalDate(unit.value, false);
    if (local) return dayNumber(local);
    const period = parsePeriod(unit.value);
    return period === null ? invalid(unit.value, field, DATE_FORMATS) : dayOfInstant(clock.now + period, clock.timeZone);
  };
}

/** A stored date-only value ('YYYY-MM-DD') as a day number; anything else counts as empty. */
export function storedDay(value: unknown): number | null {
  return typeof value === 'string' ? parseIsoDay(value) : null;
}

/** A stored date-time value (epoch ms or an ISO-8601 string with a zone or Z) as an instant. */
export function storedInstant(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}
