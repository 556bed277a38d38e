import type { Page, StoragePort } from '../../ports/storage.js';
import { BATCH_ENTITY, progressRefs, RUN_ENTITY, runRef, withProgress, type RunBatch, type RunProgress, type ScheduledRun } from './run-record.js';

export type RunView = ScheduledRun & { batchesDone: number };

/** Runs newest first, of one rule or of all, a page at a time. */
export async function listRuns(storage: StoragePort, filter: { ruleId?: string; cursor?: string; limit?: number }): Promise<Page<ScheduledRun>> {
  const page = await storage.query<ScheduledRun>({
    entity: RUN_ENTITY,
    ...(filter.ruleId === undefined ? { index: 'by-time' } : { index: 'by-rule-time', partition: [filter.ruleId] }),
    sort: 'DESC',
    limit: Math.min(100, Math.max(1, filter.limit ?? 25)),
    ...(filter.cursor === undefined ? {} : { cursor: filter.cursor }),
  });
  return page;
}

/** One run with its act jobs' progress summed in (one round trip): what the progress bar polls. */
export async function getRun(storage: StoragePort, runId: string): Promise<RunView | null> {
  const [run, ...shards] = await storage.getMany<ScheduledRun | RunProgress>([runRef(runId), ...progressRefs(runId)]);
  return run === undefined ? null : withProgress(run as ScheduledRun, shards as (RunProgress | undefined)[]);
}

/** The run's matched issues with their plans (a dry run's "what would change"), a batch at a time. */
export async function listRunBatches(storage: StoragePort, runId: string, options: { cursor?: string; limit?: number }): Promise<Page<RunBatch>> {
  return storage.query<RunBatch>({
    entity: BATCH_ENTITY, index: 'by-run', partition: [runId], sort: 'ASC',
    limit: Math.min(20, Math.max(1, options.limit ?? 5)), ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
  });
}
