/**
 * `npm run reliability`: the reliability suite at full size (issue 10). Runs the four scenarios — duplicates and
 * faults, load, hostile input, crash safety of the local store — prints one table and writes it, with the machine
 * and the date, to docs/reliability.md. Exits 1 when a goal was missed. `-- --only faults,load` runs some of them
 * (docs/reliability.md is then left alone); `-- --seed N` replays another seed.
 */
import { writeFileSync } from 'node:fs';
import { crashRows, runCrash } from './crash/index.js';
import { faultsRows, runFaults } from './faults/index.js';
import { hostileRows, runHostile } from './hostile/index.js';
import { loadRows, runLoad } from './load/index.js';
import { machine, markdownReport, terminalTable } from './report.js';
import type { ReportRow } from './report-row.js';

// Load first: its times are the machine's, so it runs while nothing else of the suite does.
const SCENARIOS = ['load', 'faults', 'hostile', 'crash'] as const;
type Scenario = (typeof SCENARIOS)[number];

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const only = argument('only')?.split(',') ?? [...SCENARIOS];
const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
if (unknown.length > 0) {
  console.error(`unknown scenario(s) ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
  process.exit(2);
}
const seed = Number(argument('seed') ?? 1);

const runs: Record<Scenario, () => Promise<ReportRow[]>> = {
  faults: async () => {
    const figures = await runFaults({ events: 10_000, seed });
    // What went wrong, by run: the step, event type and rule name the case to replay.
    if (figures.verdict.examples.length > 0) console.log(`faults, first differences:\n  ${figures.verdict.examples.join('\n  ')}`);
    return faultsRows(figures);
  },
  load: async () => loadRows(await runLoad({ rates: [5, 10, 20, 40, 80, 160, 320, 640], secondsPerRate: 20, seed })),
  hostile: async () => hostileRows(await runHostile({ documents: 100_000, events: 10_000, seed })),
  crash: async () => crashRows(await runCrash({ restarts: 100, seed })),
};

const started = new Date();
const rows: ReportRow[] = [];
const timings: string[] = [];
for (const scenario of SCENARIOS) {
  if (!only.includes(scenario)) continue;
  const t = performance.now();
  console.log(`running ${scenario}…`);
  const scenarioRows = await runs[scenario]();
  rows.push(...scenarioRows);
  const seconds = ((performance.now() - t) / 1000).toFixed(0);
  timings.push(`${scenario} ${seconds} s`);
  console.log(terminalTable(scenarioRows));
  console.log(`${scenario}: ${seconds} s\n`);
}

console.log(terminalTable(rows));
const missed = rows.filter((r) => r.ok === false);
console.log(missed.length === 0 ? 'every goal met' : `${String(missed.length)} goal(s) missed`);
if (only.length === SCENARIOS.length) {
  writeFileSync(new URL('../docs/reliability.md', import.meta.url), markdownReport(rows, { machine: machine(), started, seed, timings }));
  console.log('written to docs/reliability.md');
}
process.exit(missed.length === 0 ? 0 : 1);
