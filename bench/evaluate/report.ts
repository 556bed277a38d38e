// The evaluator bench's results, as a terminal table and as docs/benchmarks.md.
import { cpus } from 'node:os';

export type Row = { workload: string; contender: string; cases: number; perSecond: number; note?: string };
export type Report = {
  rows: Row[];
  baseline: string;
  /** Per contender: suite cases measured, thrown, wrong. */
  suite: { name: string; thrown: number; wrong: number }[];
  suiteTotal: number;
  suiteMeasured: number;
  /** Per rule: id, then the share of inputs each contender matched (null: not run by that contender). */
  matchRates: { rule: string; rates: (number | null)[] }[];
  matchNames: string[];
  issues: number;
  notExpressible: Record<string, string>;
  translationNotes: string[];
  method: string[];
  targets: { target: string; met: boolean; detail: string }[];
};

const ops = (n: number): string => Math.round(n).toLocaleString('en-US');
const micro = (n: number): string => (1e6 / n).toFixed(2);
const percent = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);

function ratio(report: Report, row: Row): string {
  const base = report.rows.find((r) => r.workload === row.workload && r.contender === report.baseline);
  // Rows in parentheses are reference points, not contenders.
  return base && !row.contender.startsWith('(') ? `${(row.perSecond / base.perSecond).toFixed(2)}×` : '—';
}

export function printReport(report: Report): void {
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log('workload'.padEnd(44) + 'contender'.padEnd(26) + 'cases'.padStart(7) + 'ops/s'.padStart(13) + 'µs/op'.padStart(9) + `  × ${report.baseline}`);
  for (const row of report.rows) {
    console.log(
      row.workload.padEnd(44) + row.contender.padEnd(26) + String(row.cases).padStart(7) + ops(row.perSecond).padStart(13) +
        micro(row.perSecond).padStart(9) + `  ${ratio(report, row)}${row.note ? `  (${row.note})` : ''}`,
    );
  }
  console.log('\ntargets');
  for (const t of report.targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.detail}`);
  console.log(`\nconformance suite: ${report.suiteTotal} cases, ${report.suiteMeasured} measured (passed by every contender)`);
  for (const s of report.suite) console.log(`  ${s.name.padEnd(26)} threw ${s.thrown}, wrong ${s.wrong}`);
  console.log(`\nmatch rate per rule over ${report.issues} generated inputs (every contender must agree)`);
  console.log('  ' + 'rule'.padEnd(36) + report.matchNames.map((n) => n.slice(0, 12).padStart(13)).join(''));
  for (const { rule, rates } of report.matchRates) console.log('  ' + rule.padEnd(36) + rates.map((r) => percent(r).padStart(13)).join(''));
}

export function markdownReport(report: Report, date: Date): string {
  const cpu = cpus();
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/evaluate.bench.ts) on ${date.toISOString().slice(0, 10)}: node ${process.version}, ` +
      `${cpu[0]?.model ?? 'unknown CPU'} (${cpu.length} cores). Overwritten on every run; numbers from one machine, compare ratios.`,
    '',
    '## JSON-Logic evaluation throughput',
    '',
    `| workload | contender | cases | ops/s | µs/op | × ${report.baseline} |`,
    '|---|---|--:|--:|--:|--:|',
    ...report.rows.map((r) => `| ${r.workload} | ${r.contender}${r.note ? ` (${r.note})` : ''} | ${r.cases} | ${ops(r.perSecond)} | ${micro(r.perSecond)} | ${ratio(report, r)} |`),
    '',
    '## Targets',
    '',
    '| target | met | measured |',
    '|---|---|---|',
    ...report.targets.map((t) => `| ${t.target} | ${t.met ? 'yes' : '**no**'} | ${t.detail} |`),
    '',
    '## Method',
    '',
    ...report.method.map((m) => `- ${m}`),
    '',
    '## Conformance suite: cases each contender fails',
    '',
    `${report.suiteTotal} cases in ../shared/conformance/jsonlogic/tests.json; ${report.suiteMeasured} are passed by every contender and measured.`,
    '',
    '| contender | threw | wrong result |',
    '|---|--:|--:|',
    ...report.suite.map((s) => `| ${s.name} | ${s.thrown} | ${s.wrong} |`),
    '',
    `## Rules corpus: share of the ${report.issues} generated inputs each rule matched`,
    '',
    `| rule | ${report.matchNames.join(' | ')} |`,
    `|---|${report.matchNames.map(() => '--:').join('|')}|`,
    ...report.matchRates.map(({ rule, rates }) => `| ${rule} | ${rates.map(percent).join(' | ')} |`),
    '',
    '## Rules json-rules-engine cannot express',
    '',
    '| rule | why |',
    '|---|---|',
    ...Object.entries(report.notExpressible).map(([rule, why]) => `| ${rule} | ${why} |`),
    '',
    'Where the translations of the others are not word for word:',
    '',
    ...report.translationNotes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}
