import { DAY, instantOf, wallClock, type LocalDate } from './dates.js';

/** What a function call stands for once evaluated. */
export type FunctionValue = { kind: 'instant'; ms: number } | { kind: 'user'; accountId: string };
export type FunctionResult = { ok: true; values: FunctionValue[] } | { ok: false; message: string };

/** The kind of value a field compares: functions are checked against it, as Jira does. */
export type ValueKind = 'date' | 'user' | 'other';

export type FunctionContext = { now: number; currentUser: string | null; timeZone: string };

/**
 * Jira Cloud functions this site does not evaluate. Naming them gets a "not supported" 400 rather than Jira's
 * "Unable to find JQL function", which would wrongly say they do not exist.
 */
const KNOWN_UNSUPPORTED = new Set(
  (
    'approved approver breached cascadeOption closedSprints completed componentsLeadByUser currentLogin ' +
    'earliestUnreleasedVersion elapsed endOfDay endOfMonth endOfWeek endOfYear everBreached futureSprints ' +
    'issueHistory issuesWithRemoteLinksByGlobalId lastLogin latestReleasedVersion linkedIssues membersOf myApproval ' +
    'myPending openSprints parentEpic paused pending pendingBy projectsLeadByUser projectsWhereUserHasPermission ' +
    'projectsWhereUserHasRole releasedVersions remaining running standardIssueTypes startOfMonth startOfWeek ' +
    'startOfYear subtaskIssueTypes unreleasedVersions updatedBy votedIssues watchedIssues withinCalendarHours'
  )
    .split(' ')
    .map((name) => name.toLowerCase()),
);

const argCount = (name: string, expected: string, received: number): string =>
  `Function '${name}' expected '${expected}' arguments but received '${received}'.`;
const invalidFor = (name: string, field: string): string =>
  `A value provided by the function '${name}' is invalid for the field '${field}'.`;

export function callFunction(
  name: string,
  args: readonly string[],
  field: string,
  kind: ValueKind,
  context: FunctionContext,
): FunctionResult {
  const lower = name.toLowerCase();
  if (lower === 'now' || lower === 'startofday') {
    if (lower === 'now' && args.length > 0) return { ok: false, message: argCount(name, '0', args.length) };
    if (args.length > 1) return { ok: false, message: `Function '${name}' expected between '0' and '1' arguments but received '${args.length}'.` };
    if (kind !== 'date') return { ok: false, message: invalidFor(name, field) };
    if (lower === 'now') return { ok: true, values: [{ kind: 'instant', ms: context.now }] };
    const start = startOfDay(args[0], context);
    if (start === null) {
      return { ok: false, message: `Duration for function '${name}' should have the format (+/-)n(yMwdhm), e.g -1M for 1 month earlier.` };
    }
    return { ok: true, values: [{ kind: 'instant', ms: start }] };
  }
  if (lower === 'currentuser') {
    if (args.length > 0) return { ok: false, message: argCount(name, '0', args.length) };
    if (kind !== 'user') return { ok: false, message: invalidFor(name, field) };
    // Anonymous callers have no current user: Jira's function then yields no value, so `=` matches nothing.
    return { ok: true, values: context.currentUser === null ? [] : [{ kind: 'user', accountId: context.currentUser }] };
  }
  if (KNOWN_UNSUPPORTED.has(lower)) {
    return { ok: false, message: `The JQL function '${name}' is not supported by this simulated Jira site.` };
  }
  return { ok: false, message: `Unable to find JQL function '${name}(${args.join(', ')})'.` };
}

/**
 * Midnight today in the caller's zone, moved by an optional increment (+/-)n(y|M|w|d|h|m). Without a unit the
 * increment is in days, the function's natural period; without a sign it is positive. Calendar units move the
 * date (a month from 31 March is 30 April); h and m are added to midnight. Null for a malformed increment.
 */
export function startOfDay(increment: string | undefined, context: FunctionContext): number | null {
  const today = wallClock(context.now, context.timeZone);
  if (increment === undefined) return midnight(today, context.timeZone);
  const match = /^([-+])?(\d{1,6})([yMwdhm])?$/.exec(increment.trim());
  if (!match) return null;
  const amount = Number(match[2]) * (match[1] === '-' ? -1 : 1);
  switch (match[3] ?? 'd') {
    case 'y':
      return midnight(addMonths(today, 12 * amount), context.timeZone);
    case 'M':
      return midnight(addMonths(today, amount), context.timeZone);
    case 'w':
      return midnight(addDays(today, 7 * amount), context.timeZone);
    case 'd':
      return midnight(addDays(today, amount), context.timeZone);
    case 'h':
      return midnight(today, context.timeZone) + amount * 3_600_000;
    default:
      return midnight(today, context.timeZone) + amount * 60_000;
  }
}

function midnight(date: LocalDate, timeZone: string): number {
  return instantOf({ ...date, hour: 0, minute: 0 }, timeZone);
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}
