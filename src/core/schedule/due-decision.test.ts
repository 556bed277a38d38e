import { describe, expect, it } from 'vitest';
import { decideDue, MAX_DUE_SCAN } from './due-decision.js';

const MINUTE = 60_000;

/**
 * The scheduler as the app runs it: a tick every five minutes (starting `phase` minutes past a whole five), each
 * deciding from the last due time it handled and storing the one it ran. Returns the due times run, in UTC.
 */
function simulate(cron: string, zone: string, from: string, to: string, phase = 0): string[] {
  const start = Date.parse(from);
  let anchor = new Date(start - 5 * MINUTE);
  const ran: string[] = [];
  for (let tick = start + phase * MINUTE; tick <= Date.parse(to); tick += 5 * MINUTE) {
    const decision = decideDue(cron, zone, anchor, new Date(tick));
    if (decision.kind === 'problem') throw new Error(decision.problem.message);
    if (decision.kind === 'due') {
      expect(decision.missed).toBe(0);
      ran.push(decision.dueAt);
      anchor = new Date(decision.dueAt);
    }
  }
  return ran;
}

describe('a five-minute scheduler across daylight-saving changes', () => {
  it('Europe/Berlin spring-forward (2026-03-29): 02:30 does not exist that night and runs once, shifted to 03:30 CEST', () => {
    expect(simulate('30 2 * * *', 'Europe/Berlin', '2026-03-27T12:00:00Z', '2026-03-31T12:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z', // 03:30 CEST: the skipped wall time, shifted by the gap
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('Europe/Berlin fall-back (2026-10-25): 02:30 happens twice that night and runs once, at the first', () => {
    expect(simulate('30 2 * * *', 'Europe/Berlin', '2026-10-23T12:00:00Z', '2026-10-27T12:00:00Z')).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // the first 02:30 (CEST); 01:30Z, the second, is not run
      '2026-10-26T01:30:00.000Z', // 02:30 CET
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('Europe/Berlin weekdays at 09:00 (the escalate-stale-blockers example) keep 09:00 wall time across both changes', () => {
    const spring = simulate('0 9 * * 1-5', 'Europe/Berlin', '2026-03-26T00:00:00Z', '2026-03-31T00:00:00Z', 2);
    expect(spring).toEqual(['2026-03-26T08:00:00.000Z', '2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    const autumn = simulate('0 9 * * 1-5', 'Europe/Berlin', '2026-10-22T00:00:00Z', '2026-10-27T00:00:00Z', 3);
    expect(autumn).toEqual(['2026-10-22T07:00:00.000Z', '2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('America/New_York spring-forward (2026-03-08): 02:00 does not exist and runs once, at 03:00 EDT', () => {
    expect(simulate('0 2 * * *', 'America/New_York', '2026-03-06T12:00:00Z', '2026-03-09T12:00:00Z', 1)).toEqual([
      '2026-03-07T07:00:00.000Z', // 02:00 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-09T06:00:00.000Z', // 02:00 EDT
    ]);
  });

  it('America/New_York fall-back (2026-11-01): 01:30 happens twice and runs once, at the first (EDT)', () => {
    expect(simulate('30 1 * * *', 'America/New_York', '2026-10-30T12:00:00Z', '2026-11-02T12:00:00Z', 4)).toEqual([
      '2026-10-31T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:30:00.000Z', // the first 01:30 (EDT); 06:30Z (EST) is not run
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('America/New_York Mondays 08:00 (the weekly-sla-sweep example) across the March change', () => {
    expect(simulate('0 8 * * 1', 'America/New_York', '2026-03-01T00:00:00Z', '2026-03-17T00:00:00Z')).toEqual([
      '2026-03-02T13:00:00.000Z', // EST
      '2026-03-09T12:00:00.000Z', // EDT
      '2026-03-16T12:00:00.000Z',
    ]);
  });

  it('runs an hourly cron in both passes of a repeated hour (they are different instants)', () => {
    const ran = simulate('0 * * * *', 'Europe/Berlin', '2026-10-24T23:30:00Z', '2026-10-25T02:10:00Z');
    expect(ran).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z']);
  });
});

describe('decideDue', () => {
  it('is not due before the first due time, and says when that is', () => {
    expect(decideDue('0 9 * * *', 'UTC', new Date('2026-01-05T09:00:00Z'), new Date('2026-01-05T12:00:00Z'))).toEqual({ kind: 'not-due', next: '2026-01-06T09:00:00.000Z' });
  });

  it('runs a due time exactly at the tick, and only once: the next tick from the new anchor finds nothing', () => {
    const due = decideDue('0 9 * * *', 'UTC', new Date('2026-01-04T09:00:00Z'), new Date('2026-01-05T09:00:00Z'));
    expect(due).toEqual({ kind: 'due', dueAt: '2026-01-05T09:00:00.000Z', missed: 0, missedCapped: false });
    expect(decideDue('0 9 * * *', 'UTC', new Date('2026-01-05T09:00:00Z'), new Date('2026-01-05T09:00:00Z'))).toMatchObject({ kind: 'not-due' });
  });

  it('after missed ticks runs the latest due time once and counts the ones it stands in for', () => {
    const due = decideDue('0 9 * * 1-5', 'Europe/Berlin', new Date('2026-03-02T08:00:00Z'), new Date('2026-03-13T10:00:00Z'));
    expect(due).toEqual({ kind: 'due', dueAt: '2026-03-13T08:00:00.000Z', missed: 8, missedCapped: false });
  });

  it('stops counting a long outage at MAX_DUE_SCAN and still finds the latest due time', () => {
    const due = decideDue('*/5 * * * *', 'UTC', new Date('2026-01-01T00:00:00Z'), new Date('2026-01-31T00:02:00Z'));
    expect(due).toEqual({ kind: 'due', dueAt: '2026-01-31T00:00:00.000Z', missed: MAX_DUE_SCAN, missedCapped: true });
  });

  it('reports a bad cron, zone or time as a problem instead of throwing', () => {
    const at = new Date('2026-01-05T00:00:00Z');
    expect(decideDue('not a cron', 'UTC', at, at)).toMatchObject({ kind: 'problem', problem: { code: 'INVALID_CRON' } });
    expect(decideDue('0 9 * * *', 'Mars/Olympus', at, at)).toMatchObject({ kind: 'problem', problem: { code: 'UNKNOWN_TIMEZONE' } });
    expect(decideDue('0 9 * * *', 'UTC', new Date(Number.NaN), at)).toMatchObject({ kind: 'problem', problem: { code: 'INVALID_FROM' } });
  });
});
