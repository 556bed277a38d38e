import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';

const BAR = 6;
const GAP = 2;
const HEIGHT = 28;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "14 days: 37 runs, 2 failures": what the chart says, for screen readers and as its tooltip. */
export function activitySummary(runs: readonly number[], failures: readonly number[]): string {
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  return `${plural(runs.length, 'day')}: ${plural(sum(runs), 'run')}, ${plural(sum(failures), 'failure')}`;
}

/**
 * Runs per day as bars, oldest on the left, failures (a part of the runs) stacked at the bottom in the danger
 * colour. Each rule's chart has its own scale: the shape of a rule's week matters more than comparing rules, and
 * the summary gives the numbers.
 */
export function ActivityChart({ days, runs, failures }: { days: readonly string[]; runs: readonly number[]; failures: readonly number[] }): ReactNode {
  const summary = activitySummary(runs, failures);
  const peak = Math.max(1, ...runs);
  const width = days.length * (BAR + GAP) - GAP;
  return (
    <svg role="img" aria-label={summary} width={Math.max(width, 1)} height={HEIGHT} viewBox={`0 0 ${Math.max(width, 1)} ${HEIGHT}`} style={{ display: 'block' }}>
      <title>{summary}</title>
      <line x1={0} x2={width} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke={token('color.border')} strokeWidth={1} />
      {days.map((day, i) => {
        const total = runs[i] ?? 0;
        const failed = Math.min(failures[i] ?? 0, total);
        const totalHeight = total === 0 ? 0 : Math.max(2, (total / peak) * (HEIGHT - 1));
        const failedHeight = failed === 0 ? 0 : Math.max(2, (failed / peak) * (HEIGHT - 1));
        const x = i * (BAR + GAP);
        return (
          <g key={day} data-day={day}>
            <title>{`${day}: ${plural(total, 'run')}, ${plural(failed, 'failure')}`}</title>
            {totalHeight > failedHeight && <rect x={x} y={HEIGHT - 1 - totalHeight} width={BAR} height={totalHeight - failedHeight} fill={token('color.chart.brand')} />}
            {failedHeight > 0 && <rect x={x} y={HEIGHT - 1 - failedHeight} width={BAR} height={failedHeight} fill={token('color.chart.danger')} data-failures={failed} />}
          </g>
        );
      })}
    </svg>
  );
}
