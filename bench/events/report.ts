// The events bench's results: one table on the terminal and in docs/benchmarks-events.md.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

export type EventRow = {
  rules: number;
  matching: number;
  /** Rules whose trigger and scope pass but whose `when` is false (they reach planRun). */
  whenFalse: number;
  trips: number;
  /** Of `trips`: made for the matching rules' runs (claims, records, executions, their counters). */
  runTrips: number;
  /** Of `trips`: everything else (the snapshot read, non-match tallies, …). */
  otherTrips: number;
  jiraCalls: number;
  cpuP50: number;
  cpuP95: number;
  /** CPU less the time spent inside the storage emulator and the simulated Jira site. */
  appP50: number;
  appP95: number;
  events: number;
  /** Storage calls per event by `<method> <entity>`. */
  perCall: Map<string, number>;
};

export type Goal = { goal: string; met: boolean; detail: string };

const ms = (n: number): string => n.toFixed(2);
const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const callList = (r: EventRow): string => [...r.perCall].map(([name, n]) => `${name} ${num(n)}`).join(', ');

const HEAD = ['rules', 'matching', 'events', 'storage round trips/event', 'of which for the runs', 'not for runs', 'Jira calls/event', 'CPU ms/event p50', 'p95', 'app only p50', 'p95'];
const cells = (r: EventRow): string[] => [
  String(r.rules), String(r.matching), String(r.events), num(r.trips), num(r.runTrips), num(r.otherTrips), num(r.jiraCalls),
  ms(r.cpuP50), ms(r.cpuP95), ms(r.appP50), ms(r.appP95),
];

export function printEvents(rows: readonly EventRow[], goals: readonly Goal[]): void {
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => cells(r)[i]?.length ?? 0)));
  const line = (values: string[]): string => values.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ');
  console.log(line(HEAD));
  for (const row of rows) console.log(line(cells(row)));
  for (const row of rows) console.log(`  ${String(row.rules)} rules, storage calls per event: ${callList(row)}`);
  for (const goal of goals) console.log(`${goal.met ? 'MET    ' : 'NOT MET'}  ${goal.goal}: ${goal.detail}`);
}

export function writeEventsMarkdown(url: URL, rows: readonly EventRow[], goals: readonly Goal[], notes: readonly string[], at: Date): void {
  const table = [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '--:').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).join(' | ')} |`),
  ];
  const text = [
    '# Benchmarks: rules on Jira events',
    '',
    `Written by \`npx tsx bench/events.bench.ts\` on ${at.toISOString().slice(0, 10)}: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${String(cpus().length)} cores). Overwritten on every run. (Kept apart from docs/benchmarks.md, which bench/evaluate.bench.ts rewrites whole.)`,
    '',
    '## Events: rules on Jira events',
    '',
    ...table,
    '',
    '| goal | met | measured |',
    '|---|---|---|',
    ...goals.map((g) => `| ${g.goal} | ${g.met ? 'yes' : '**no**'} | ${g.detail} |`),
    '',
    'Storage calls per event, by method and entity:',
    '',
    ...rows.map((r) => `- ${String(r.rules)} rules: ${callList(r)}`),
    '',
    '### Method',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ];
  writeFileSync(url, text.join('\n'));
}
