import { describe, expect, it } from 'vitest';
import { instantOf, parseLocalDate, parsePeriod } from '../../../../src/local/jira/jql/dates.js';
import { startOfDay } from '../../../../src/local/jira/jql/functions.js';
import { compileJql, isBoundedQuery, parseJql } from '../../../../src/local/jira/jql/index.js';
import { contextWith, fixture } from './fixture.js';

const utc = (iso: string): number => Date.parse(iso);
const DAY = 86_400_000;

describe('wall time in a zone', () => {
  it('reads an ordinary wall time with the offset in force', () => {
    expect(instantOf({ year: 2026, month: 3, day: 10, hour: 0, minute: 0 }, 'Europe/Berlin')).toBe(utc('2026-03-09T23:00:00Z'));
    expect(instantOf({ year: 2026, month: 7, day: 1, hour: 0, minute: 0 }, 'Europe/Berlin')).toBe(utc('2026-06-30T22:00:00Z'));
    expect(instantOf({ year: 2026, month: 1, day: 10, hour: 0, minute: 0 }, 'America/St_Johns')).toBe(utc('2026-01-10T03:30:00Z'));
  });

  it('moves a time the spring-forward skips forward by the gap', () => {
    // 2026-03-29 02:30 does not exist in Berlin: the clock jumps from 02:00 CET to 03:00 CEST.
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
  });

  it('takes the first of a time the fall-back repeats', () => {
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00Z'));
  });
});

describe('startOfDay()', () => {
  const at = (iso: string, timeZone = 'Europe/Berlin') => ({ now: utc(iso), currentUser: null, timeZone });

  it('is local midnight, also on a day that is 23 hours long', () => {
    expect(startOfDay(undefined, at('2026-03-29T20:00:00Z'))).toBe(utc('2026-03-28T23:00:00Z'));
    expect(startOfDay('1', at('2026-03-29T20:00:00Z'))).toBe(utc('2026-03-29T22:00:00Z'));
  });

  it('takes days by default and calendar units for w, M and y', () => {
    expect(startOfDay('-1', at('2026-03-10T10:00:00Z'))).toBe(utc('2026-03-08T23:00:00Z'));
    expect(startOfDay('-1w', at('2026-03-10T10:00:00Z'))).toBe(utc('2026-03-02T23:00:00Z'));
    expect(startOfDay('-1M', at('2026-03-31T10:00:00Z'))).toBe(utc('2026-02-27T23:00:00Z'));
    expect(startOfDay('+1y', at('2028-02-29T10:00:00Z', 'UTC'))).toBe(utc('2029-02-28T00:00:00Z'));
  });

  it('adds hours and minutes to midnight', () => {
    expect(startOfDay('+9h', at('2026-03-10T10:00:00Z', 'UTC'))).toBe(utc('2026-03-10T09:00:00Z'));
    expect(startOfDay('-30m', at('2026-03-10T10:00:00Z', 'UTC'))).toBe(utc('2026-03-09T23:30:00Z'));
  });

  it('refuses a malformed increment', () => {
    for (const bad of ['-1x', '1.5d', 'd', '--1', '']) expect(startOfDay(bad, at('2026-03-10T10:00:00Z'))).toBeNull();
  });
});

describe('date operands', () => {
  it('periods: w, d, h, m, one sign for the whole period, minutes when there is no unit', () => {
    expect(parsePeriod('-3d')).toBe(-3 * DAY);
    expect(parsePeriod('4h')).toBe(4 * 3_600_000);
    expect(parsePeriod('-1w 2d')).toBe(-9 * DAY);
    expect(parsePeriod('-1w2d')).toBe(-9 * DAY);
    expect(parsePeriod('+2w')).toBe(14 * DAY);
    expect(parsePeriod('15')).toBe(15 * 60_000);
    for (const bad of ['3x', '1M', '1y', '', '-', 'd', '1d-2h']) expect(parsePeriod(bad)).toBeNull();
  });

  it("Jira's absolute formats only, and only real dates", () => {
    expect(parseLocalDate('2026-3-1', true)).toEqual({ year: 2026, month: 3, day: 1, hour: 0, minute: 0 });
    expect(parseLocalDate('2026/03/01 7:05', true)).toEqual({ year: 2026, month: 3, day: 1, hour: 7, minute: 5 });
    expect(parseLocalDate('2026/03/01 7:05', false)).toBeNull();
    for (const bad of ['2026-02-29', '2026-03-01 24:00', '2026-03-01T10:00', '2026-03/01', '01/03/2026']) {
      expect(parseLocalDate(bad, true)).toBeNull();
    }
  });

  it('reads an unquoted number on a date field as epoch milliseconds and a quoted one as minutes from now', () => {
    const keysOf = (jql: string): string[] => {
      const compiled = compileJql(jql, contextWith());
      if (!compiled.ok) throw new Error(compiled.error.errorMessages.join(' | '));
      return fixture.issues.filter(compiled.matches).map((issue) => issue.key);
    };
    expect(keysOf('created > 0')).toHaveLength(fixture.issues.length);
    expect(keysOf('created > "-60"')).toEqual(['OPS-4']);
  });
});

describe('the API around the parser', () => {
  it('calls a query bounded only when it has a search restriction', () => {
    const bounded = (jql: string): boolean => {
      const parsed = parseJql(jql);
      if (!parsed.ok) throw new Error('parse');
      return isBoundedQuery(parsed.query);
    };
    expect(bounded('project = ENG order by key')).toBe(true);
    expect(bounded('order by key desc')).toBe(false);
    expect(bounded('')).toBe(false);
  });

  it('hands the parsed query back with the compiled test', () => {
    const compiled = compileJql('project = ENG ORDER BY key', contextWith());
    expect(compiled.ok && compiled.query.orderBy).toEqual([{ field: { kind: 'name', name: 'key' }, direction: null }]);
  });
});
