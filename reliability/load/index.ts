/**
 * Scenario "Load": people's changes arrive at a fixed rate while the app's storage calls take 30 ms and its Jira
 * calls 150 ms (the runtime's latency injection, as `POST /__dev/faults` sets it). Each rate runs for a while; a
 * rate is sustained when no backlog builds up: the events of the last quarter of the window wait no longer (median)
 * than those of the first quarter, give or take half a second. An event's own time is the work of every rule it
 * matched, carried out one after another in its invocation, so p99 is reported, not judged. Measured per rate: events per second finished, p50/p99 from the event to its last action (the end
 * of the trigger invocation that carried the actions out), and storage and Jira calls per event.
 */
import { row, type ReportRow } from '../report-row.js';
import { CONTEXT_ARI, LOCAL_APP } from '../../src/local/runtime/invocation.js';
import { startWorkloadApp, type SiteEvent } from '../workload/app.js';
import { newPeople, performStep } from '../workload/perform.js';
import { silenceConsole } from '../workload/quiet.js';
import { Script } from '../workload/script.js';

export type LoadOptions = {
  /** Offered rates, people's changes per second. */
  rates: number[];
  /** How long each rate is offered. */
  secondsPerRate: number;
  storageLatencyMs?: number;
  jiraLatencyMs?: number;
  /** Changes made and handled before measuring, so rules are compiled and caches warm as on a running site. */
  warmUpChanges?: number;
  seed?: number;
};

export type RateFigures = {
  offered: number;
  changes: number;
  events: number;
  /** Events finished per second, from the first change to the last event finished (the tail included). */
  achieved: number;
  p50Ms: number;
  p99Ms: number;
  storageCallsPerEvent: number;
  jiraCallsPerEvent: number;
  /** Deliveries that failed, timed out or were retried: none is expected without faults while the app keeps up. */
  failures: number;
  executions: number;
  /** Median latency of the first and the last quarter of the window's events. */
  firstWaitMs: number;
  lastWaitMs: number;
  /** No backlog built up: the last quarter's median wait is within BACKLOG_SLACK_MS of the first's. */
  sustained: boolean;
};

export type LoadFigures = { options: Required<LoadOptions>; rates: RateFigures[]; sustained: RateFigures | undefined; wallMs: number };

/** Slack allowed between the median wait of the last and the first quarter of a window before it is a backlog. */
const BACKLOG_SLACK_MS = 500;
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const o: Required<LoadOptions> = { storageLatencyMs: 30, jiraLatencyMs: 150, warmUpChanges: 50, seed: 1, ...options };
  const started = performance.now();
  const rates: RateFigures[] = [];
  for (const rate of o.rates) rates.push(await measureRate(rate, o));
  const sustained = [...rates].reverse().find((r) => r.sustained && r.failures === 0);
  return { options: o, rates, sustained, wallMs: performance.now() - started };
}

async function measureRate(rate: number, o: Required<LoadOptions>): Promise<RateFigures> {
  // People's events are delivered here, not by the runtime's event bus, so each one's time is its own.
  const raised: SiteEvent[] = [];
  const app = await startWorkloadApp({
    copiesOf: (event) => (event.atlassianId === LOCAL_APP.appAccountId ? 1 : 0),
    onSiteEvent: (event) => {
      if (event.atlassianId !== LOCAL_APP.appAccountId) raised.push(event);
    },
  });
  const trigger = app.runtime.modules.triggers.find((t) => t.events.includes('avi:jira:updated:issue'));
  if (trigger === undefined) throw new Error('manifest.yml has no trigger for avi:jira:updated:issue');
  const deliver = (event: SiteEvent): Promise<boolean> =>
    app.runtime.host
      .invoke(trigger.functionKey, { moduleType: 'trigger', moduleKey: trigger.key, args: [event, { installContext: CONTEXT_ARI, workspaceId: LOCAL_APP.cloudId }] })
      .then((outcome) => outcome.outcome === 'returned' && (outcome.value as { accepted?: unknown; retryInSeconds?: unknown } | null)?.accepted === true && (outcome.value as { retryInSeconds?: unknown }).retryInSeconds === undefined);
  const quiet = silenceConsole();
  try {
    // Warm: the first event of each kind compiles the rules and fills the caches, as a long-running site has.
    const script = new Script(o.seed);
    const people = newPeople();
    for (const step of script.wave(o.warmUpChanges)) await performStep(app.site, people, step);
    for (const event of raised.splice(0)) await deliver(event);
    await app.runtime.drain();

    app.runtime.traffic.setFaults('kvs', { latencyMs: o.storageLatencyMs });
    app.runtime.traffic.setFaults('jira', { latencyMs: o.jiraLatencyMs });
    app.runtime.traffic.resetStats();
    const executionsBefore = app.runtime.storage.contents().filter((item) => item.entity === 'execution').length;
    let failures = 0;
    const latencies: number[] = [];
    /** Latency by arrival order, to tell a backlog (waits growing over the window) from slow events. */
    const byArrival: number[] = [];
    const inFlight: Promise<void>[] = [];
    const changes = Math.max(1, Math.round(rate * o.secondsPerRate));
    const steps = script.wave(changes);
    let events = 0;
    const t0 = performance.now();
    for (const [i, step] of steps.entries()) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      await performStep(app.site, people, step);
      for (const event of raised.splice(0)) {
        events += 1;
        const at = performance.now();
        const n = events - 1;
        inFlight.push(deliver(event).then((ok) => {
          if (!ok) failures += 1;
          latencies.push(performance.now() - at);
          byArrival[n] = performance.now() - at;
        }));
      }
    }
    await Promise.all(inFlight);
    const elapsed = performance.now() - t0;
    await app.runtime.drain();
    const stats = app.runtime.traffic.stats();
    const calls = (service: string): number => Object.values(stats[service] ?? {}).reduce((n, s) => n + s.calls, 0);
    const executions = app.runtime.storage.contents().filter((item) => item.entity === 'execution').length - executionsBefore;
    latencies.sort((a, b) => a - b);
    const achieved = (events * 1000) / elapsed;
    const p99Ms = quantile(latencies, 0.99);
    const quarter = Math.max(1, Math.floor(byArrival.length / 4));
    const median = (values: number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);
    const firstWait = median(byArrival.slice(0, quarter));
    const lastWait = median(byArrival.slice(-quarter));
    return {
      offered: rate, changes, events, achieved, p50Ms: quantile(latencies, 0.5), p99Ms,
      storageCallsPerEvent: calls('kvs') / Math.max(1, events), jiraCallsPerEvent: calls('jira') / Math.max(1, events),
      failures, executions, firstWaitMs: firstWait, lastWaitMs: lastWait, sustained: lastWait <= firstWait + BACKLOG_SLACK_MS,
    };
  } finally {
    quiet.restore();
    app.close();
  }
}

const S = 'Load';
const f1 = (n: number): string => n.toFixed(1);

export function loadRows(f: LoadFigures): ReportRow[] {
  const { storageLatencyMs, jiraLatencyMs } = f.options;
  // Where a backlog builds up, waits grow until deliveries pass the 25 s limit: Forge would time them out and deliver
  // them again. That is the figure to report at a rate beyond what the app sustains, not a goal it can meet there.
  const rows = f.rates.map((r) =>
    row(S, `offered ${String(r.offered)} changes/s (${String(r.events)} events)`,
      `${f1(r.achieved)} events/s · p50 ${r.p50Ms.toFixed(0)} ms · p99 ${r.p99Ms.toFixed(0)} ms · median wait ${r.firstWaitMs.toFixed(0)} → ${r.lastWaitMs.toFixed(0)} ms (${r.sustained ? 'kept up' : 'backlog'}) · ${f1(r.storageCallsPerEvent)} storage + ${f1(r.jiraCallsPerEvent)} Jira calls/event · ${String(r.executions)} runs · ${String(r.failures)} deliveries failed or timed out`,
      r.sustained ? '0 failed deliveries while it keeps up' : '', r.sustained ? r.failures === 0 : null));
  const best = f.sustained;
  rows.unshift(row(S, `events/s sustained (storage ${String(storageLatencyMs)} ms, Jira ${String(jiraLatencyMs)} ms per call)`,
    best === undefined ? 'none of the rates' : `${f1(best.achieved)} at ${String(best.offered)} changes/s (p50 ${best.p50Ms.toFixed(0)} ms, p99 ${best.p99Ms.toFixed(0)} ms)`,
    `no backlog (last quarter's median wait ≤ first's + ${String(BACKLOG_SLACK_MS)} ms)`, best !== undefined));
  return rows;
}
