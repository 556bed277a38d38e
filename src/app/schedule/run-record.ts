/**
 * How a run over a JQL set sits in the Custom Entity Store (manifest.yml `scheduled-run`, `run-batch`,
 * `run-progress`). One `scheduled-run` per run, written only by the invocation that pages the search (and by the
 * one that finishes the run), so its progress needs no locking; each batch of matched issues is a `run-batch`;
 * act jobs report into a few `run-progress` shards instead of the run item, so they never contend with the pager.
 */
import type { JsonValue, PlannedAction, RuleTrace, RunError } from '../../core/engine/index.js';
import type { ItemRef } from '../../ports/storage.js';

export const RUN_ENTITY = 'scheduled-run';
export const BATCH_ENTITY = 'run-batch';
export const PROGRESS_ENTITY = 'run-progress';

/** queued: waiting for its first page; paging: reading the search; acting: batches are being carried out. */
export type RunPhase = 'queued' | 'paging' | 'acting' | 'done';
export type RunStatus = 'QUEUED' | 'RUNNING' | 'SUCCESS' | 'SOME_ERRORS' | 'FAILED' | 'DRY_RUN';

export type ScheduledRun = {
  runId: string;
  ruleId: string;
  ruleVersion: number;
  /** `schedule`: a due time of the rule's cron; `manual`: started from the admin page. */
  kind: 'schedule' | 'manual';
  dryRun: boolean;
  /** The due time this run is for (schedule), or when it was requested (manual). ISO, UTC. */
  dueAt: string;
  firedAt: string;
  /** Due times that passed while no tick ran and that this run stands in for (catch-up runs once). */
  missed: number;
  missedCapped: boolean;
  requestedBy: string;
  jql: string;
  maxIssues: number;
  /** The fields the search asks for: those the rule reads, never more. */
  fields: string[];
  phase: RunPhase;
  status: RunStatus;
  /** Jira's approximate count when the run started, capped at maxIssues: the progress bar's denominator. */
  expected: number | null;
  seen: number;
  matched: number;
  pages: number;
  batches: number;
  dispatched: number;
  /** The search stopped at maxIssues while Jira had more. */
  capped: boolean;
  nextPageToken: string | null;
  startedAt: string | null;
  updatedAt: string;
  finishedAt: string | null;
  acted: number;
  failed: number;
  error: { code: string; message: string } | null;
  /** Consecutive failed searches; reset by a page that succeeds. */
  retries: number;
  writes: number;
};

export type BatchItem = {
  issueKey: string;
  plan: { decision: 'matched' | 'failed'; actions: PlannedAction[]; let: Record<string, JsonValue>; error?: RunError };
  trace: RuleTrace | null;
};

export type RunBatch = {
  runId: string;
  batchNo: number;
  state: 'pending' | 'done';
  items: BatchItem[];
  acted: number;
  failed: number;
  doneAt: string | null;
};

export type RunProgress = { runId: string; shard: number; batchesDone: number; acted: number; failed: number; updatedAt: string; writes: number };

/**
 * Runs (and their progress shards) carry the runs period's TTL (ttlFor(storage, 'run')); batches repeat what the
 * executions hold, so they go after 14 days, or sooner when the runs period is shorter.
 */
const BATCH_MAX_TTL_SECONDS = 14 * 24 * 3600;
export const batchTtl = (run: { ttlSeconds: number }): { ttlSeconds: number } => ({ ttlSeconds: Math.min(run.ttlSeconds, BATCH_MAX_TTL_SECONDS) });
export const PROGRESS_SHARDS = 8;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const runRef = (runId: string): ItemRef & { entity: string } => ({ entity: RUN_ENTITY, key: runId });
export const batchRef = (runId: string, batchNo: number): ItemRef & { entity: string } => ({ entity: BATCH_ENTITY, key: `${runId}:${pad(batchNo, 6)}` });
export const progressRef = (runId: string, shard: number): ItemRef & { entity: string } => ({ entity: PROGRESS_ENTITY, key: `${runId}:p${String(shard)}` });
export const progressRefs = (runId: string) => Array.from({ length: PROGRESS_SHARDS }, (_, shard) => progressRef(runId, shard));

/** An instant as ids carry it: 20260302T090000Z. */
export const compactTime = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** A schedule run's id names its rule and due time, so two ticks deciding the same due time name the same run. */
export const scheduleRunId = (ruleId: string, dueAt: string): string => `${ruleId}.${compactTime(dueAt)}`;

/** What the admin page shows: the run with its act jobs' shards summed in. */
export function withProgress(run: ScheduledRun, shards: readonly (RunProgress | undefined)[]): ScheduledRun & { batchesDone: number } {
  if (run.phase === 'done') return { ...run, batchesDone: run.batches };
  let batchesDone = 0;
  let acted = 0;
  let failed = 0;
  for (const shard of shards) {
    batchesDone += shard?.batchesDone ?? 0;
    acted += shard?.acted ?? 0;
    failed += shard?.failed ?? 0;
  }
  return { ...run, acted, failed, batchesDone };
}

/** SUCCESS unless some issue's run failed: FAILED when none succeeded, SOME_ERRORS otherwise. */
export function finalRunStatus(run: Pick<ScheduledRun, 'dryRun' | 'error'>, acted: number, failed: number): RunStatus {
  if (run.error !== null) return 'FAILED';
  if (run.dryRun) return 'DRY_RUN';
  if (failed === 0) return 'SUCCESS';
  return acted === 0 ? 'FAILED' : 'SOME_ERRORS';
}
