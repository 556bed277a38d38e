import { MAX_EVENTS_PER_PUSH, type QueueEvent } from '../../ports/queue.js';
import type { AppDeps } from '../deps.js';
import { commitRun, type RunStepOutcome } from './progress.js';
import { runRef, type ScheduledRun } from './run-record.js';

/**
 * Act jobs pushed per invocation. Forge accepts 500 events a minute per installation; the next share follows after
 * DISPATCH_PAUSE_SECONDS, so one large run stays near 400 a minute and leaves room for everything else.
 */
export const DISPATCH_PER_INVOCATION = 200;
export const DISPATCH_PAUSE_SECONDS = 30;
/** Act jobs of one run carried out at once (Forge's concurrency key): Jira rate-limits an app per site. */
export const ACT_CONCURRENCY = 4;

/**
 * Pushes the run's act jobs, one per stored batch, from where the last dispatch stopped. `from` (the sweep's
 * re-dispatch of a stalled run) pushes again from there without moving the run's own mark; act jobs are
 * idempotent, so a batch pushed twice is carried out once.
 */
export async function dispatchRun(deps: AppDeps, given: ScheduledRun | string, from?: number): Promise<RunStepOutcome> {
  const run = typeof given === 'string' ? await deps.storage.get<ScheduledRun>(runRef(given)) : given;
  const runId = typeof given === 'string' ? given : given.runId;
  if (run === undefined) return { runId, state: 'gone' };
  if (run.phase !== 'acting') return { runId, state: 'stale' };
  const start = from ?? run.dispatched;
  const end = Math.min(run.batches, start + DISPATCH_PER_INVOCATION);
  const events: QueueEvent[] = [];
  for (let batchNo = start; batchNo < end; batchNo++) {
    events.push(actJob(runId, batchNo));
  }
  for (let i = 0; i < events.length; i += MAX_EVENTS_PER_PUSH) await deps.queue.push(events.slice(i, i + MAX_EVENTS_PER_PUSH));
  let current = run;
  if (from === undefined && end > run.dispatched) {
    const saved = await commitRun(deps.storage, { ...run, dispatched: end, updatedAt: new Date(deps.now()).toISOString() });
    // The last batch finished (and the run with it) while we pushed: nothing is left to dispatch.
    if (saved === undefined) return { runId, state: 'stale' };
    current = saved;
  }
  if (end < run.batches) {
    await deps.queue.push([{ body: { kind: 'run-dispatch', runId, ...(from === undefined ? {} : { from: end }) }, delayInSeconds: DISPATCH_PAUSE_SECONDS }]);
  }
  return { runId, state: 'acting', run: current };
}

/** Forge's concurrency keys are short identifiers; a run id is one already (rule id, `.`, a compact time). */
const concurrencyKey = (runId: string): string => `run-${runId}`.slice(0, 200);

/** An act job's message, with the run's concurrency key: first pushes and retries alike stay within ACT_CONCURRENCY. */
export function actJob(runId: string, batchNo: number, delayInSeconds?: number): QueueEvent {
  return { body: { kind: 'run-batch', runId, batchNo }, concurrency: { key: concurrencyKey(runId), limit: ACT_CONCURRENCY }, ...(delayInSeconds === undefined ? {} : { delayInSeconds }) };
}
