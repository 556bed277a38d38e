import type { TransactOp, WriteOptions } from '../../ports/storage.js';
import { DEFAULT_RETENTION, ttlSeconds } from '../settings/retention-policy.js';
import type { Claim } from '../run/claim.js';

/** The statuses of the spec's Executions section. */
export type ExecutionStatus = 'SUCCESS' | 'SOME_ERRORS' | 'FAILED' | 'THROTTLED' | 'SKIPPED_DUPLICATE' | 'DRY_RUN';

export type ExecutionAction = { type: string; status: 'done' | 'failed' | 'not-run'; detail?: string; error?: { code: string; message: string } };

/** One execution record (entity `execution`): what the admin page lists and opens. */
export type ExecutionRecord = {
  executionId: string;
  ruleId: string;
  ruleVersion: number;
  status: ExecutionStatus;
  issueKey: string;
  startedAt: string;
  durationMs: number;
  trigger: unknown;
  actions: ExecutionAction[];
  trace: unknown;
  error: unknown;
  letValues: unknown;
  attempts: number;
  dryRun: boolean;
};

export const executionRef = (executionId: string) => ({ entity: 'execution', key: executionId });

/** SUCCESS when every action did its work, FAILED when the plan or every action failed, SOME_ERRORS between. */
export function finalStatus(claim: Claim): ExecutionStatus {
  if (claim.plan.decision === 'failed') return 'FAILED';
  const outcomes = claim.plan.actions.map((_, i) => claim.done[String(i)]?.status);
  const failed = outcomes.filter((s) => s !== 'done').length;
  if (failed === 0) return 'SUCCESS';
  return failed === outcomes.length ? 'FAILED' : 'SOME_ERRORS';
}

export function executionOf(claim: Claim, status: ExecutionStatus, durationMs: number): ExecutionRecord {
  return {
    executionId: claim.executionId,
    ruleId: claim.ruleId,
    ruleVersion: claim.ruleVersion,
    status,
    issueKey: claim.issueKey,
    startedAt: claim.claimedAt,
    durationMs: Math.min(durationMs, 2_147_483_647),
    trigger: claim.trigger,
    actions: claim.plan.actions.map((action, i): ExecutionAction => {
      const done = claim.done[String(i)];
      if (done?.status === 'done') return { type: action.type, status: 'done', ...(done.detail === undefined ? {} : { detail: done.detail }) };
      if (done?.status === 'failed') return { type: action.type, status: 'failed', error: { code: done.error.code, message: done.error.message } };
      return { type: action.type, status: 'not-run' };
    }),
    trace: claim.trace,
    error: claim.plan.error ?? null,
    letValues: claim.plan.let,
    attempts: claim.attempt + 1,
    dryRun: false,
  };
}

/**
 * `options`: the execution period's TTL in force (ttlFor(storage, 'execution'), src/app/settings/retention-now.ts);
 * the app always passes it, the default period only stands in for callers outside a run (tests).
 */
export function writeExecution(claim: Claim, status: ExecutionStatus, durationMs: number, options: WriteOptions = { ttlSeconds: ttlSeconds(DEFAULT_RETENTION.executionDays) }): TransactOp {
  return { op: 'set', ref: executionRef(claim.executionId), value: executionOf(claim, status, durationMs), options };
}
