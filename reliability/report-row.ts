/**
 * One line of the reliability table (`npm run reliability`, docs/reliability.md): a scenario's measured figure, the
 * goal it is held to, and whether it met it. Scenarios return rows; the runner prints and writes them.
 */
export type ReportRow = {
  /** "Duplicates and faults", "Load", "Hostile input", "Crash safety". */
  scenario: string;
  /** What is measured, in words: "lost executions", "slowest document (ms)". */
  figure: string;
  /** The measured value, formatted for the table. */
  value: string;
  /** The goal ("0", "≤ 6 attempts") or "" for a figure reported without one. */
  goal: string;
  /** Whether the goal was met; null for a figure without a goal. */
  ok: boolean | null;
};

export const row = (scenario: string, figure: string, value: string | number, goal = '', ok: boolean | null = null): ReportRow => ({
  scenario,
  figure,
  value: typeof value === 'number' ? formatNumber(value) : value,
  goal,
  ok,
});

/** 10,000 as "10,000"; fractions to two decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}
