/**
 * One scheduled run over N generated issues, end to end in the local runtime: the real manifest and entry points
 * (loaded from source), the simulated Jira site in scale mode, a schedule rule whose JQL matches every generated
 * issue, fired by the fiveMinute tick when the clock crosses its due time and driven until its run record is done.
 * Every invocation's record is kept, with the queue message it handled.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { HandlerLoader, InvocationRecord } from '../../src/local/host/function-host.js';
import { sourceLoader } from '../../src/local/host/loaders.js';
import { createJiraSite } from '../../src/local/jira/site/index.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import { LocalRuntime } from '../../src/local/runtime/local-runtime.js';
import { type Latency, setStorageLatency, SleepTally, type Slept, withJiraLatency } from './latency.js';
import { scaleRule, SWEPT_LABEL, RULE_ID, GENERATED } from './scale-rule.js';
import { verifyIssues, type Verified } from './verify.js';

const root = new URL('../../', import.meta.url);
const START = Date.parse('2026-03-02T09:00:00Z');
/** The rule's cron is 10:00 UTC daily: the tick at 10:00 starts its run. */
const DUE = Date.parse('2026-03-02T10:00:00Z');
const TICK_MS = 5 * 60_000;

/** What kind of work an invocation did: the queue message's kind, or the function for the others. */
export type WorkKind = 'tick' | 'page' | 'dispatch' | 'act' | 'other';

export type Invocation = Pick<InvocationRecord, 'functionKey' | 'at' | 'durationMs' | 'outcome' | 'calls' | 'heapPeakBytes'> & {
  kind: WorkKind;
  /** performance.now() when the handler was called and when the invocation ended (wall clock, this process). */
  startedAt: number;
  endedAt: number;
  /** This process's CPU time (user + system, ms) read at those two moments. */
  cpuAtStart: number;
  cpuAtEnd: number;
  /** What the latency injected into its calls really took, by service (ms). */
  slept: Slept;
};

type Started = { kind: WorkKind; startedAt: number; cpuAtStart: number };

const processCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export type RunView = {
  runId: string; status: string; phase: string; seen: number; matched: number; acted: number; failed: number;
  pages: number; batches: number; expected: number | null; capped: boolean;
};

export type ScenarioResult = {
  issues: number;
  latency: Latency;
  run: RunView;
  invocations: Invocation[];
  /** Wall time from just before the due tick to the end of the run's last invocation. */
  wallMs: number;
  /** This process's CPU time over the same span: below wallMs when others had the machine's cores. */
  cpuMs: number;
  /** The latency injected, and what the sleeps really took. */
  sleeps: SleepTally;
  /** Largest resident set of this process (runtime, site, storage and app together), sampled every second. */
  rssPeakBytes: number;
  /** Emulated time the run took (queue delays: dispatch pauses). */
  emulatedMs: number;
  setupMs: number;
  verified: Verified;
};

const MESSAGE_KINDS: Record<string, WorkKind> = { 'run-page': 'page', 'run-dispatch': 'dispatch', 'run-batch': 'act' };

/** The source loader, with each handler noting which queue message its invocation handles, when and at what CPU. */
function taggingLoader(kinds: Map<string, Started>): HandlerLoader {
  const load = sourceLoader(fileURLToPath(new URL('src', root)));
  return async (fn) => {
    const handler = await load(fn);
    return (...args: unknown[]) => {
      const runtime = (globalThis as { __forge_runtime__?: { appContext?: { invocationId?: string } } }).__forge_runtime__;
      const id = runtime?.appContext?.invocationId;
      const body = (args[0] as { body?: { kind?: unknown } } | undefined)?.body;
      const kind = fn.key === 'schedule-tick' ? 'tick' : typeof body?.kind === 'string' ? (MESSAGE_KINDS[body.kind] ?? 'other') : 'other';
      if (id !== undefined) kinds.set(id, { kind, startedAt: performance.now(), cpuAtStart: processCpuMs() });
      return handler(...args);
    };
  };
}

export async function runScenario(options: { issues: number; latency: Latency; verifySample: number; log: (line: string) => void }): Promise<ScenarioResult> {
  const { issues, latency, log } = options;
  const setupStarted = performance.now();
  const clock = new Clock({ start: START, frozen: true });
  const site = createJiraSite({ clock, appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId, data: 'empty' });
  site.generate({ count: issues, project: GENERATED.project, fields: GENERATED.fields });
  const manifest = parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as unknown;
  const kinds = new Map<string, Started>();
  const sleeps = new SleepTally();
  const runtime = new LocalRuntime({ manifest, load: taggingLoader(kinds), storagePath: ':memory:', clock, jira: withJiraLatency(site, latency, sleeps) });
  try {
    setStorageLatency(runtime, latency, sleeps);
    const resolve = async (key: string, payload: unknown): Promise<unknown> => {
      const outcome = await runtime.invokeResolver(key, payload);
      const value = outcome.outcome === 'returned' ? (outcome.value as { ok?: boolean; result?: unknown }) : undefined;
      if (value?.ok !== true) throw new Error(`resolver ${key}: ${JSON.stringify(outcome).slice(0, 500)}`);
      return value.result;
    };
    await resolve('rules.save', { document: scaleRule(issues), expectedVersion: null });
    // The ticks before the due time decide nothing is due; they are not part of the run.
    await runtime.advanceTo(DUE - TICK_MS);
    const setupMs = performance.now() - setupStarted;

    const invocations: Invocation[] = [];
    const stop = runtime.onInvocation((record) => {
      const slept = sleeps.take(record.id);
      if (record.functionKey === 'admin-resolver') return;
      const endedAt = performance.now();
      const cpuAtEnd = processCpuMs();
      const started = kinds.get(record.id) ?? { kind: 'other', startedAt: endedAt - record.durationMs, cpuAtStart: cpuAtEnd };
      kinds.delete(record.id);
      const { functionKey, at, durationMs, outcome, calls, heapPeakBytes } = record;
      invocations.push({ functionKey, at, durationMs, outcome, calls, heapPeakBytes, ...started, endedAt, cpuAtEnd, slept });
    });
    let rssPeakBytes = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
    }, 1000);
    sampler.unref();
    const started = performance.now();
    const cpuStarted = processCpuMs();
    await runtime.advanceTo(DUE);
    const listed = (await resolve('runs.list', { ruleId: RULE_ID })) as { items: { value: RunView }[] };
    const runId = listed.items[0]?.value.runId;
    if (runId === undefined || listed.items.length !== 1) throw new Error(`expected one run after the due tick, found ${String(listed.items.length)}`);
    let run = (await resolve('runs.get', { runId })) as RunView;
    let lastReport = performance.now();
    while (run.phase !== 'done') {
      const next = runtime.nextDueAt();
      if (next === undefined) throw new Error(`the run stopped moving: ${JSON.stringify(run)}`);
      await runtime.advanceTo(next);
      run = (await resolve('runs.get', { runId })) as RunView;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        log(`  … ${run.phase}: seen ${String(run.seen)}, acted ${String(run.acted)} after ${((lastReport - started) / 1000).toFixed(0)} s`);
      }
    }
    const last = invocations.reduce((a, b) => (b.endedAt > a.endedAt ? b : a));
    const wallMs = last.endedAt - started;
    const cpuMs = last.cpuAtEnd - cpuStarted;
    const emulatedMs = clock.now() - DUE;
    stop();
    clearInterval(sampler);

    problems(runtime, invocations, run, issues);
    const verified = await verifyIssues(site, issues, options.verifySample, SWEPT_LABEL);
    return { issues, latency, run, invocations, wallMs, cpuMs, sleeps, emulatedMs, setupMs, rssPeakBytes, verified };
  } finally {
    runtime.close();
  }
}

/** Throws unless the run ended SUCCESS with every issue acted on once, and nothing timed out, failed or was late. */
function problems(runtime: LocalRuntime, invocations: readonly Invocation[], run: RunView, issues: number): void {
  const found: string[] = [];
  if (run.status !== 'SUCCESS') found.push(`run status ${run.status}`);
  if (run.seen !== issues || run.matched !== issues || run.acted !== issues || run.failed !== 0) {
    found.push(`run counts seen ${String(run.seen)}, matched ${String(run.matched)}, acted ${String(run.acted)}, failed ${String(run.failed)} (expected ${String(issues)}, 0 failed)`);
  }
  const bad = invocations.filter((i) => i.outcome !== 'returned');
  if (bad.length > 0) found.push(`${String(bad.length)} invocations did not return (first: ${bad[0]?.functionKey ?? ''} ${bad[0]?.outcome ?? ''})`);
  if (runtime.lateCalls.length > 0) found.push(`${String(runtime.lateCalls.length)} SDK calls after an invocation ended`);
  const dead = runtime.queue.deadLetters();
  if (dead.length > 0) found.push(`${String(dead.length)} dead letters (first: ${JSON.stringify(dead[0]).slice(0, 300)})`);
  if (found.length > 0) throw new Error(`the ${String(issues)}-issue run is not right: ${found.join('; ')}`);
}
