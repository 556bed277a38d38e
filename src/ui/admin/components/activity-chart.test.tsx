import './jsdom-shims.js';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityChart, activitySummary } from './activity-chart.js';

afterEach(cleanup);

describe('ActivityChart', () => {
  it('summarises runs and failures in words', () => {
    expect(activitySummary([10, 27], [0, 2])).toBe('2 days: 37 runs, 2 failures');
    expect(activitySummary([1], [1])).toBe('1 day: 1 run, 1 failure');
  });

  it('draws a bar per day with failures stacked in their own colour, and names itself by the summary', () => {
    const { container } = render(<ActivityChart days={['2026-03-01', '2026-03-02', '2026-03-03']} runs={[4, 0, 2]} failures={[1, 0, 0]} />);
    expect(screen.getByRole('img', { name: '3 days: 6 runs, 1 failure' })).toBeTruthy();
    const days = [...container.querySelectorAll('g[data-day]')];
    expect(days.map((g) => g.querySelector('title')?.textContent)).toEqual(['2026-03-01: 4 runs, 1 failure', '2026-03-02: 0 runs, 0 failures', '2026-03-03: 2 runs, 0 failures']);
    expect(days.map((g) => g.querySelectorAll('rect').length)).toEqual([2, 0, 1]);
    const [ok, failed] = [...(days[0]?.querySelectorAll('rect') ?? [])];
    expect(failed?.getAttribute('data-failures')).toBe('1');
    // Runs scale to the busiest day: 4 runs fill the height, the failure is a quarter of it, at the bottom.
    expect(Number(ok?.getAttribute('height')) + Number(failed?.getAttribute('height'))).toBeCloseTo(27);
    expect(Number(failed?.getAttribute('height'))).toBeCloseTo(27 / 4);
  });
});
