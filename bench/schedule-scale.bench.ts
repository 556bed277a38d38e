// Scheduled runs at scale (issue 7, item 5): a schedule rule over 100,000 matching issues in the local runtime,
// measured without latency (run A), a 3,000-issue run with Jira and storage latency injected (run B) to check a model
// of invocation durations, and run A projected on Forge with that model. Results go to the terminal and to
// docs/benchmarks-schedule.md. Overridable: SCALE_BENCH_ISSUES, SCALE_BENCH_CALIBRATION, SCALE_BENCH_VERIFY (how
// many issues of run A to read back; all by default).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import { figures, int, type Limits } from './schedule/figures.js';
import { NO_LATENCY, type Latency } from './schedule/latency.js';
import { ACT_CONCURRENCY, ACT_PARALLEL_ITEMS, DISPATCH_PER_INVOCATION } from './schedule/model.js';
import { codeOf, commit, machine, printSections, writeMarkdown } from './schedule/report.js';
import { runScenario, type ScenarioResult } from './schedule/scenario.js';

const env = process.env;
const ISSUES = Number(env.SCALE_BENCH_ISSUES ?? 100_000);
const CALIBRATION = Number(env.SCALE_BENCH_CALIBRATION ?? 3000);
const VERIFY = env.SCALE_BENCH_VERIFY === undefined ? ISSUES : Number(env.SCALE_BENCH_VERIFY);
/** What a large Jira Cloud site and Forge storage cost per call (issue 7): injected in run B, projected for run A. */
const FORGE: Latency = { searchMs: 300, jiraMs: 150, kvsMs: 30 };

type Fn = { key: string; timeoutSeconds?: number };
const manifest = parseYaml(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8')) as { modules: { function: Fn[] } };
const timeoutOf = (key: string): number => manifest.modules.function.find((f) => f.key === key)?.timeoutSeconds ?? 55;
const limits: Limits = { workSeconds: timeoutOf('work'), tickSeconds: timeoutOf('schedule-tick'), eventsPerMinute: 500, pushRequestsPerChain: 1000, memoryBytes: 512 * 2 ** 20 };

const benchStarted = performance.now();
const codeAtStart = commit();
const log = (line: string): void => {
  console.log(line);
};
log(machine());

async function measured(label: string, issues: number, latency: Latency, verifySample: number): Promise<ScenarioResult> {
  log(`${label}: ${int(issues)} issues, latency search ${String(latency.searchMs)} ms, Jira ${String(latency.jiraMs)} ms, storage ${String(latency.kvsMs)} ms`);
  const result = await runScenario({ issues, latency, verifySample, log });
  log(`  done: ${result.run.status}, acted ${int(result.run.acted)}, ${int(result.invocations.length)} invocations, ${(result.wallMs / 1000).toFixed(1)} s`);
  return result;
}

// The calibration run first: it is short, and a broken setup shows within a minute or two.
const calibration = await measured('run B (calibration)', CALIBRATION, FORGE, CALIBRATION);
const full = await measured('run A (full scale)', ISSUES, NO_LATENCY, VERIFY);
const { sections, headline } = figures(full, calibration, FORGE, limits);
const benchMs = performance.now() - benchStarted;

printSections(sections);
log(`\nbench time ${(benchMs / 60_000).toFixed(1)} min`);

const howToRead = [
  `Two runs are measured and the rest is projected. Run A is the real thing at full scale with no latency injected, so it finishes here in well under an hour rather than in hours: it shows what the app does (invocations, events, calls, memory) and how much CPU each invocation needs. Run B injects Forge-like latency into a smaller run and checks the model. Every figure under "Projection" is the model applied to run A's invocations.`,
  `The model: an invocation's duration on Forge = its CPU + searches × ${String(FORGE.searchMs)} ms + other Jira calls × ${String(FORGE.jiraMs)} ms + storage calls × ${String(FORGE.kvsMs)} ms, where calls the code makes at once count once: an act job carries out ${String(ACT_PARALLEL_ITEMS)} issues at once, so its waits count ÷ ${String(ACT_PARALLEL_ITEMS)}; the pager writes a page's batches at once, so they count as one storage call per page; ticks and dispatches wait call after call. Queue pushes and the queue's own delivery delay count 0 ms. CPU is this process's CPU time while the invocation ran, shared equally among the invocations running at that moment (${String(ACT_CONCURRENCY)} act jobs share one thread); it includes the storage emulator and the simulated site answering, which on Forge happen elsewhere, so it is an overestimate. A run's wall time: the pager invocations one after another, then act jobs ${String(ACT_CONCURRENCY)} at a time in batch order, the first ${String(DISPATCH_PER_INVOCATION)} pushed by the last pager and ${String(DISPATCH_PER_INVOCATION)} more by a dispatch every 30 s.`,
  `The check: run B's invocations go through the same model (CPU per call from run A) and are compared with what they took. This machine is shared and often gives the process no core for a few hundred milliseconds, so an injected sleep ends late (the "really took" rows): measured against the latency asked for, everything looks several times slower than the model, which says more about the machine than about the model. So the model is also fed each invocation's waits as they really took (every injected sleep is timed and charged to the invocation that made the call); a ratio near 1 there means the model's structure (what overlaps, what is sequential, the CPU part) holds, and the projection with Forge's latencies stands. Run B pages in one invocation and dispatches once (fewer than ${String(DISPATCH_PER_INVOCATION)} batches), so the 30 s dispatch pauses are modelled, not measured: they hold acting back only if ${String(DISPATCH_PER_INVOCATION)} act jobs take under 30 s, ${String(ACT_CONCURRENCY)} at a time.`,
];
const notes = [
  `Both runs: the real manifest and entry points (loaded from TypeScript sources) in the LocalRuntime, storage in memory (SQLite), the simulated Jira site with empty projects plus site.generate() issues in OPS (all Open, High, labelled scale-bench), and the schedule rule of bench/schedule/scale-rule.ts: cron 0 10 * * * UTC, JQL \`project = OPS AND labels = scale-bench ORDER BY created ASC\`, maxIssues = the issue count, \`when\` reading priority and labels (true for every issue), actions addLabels + comment. The frozen clock is advanced to 10:00, where the fiveMinute tick starts the run, then to each moment something falls due (the 30 s dispatch pauses, further ticks) until runs.get reads done.`,
  'Every invocation from the due tick on is recorded through runtime.onInvocation (admin-resolver calls made by the bench to poll the run are left out), with the queue message it handled. The bench fails unless the run ends SUCCESS with seen = matched = acted = the issue count and 0 failed, no invocation threw or timed out, no SDK call came after an invocation ended and no event was dead-lettered; then every issue is read back through the site\'s REST API (SCALE_BENCH_VERIFY=n: a seeded sample of n): exactly one comment, by the app, and the label.',
  'Run B\'s latency (bench/schedule/latency.ts): the Jira site\'s and the storage emulator\'s handle() are wrapped to sleep before answering: 300 ms for /rest/api/3/search/jql, 150 ms for every other Jira call (the approximate count included), 30 ms for every storage call. The runtime\'s own fault injection would add the storage latency too, but without saying how long each sleep really took; the wrappers time every sleep and charge it to the invocation that made the call. End-to-end wall time is from just before the due tick to the end of the last act job.',
  'Heap growth of one invocation is the local meter\'s figure: the largest growth of V8\'s used heap over its size when the handler started, sampled at each SDK call. Garbage not yet collected counts, and so does whatever ran at the same time in this process (the other act jobs, the site, the storage emulator): an upper bound for the invocation alone.',
  `Events pushed in the busiest minute: on the emulated clock, what the local queue's throttle saw (it refuses pushes over 500 a minute); projected, pushes placed on the projected timeline (each at the end of the invocation that made it).`,
];
writeMarkdown(new URL('../docs/benchmarks-schedule.md', import.meta.url), sections, headline, { at: new Date(), benchMs, code: codeOf(codeAtStart), notes, howToRead });
log('written: docs/benchmarks-schedule.md');
