/**
 * Scenario "Duplicates and faults": the workload's events over its 50 rules, first without faults (what should
 * happen), then with 30% of people's events delivered two or three times, 10% of storage and of Jira calls failing
 * (429 with Retry-After, 500, 503) and about 1% of invocations killed mid-run. Goals: no lost execution, no
 * duplicated effect, every retry bounded.
 */
import { MAX_ATTEMPTS } from '../../src/app/run/work-message.js';
import { PRODUCT_EVENT_MAX_RETRIES } from '../../src/local/host/product-events.js';
import type { FaultStatus } from '../../src/local/runtime/fault-spec.js';
import { row, type ReportRow } from '../report-row.js';
import { compare, type Verdict } from './compare.js';
import { drive, type DriveReport } from './drive.js';

export type FaultsOptions = {
  events: number;
  seed?: number;
  waveSize?: number;
  duplicateRate?: number;
  errorRate?: number;
  /** The share of invocations to kill; turned into a per-call rate from the reference run's calls per invocation. */
  killedInvocations?: number;
  statuses?: FaultStatus[];
  retryAfterSeconds?: number;
};

export type FaultsFigures = {
  options: Required<FaultsOptions>;
  reference: DriveReport;
  faulty: DriveReport;
  verdict: Verdict;
};

export async function runFaults(options: FaultsOptions): Promise<FaultsFigures> {
  const o: Required<FaultsOptions> = {
    seed: 1, waveSize: 200, duplicateRate: 0.3, errorRate: 0.1, killedInvocations: 0.01, statuses: [429, 500, 503], retryAfterSeconds: 5, ...options,
  };
  const reference = await drive({ seed: o.seed, events: o.events, waveSize: o.waveSize });
  const spec = { errorRate: o.errorRate, statuses: o.statuses, retryAfterSeconds: o.retryAfterSeconds };
  const faulty = await drive({
    seed: o.seed, waves: reference.waves, waveSize: o.waveSize, duplicateRate: o.duplicateRate, storage: spec, jira: spec, killedInvocations: o.killedInvocations,
  });
  return { options: o, reference, faulty, verdict: compare(reference.observation, faulty.observation) };
}

const S = 'Duplicates and faults';
const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

export function faultsRows(f: FaultsFigures): ReportRow[] {
  const { faulty, reference, verdict: v } = f;
  const effects = Object.values(v.duplicateEffects).reduce((a, b) => a + b, 0);
  const fx = v.duplicateEffects;
  return [
    row(S, 'Jira events (people\'s changes) over 50 rules', faulty.observation.peopleEvents, `≥ ${f.options.events.toLocaleString('en-US')}`, faulty.observation.peopleEvents >= f.options.events),
    row(S, 'events delivered more than once', `${faulty.duplicatesSent.toLocaleString('en-US')} extra deliveries`),
    row(S, 'storage / Jira calls failed by injection', `${faulty.calls.storageFaults.toLocaleString('en-US')} of ${faulty.calls.storage.toLocaleString('en-US')} (${pct(faulty.calls.storageFaults, faulty.calls.storage)}) / ${faulty.calls.jiraFaults.toLocaleString('en-US')} of ${faulty.calls.jira.toLocaleString('en-US')} (${pct(faulty.calls.jiraFaults, faulty.calls.jira)})`),
    row(S, 'invocations killed mid-run', `${faulty.killed.toLocaleString('en-US')} of ${faulty.invocations.toLocaleString('en-US')} (${pct(faulty.killed, faulty.invocations)})`),
    row(S, 'runs that should happen (fault-free run)', v.expectedRuns),
    row(S, 'lost executions', v.lost, '0', v.lost === 0),
    row(S, 'runs with more than one final record', v.duplicateRecords, '0', v.duplicateRecords === 0),
    row(S, 'unexpected runs / runs ending otherwise (retries not given up)', `${String(v.unexpected)} / ${String(v.statusDiffers)}`, '0 / 0', v.unexpected === 0 && v.statusDiffers === 0),
    row(S, `runs that gave up after ${String(MAX_ATTEMPTS)} attempts (recorded as failed, with the reason)`, `${String(v.gaveUp)} (${String(v.missingWhereGivenUp)} changes not made)`),
    row(S, 'duplicate effects (comments, labels, transitions, assignments, priorities, results)', `${String(effects)} (${String(fx.comments)}, ${String(fx.labels)}, ${String(fx.status)}, ${String(fx.assignee)}, ${String(fx.priority)}, ${String(fx.results)})`, '0', effects === 0),
    row(S, 'missing effects', v.missingEffects, '0', v.missingEffects === 0),
    row(S, 'repeats recognised (SKIPPED_DUPLICATE records)', faulty.observation.skippedDuplicates),
    // An attempt is a retry after a failed call (at most MAX_ATTEMPTS, then the action is given up) or a take-over
    // of a run whose holder was killed (each needs a kill; a redelivery or a lease check brings it).
    row(S, 'most attempts of one run (retries after failed calls + take-overs after kills)', faulty.observation.maxAttempts, `≤ ${String(MAX_ATTEMPTS + PRODUCT_EVENT_MAX_RETRIES)}`, faulty.observation.maxAttempts <= MAX_ATTEMPTS + PRODUCT_EVENT_MAX_RETRIES),
    row(S, `platform redeliveries (at most ${String(PRODUCT_EVENT_MAX_RETRIES)} per event, as on Forge) / queue retries`, `${faulty.deliveries.redeliveries.toLocaleString('en-US')} / ${faulty.deliveries.queueRetries.toLocaleString('en-US')}`),
    row(S, 'deliveries failed for good / dead letters', `${String(faulty.deliveries.failedForGood)} / ${String(faulty.deliveries.deadLetters)}`, '0 / 0', faulty.deliveries.failedForGood === 0 && faulty.deliveries.deadLetters === 0),
    row(S, 'waves still busy after 30 simulated minutes', `${String(faulty.slowWaves)} of ${String(faulty.waves)}`),
    row(S, 'wall time (fault-free + faulty run)', `${(reference.wallMs / 1000).toFixed(0)} s + ${(faulty.wallMs / 1000).toFixed(0)} s`),
  ];
}
