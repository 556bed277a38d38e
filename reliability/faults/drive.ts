/**
 * One run of the workload script through the app in the local runtime, wave by wave: people's changes, the
 * platform's deliveries (with repeats when asked), and the clock moved on until every run, retry and redelivery of
 * the wave is over. Faults, when given, are injected through the runtime's traffic control, the same settings
 * `POST /__dev/faults` takes.
 */
import type { DrainReport } from '../../src/local/runtime/local-runtime.js';
import type { FaultSpec } from '../../src/local/runtime/fault-spec.js';
import { random, Script } from '../workload/script.js';
import { newPeople, performStep } from '../workload/perform.js';
import { startWorkloadApp, type SiteEvent, type WorkloadApp } from '../workload/app.js';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import { Observer, type Observation } from './observe.js';
import { silenceConsole } from '../workload/quiet.js';

export type DriveOptions = {
  seed: number;
  /** Stop after the wave in which people's events reach this many (a reference run); or run exactly `waves`. */
  events?: number;
  waves?: number;
  waveSize: number;
  /** Probability that a people's event is delivered more than once (then 2 or 3 times, half of them late). */
  duplicateRate?: number;
  storage?: FaultSpec;
  jira?: FaultSpec;
  /**
   * The share of invocations to kill mid-run. Faults kill at an SDK call (`killRate` is per call), so the per-call
   * rate is set after each wave from the calls per invocation seen so far.
   */
  killedInvocations?: number;
  /** For replaying a difference: every line the app logged, and the app itself before it closes. */
  onLog?: (line: string) => void;
  inspect?: (app: WorkloadApp) => Promise<void> | void;
};

export type DriveReport = {
  observation: Observation;
  waves: number;
  invocations: number;
  killed: number;
  /** SDK calls per invocation, for calibrating killRate. */
  callsPerInvocation: number;
  deliveries: { events: number; redeliveries: number; queue: number; queueRetries: number; failedForGood: number; deadLetters: number };
  duplicatesSent: number;
  calls: { storage: number; jira: number; storageFaults: number; jiraFaults: number };
  /** Waves whose work outlasted the first 30 minutes of simulated time (retries with backoff). */
  slowWaves: number;
  /** Lines the app logged (warnings of retried calls and parked runs, mostly). */
  logLines: number;
  wallMs: number;
};

const WAVE_GAP_MS = 30 * 60_000;
const MAX_EXTRA_GAPS = 8;

export async function drive(options: DriveOptions): Promise<DriveReport> {
  const started = performance.now();
  const observer = new Observer();
  const late: SiteEvent[] = [];
  const chance = random(options.seed * 7919 + 1);
  let duplicatesSent = 0;
  const copiesOf = (event: SiteEvent): number => {
    if (event.atlassianId === LOCAL_APP.appAccountId || !(chance() < (options.duplicateRate ?? 0))) return 1;
    const extra = chance() < 0.5 ? 1 : 2;
    duplicatesSent += extra;
    if (chance() < 0.5) return 1 + extra;
    for (let c = 0; c < extra; c++) late.push(structuredClone(event));
    return 1;
  };
  const app = await startWorkloadApp({ onSiteEvent: observer.onSiteEvent, copiesOf, faultSeed: options.seed });
  let invocations = 0;
  let killed = 0;
  let calls = 0;
  app.runtime.onInvocation((record) => {
    invocations += 1;
    if (record.killed) killed += 1;
    calls += record.calls.kvs + record.calls.jira;
  });
  const setFaults = (): void => {
    const perCall = (options.killedInvocations ?? 0) / Math.max(1, invocations === 0 ? 5 : calls / invocations);
    const kill = perCall > 0 ? { killRate: perCall } : {};
    if (options.storage) app.runtime.traffic.setFaults('kvs', { ...options.storage, ...kill });
    if (options.jira) app.runtime.traffic.setFaults('jira', { ...options.jira, ...kill });
  };
  setFaults();

  const script = new Script(options.seed);
  const people = newPeople();
  const deliveries = { events: 0, redeliveries: 0, queue: 0, queueRetries: 0, failedForGood: 0, deadLetters: 0 };
  const tally = (reports: DrainReport[]): void => {
    for (const r of reports) {
      deliveries.events += r.events.delivered;
      deliveries.redeliveries += r.events.retried;
      deliveries.queue += r.queue.delivered;
      deliveries.queueRetries += r.queue.retried;
    }
  };
  let waves = 0;
  let slowWaves = 0;
  // The app's warnings (a retried call, a parked run, a tick that failed) are expected by the thousand here.
  const quiet = silenceConsole(options.onLog);
  try {
    while (options.waves !== undefined ? waves < options.waves : observer.peopleEvents < (options.events ?? 0)) {
      for (const [s, step] of script.wave(options.waveSize).entries()) {
        observer.at(`${String(waves)}.${String(s)}`);
        await performStep(app.site, people, step);
      }
      tally([await app.runtime.drain()]);
      for (const event of late.splice(0)) app.runtime.publishEvent(event);
      tally(await app.runtime.advanceTo(app.clock.now() + WAVE_GAP_MS));
      let extra = 0;
      while ((app.runtime.events.pending() > 0 || app.runtime.queue.pending() > 0) && extra < MAX_EXTRA_GAPS) {
        extra += 1;
        tally(await app.runtime.advanceTo(app.clock.now() + WAVE_GAP_MS / 2));
      }
      if (extra > 0) slowWaves += 1;
      waves += 1;
      setFaults();
    }
  } finally {
    quiet.restore();
  }
  deliveries.failedForGood = app.runtime.events.failed().length;
  deliveries.deadLetters = app.runtime.queue.deadLetters().length;
  const stats = app.runtime.traffic.stats();
  const sum = (service: string, field: 'calls' | 'faults'): number => Object.values(stats[service] ?? {}).reduce((n, s) => n + s[field], 0);
  const observation = observer.observe(app.runtime.storage.contents());
  await options.inspect?.(app);
  app.close();
  return {
    observation, waves, invocations, killed, callsPerInvocation: calls / Math.max(1, invocations), deliveries, duplicatesSent,
    calls: { storage: sum('kvs', 'calls'), jira: sum('jira', 'calls'), storageFaults: sum('kvs', 'faults'), jiraFaults: sum('jira', 'faults') },
    slowWaves, logLines: quiet.lines, wallMs: performance.now() - started,
  };
}
