import { TransientError } from '../../ports/errors.js';
import type { StoragePort } from '../../ports/storage.js';
import type { AppDeps } from '../deps.js';
import { ttlFor } from '../settings/retention-now.js';
import {
  batchRef, batchTtl, finalRunStatus, progressRef, progressRefs, runRef, withProgress,
  type RunBatch, type RunProgress, type ScheduledRun,
} from './run-record.js';

export type RunStepOutcome =
  | { runId: string; state: 'gone' | 'stale' }
  | { runId: string; state: 'paging' | 'waiting' | 'acting' | 'done'; run: ScheduledRun };

/** Writes the run only if nobody wrote it since it was read (its `writes` count); undefined when someone did. */
export async function commitRun(storage: StoragePort, run: ScheduledRun): Promise<ScheduledRun | undefined> {
  const next: ScheduledRun = { ...run, writes: run.writes + 1 };
  const result = await storage.transact([
    { op: 'set', ref: runRef(run.runId), value: next, options: await ttlFor(storage, 'run'), condition: { attribute: 'writes', equalTo: run.writes } },
  ]);
  return result.ok ? next : undefined;
}

/** The run's final record: its status from what its issues' runs did, or FAILED with `error`. */
export async function finishRun(deps: AppDeps, run: ScheduledRun, error: ScheduledRun['error'], counts?: { acted: number; failed: number }): Promise<RunStepOutcome> {
  const at = new Date(deps.now()).toISOString();
  const acted = counts?.acted ?? run.acted;
  const failed = counts?.failed ?? run.failed;
  const done: ScheduledRun = {
    ...run, phase: 'done', status: finalRunStatus({ dryRun: run.dryRun, error }, acted, failed), error, acted, failed,
    startedAt: run.startedAt ?? at, finishedAt: at, updatedAt: at, nextPageToken: null,
  };
  const saved = await commitRun(deps.storage, done);
  return saved === undefined ? { runId: run.runId, state: 'stale' } : { runId: run.runId, state: 'done', run: saved };
}

/**
 * Records a carried-out batch exactly once: the batch turns `done` (only if it was pending) in the same
 * transaction that adds its counts to one progress shard (only if nobody wrote the shard since it was read). A
 * shard lost to a concurrent batch is read again; a batch someone else already recorded returns false.
 */
export async function commitBatch(storage: StoragePort, batch: RunBatch, counts: { acted: number; failed: number }, at: string): Promise<boolean> {
  const ref = progressRef(batch.runId, batch.batchNo % progressRefs(batch.runId).length);
  const runTtl = await ttlFor(storage, 'run');
  for (let tries = 0; tries < 12; tries++) {
    const shard = await storage.get<RunProgress>(ref);
    const next: RunProgress = {
      runId: batch.runId, shard: batch.batchNo % progressRefs(batch.runId).length, batchesDone: (shard?.batchesDone ?? 0) + 1,
      acted: (shard?.acted ?? 0) + counts.acted, failed: (shard?.failed ?? 0) + counts.failed, updatedAt: at, writes: (shard?.writes ?? 0) + 1,
    };
    const result = await storage.transact([
      { op: 'set', ref: batchRef(batch.runId, batch.batchNo), value: { ...batch, state: 'done', ...counts, doneAt: at }, options: batchTtl(runTtl), condition: { attribute: 'state', equalTo: 'pending' } },
      { op: 'set', ref, value: next, options: runTtl, condition: shard === undefined ? { attribute: 'runId', notExists: true } : { attribute: 'writes', equalTo: shard.writes } },
    ]);
    if (result.ok) return true;
    const now = await storage.get<RunBatch>(batchRef(batch.runId, batch.batchNo));
    if (now?.state !== 'pending') return false;
  }
  throw new TransientError('PROGRESS_CONTENDED', `Recording batch ${String(batch.batchNo)} of run ${batch.runId} kept losing to concurrent writers.`);
}

/**
 * Finishes an acting run once every batch it stored is recorded; whoever records the last batch gets here. A lost
 * race (the dispatcher wrote the run meanwhile) reads again, or the run would never finish.
 */
export async function finishIfComplete(deps: AppDeps, runId: string): Promise<RunStepOutcome> {
  for (let tries = 0; ; tries++) {
    const [run, ...shards] = await deps.storage.getMany<ScheduledRun | RunProgress>([runRef(runId), ...progressRefs(runId)]);
    if (run === undefined) return { runId, state: 'gone' };
    const current = run as ScheduledRun;
    if (current.phase === 'done') return { runId, state: 'done', run: current };
    if (current.phase !== 'acting') return { runId, state: 'stale' };
    const progress = withProgress(current, shards as (RunProgress | undefined)[]);
    if (progress.batchesDone < current.batches) return { runId, state: 'acting', run: progress };
    const finished = await finishRun(deps, current, null, { acted: progress.acted, failed: progress.failed });
    if (finished.state === 'done' || tries >= 5) return finished;
  }
}
