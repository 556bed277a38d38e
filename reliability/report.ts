/** The reliability table for a terminal and for docs/reliability.md. */
import { cpus, totalmem, type } from 'node:os';
import type { ReportRow } from './report-row.js';

const mark = (ok: boolean | null): string => (ok === null ? '' : ok ? 'yes' : 'NO');

export function terminalTable(rows: readonly ReportRow[]): string {
  const cells = rows.map((r) => [r.scenario, r.figure, r.value, r.goal, mark(r.ok)]);
  const header = ['scenario', 'figure', 'value', 'goal', 'met'];
  const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length))));
  const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function machine(): string {
  const cpu = cpus();
  return `${type()} ${process.arch}, ${String(cpu.length)} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

const escape = (text: string): string => text.replace(/\|/g, '\\|');

export function markdownReport(rows: readonly ReportRow[], run: { machine: string; started: Date; seed: number; timings: string[] }): string {
  const table = [
    '| Scenario | Figure | Value | Goal | Met |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${escape(r.scenario)} | ${escape(r.figure)} | ${escape(r.value)} | ${escape(r.goal)} | ${mark(r.ok)} |`),
  ];
  return `# Reliability figures

What happens when things go wrong, measured: the last full run of \`npm run reliability\` (reliability/run.ts),
which drives the whole app in the local runtime with the simulated Jira site. A short version of every scenario,
with the same invariants, runs in \`npm test\` (test/reliability/), so a regression fails CI.

- **Machine:** ${run.machine}
- **Date:** ${run.started.toISOString().slice(0, 16).replace('T', ' ')} UTC · seed ${String(run.seed)} · ${run.timings.join(', ')}

${table.join('\n')}

## How the figures are made
- **Duplicates and faults** (reliability/faults): the 50 rules of reliability/workload/rules.ts (every event rule
  of rules/ as written, and 40 generated) and a seeded script of people's changes on the simulated site, in waves of
  200 changes to distinct issues. The script runs twice on fresh apps: once without faults (what should happen), then
  with 30% of people's events delivered two or three times (half at once, half after the first delivery finished),
  10% of storage and of Jira calls failing (429 with Retry-After, 500, 503, drawn from a seeded generator) and about
  1% of invocations killed at an SDK call (half of the killing calls land). Each wave waits on the runtime clock
  until every retry and redelivery is over. *Lost*: a (change, rule) run the fault-free run finished that has no final
  execution record; *duplicate effects*: the app's changes per issue (comments, label, status, assignee and priority
  changes, counted from the events the site raised for them) and \`record\` results beyond the fault-free run's.
  The rules never read a field another rule writes, so a run decided late decides as it would have at once.
- **Load** (reliability/load): the same rules and script; people's changes at a fixed rate, storage calls delayed
  30 ms and Jira calls 150 ms. A rate is sustained when no backlog builds up over its window (the median wait of its
  last quarter of events is within 0.5 s of its first quarter's). Latency is from the event to the end of the trigger
  invocation that carried out its actions; an event's matched runs are carried out one after another there, so an
  event that matches many rules takes many round trips (p99). The local runtime runs every invocation in one Node.js
  process, so the rate where a backlog starts is this machine's CPU as much as the app's (on Forge each invocation
  has its own); past it, waits grow until deliveries pass the 25 s limit, which Forge would time out and deliver
  again: those rates report their timed-out deliveries instead of holding them to a goal.
- **Hostile input** (reliability/hostile): generated rule documents (arbitrary JSON, mutations of valid rules, deep
  nesting, huge arrays and strings, prototype keys, catastrophic patterns, budget bombs) through the validator and,
  when valid, the engine with generated data; generated malformed event payloads through the trigger function.
- **Crash safety** (reliability/crash): one store file, a child process writing to it through the storage service,
  killed with SIGKILL at a random moment (during open, before or after acknowledging writes), reopened by the next.
`;
}
