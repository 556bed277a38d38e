import type { RuleTrace } from '../../core/engine/index.js';
import type { AppDeps } from '../deps.js';
import { executionRef, executionOf } from '../executions/execution-record.js';
import { ttlFor } from '../settings/retention-now.js';
import { carryOut } from './carry-out.js';
import { type Claim, CLAIM_TTL_SECONDS, claimRef, claimRun, freshClaim, queueLeaseCheck } from './claim.js';
import type { RunPlan, RunTrigger } from './claim.js';
import { admitRun, countOutcome, hourOf } from './counters.js';
import type { ActiveRule, RuleSource } from './rule-source.js';

/** How a run request ended in this invocation. `waiting`: a retry is queued. `in-progress`: another holder has it. */
export type RunOutcome = 'SUCCESS' | 'SOME_ERRORS' | 'FAILED' | 'THROTTLED' | 'SKIPPED_DUPLICATE' | 'waiting' | 'in-progress';

export type RunRequest = {
  key: string;
  rule: ActiveRule;
  issueKey: string;
  trigger: RunTrigger;
  plan: RunPlan;
  trace: RuleTrace | null;
  now: number;
  /** Our own retry of the event (not Forge's delivery): a finished run is not a duplicate delivery then. */
  redelivery?: boolean;
};

/**
 * Starts a matched (or failed) run exactly once per (event, rule, version): a fresh claim is counted against the
 * rule's hourly limit and carried out; a delivery of a finished run is recorded as SKIPPED_DUPLICATE and does
 * nothing; a run another invocation holds, or one parked for a retry, gets a delayed check for when its lease runs
 * out, so it still finishes if its holder died (before queueing the retry, too).
 */
export async function startRun(deps: AppDeps, rules: RuleSource, request: RunRequest): Promise<RunOutcome> {
  const { now, rule } = request;
  const at = new Date(now).toISOString();
  const fresh = freshClaim({
    ruleId: rule.ruleId, ruleVersion: rule.version, executionId: request.key, issueKey: request.issueKey,
    trigger: request.trigger, plan: request.plan, trace: request.trace,
  }, now);
  const claimed = await claimRun(deps.storage, request.key, fresh, now);
  if (claimed.kind === 'finished') {
    if (request.redelivery !== true) await recordDuplicate(deps, claimed.claim, at);
    return 'SKIPPED_DUPLICATE';
  }
  if (claimed.kind === 'gone') return 'in-progress';
  if (claimed.kind === 'busy') {
    await queueLeaseCheck(deps.queue, request.key, claimed.claim, now);
    return 'in-progress';
  }
  const claim = claimed.claim;
  if (claim.attempt === 0 && (await throttled(deps, rules, claim, request))) return 'THROTTLED';
  const result = await carryOut(deps, request.key, claim);
  if (result.state === 'waiting') return 'waiting';
  await countOutcome(deps.storage, rule.ruleId, hourOf(now), request.key, result.status === 'FAILED' ? { matched: 1, failed: 1 } : { matched: 1 });
  return result.status as RunOutcome;
}

/**
 * `limits.maxRunsPerHour`: a run over it is recorded as THROTTLED and does nothing. When throttled runs in one hour
 * reach the limit again (twice the allowed rate asked for), the breach is sustained: the rule is disabled and flagged
 * (decision 0012).
 */
async function throttled(deps: AppDeps, rules: RuleSource, claim: Claim, request: RunRequest): Promise<boolean> {
  const limit = request.rule.document.limits?.maxRunsPerHour ?? 500;
  const hour = hourOf(request.now);
  const { admitted, counter: after } = await admitRun(deps.storage, claim.ruleId, hour, limit);
  if (admitted) return false;
  const done: Claim = { ...claim, state: 'done' };
  await deps.storage.transact([
    { op: 'set', ref: executionRef(claim.executionId), value: { ...executionOf(done, 'THROTTLED', 0), actions: [] }, options: await ttlFor(deps.storage, 'execution') },
    { op: 'set', ref: claimRef(request.key), value: done, options: { ttlSeconds: CLAIM_TTL_SECONDS } },
  ]);
  if (after.throttled === limit) await rules.disableThrottled(claim.ruleId, `${String(after.throttled)} runs over the limit of ${String(limit)} per hour in the hour from ${hour}:00Z`);
  return true;
}

async function recordDuplicate(deps: AppDeps, claim: Claim, at: string): Promise<void> {
  const id = `${claim.executionId}.dup.${at.replace(/[^0-9]/g, '')}`;
  const record = { ...executionOf({ ...claim, executionId: id, claimedAt: at }, 'SKIPPED_DUPLICATE', 0), actions: [], trace: null };
  await deps.storage.set(executionRef(id), record, await ttlFor(deps.storage, 'execution'));
}
