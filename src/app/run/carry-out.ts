import { TransientError } from '../../ports/errors.js';
import type { AppDeps } from '../deps.js';
import { finalStatus, writeExecution } from '../executions/execution-record.js';
import { ttlFor } from '../settings/retention-now.js';
import { type Claim, CLAIM_TTL_SECONDS, claimRef, LEASE_MS, saveClaim } from './claim.js';
import { commitWithStreak } from './failure-streak.js';
import { performAction } from './perform-action.js';
import { MAX_ATTEMPTS, retryDelaySeconds, type WorkMessage } from './work-message.js';

export type CarryOutResult = { state: 'done'; status: string } | { state: 'waiting'; attempt: number; delaySeconds: number };

/**
 * Carries out a claimed run: each planned action not finished by an earlier attempt, in order, recording each
 * outcome in the claim as soon as it is known. A transient failure parks the run (`waiting`) and queues its
 * continuation with backoff; a permanent one fails that action and the run goes on with the next. When every action
 * has an outcome, the execution record, the finished claim and the rule's failure streak are written in one
 * transaction (failure-streak.ts).
 */
export async function carryOut(deps: AppDeps, key: string, claim: Claim, options: { queueRetry?: boolean } = {}): Promise<CarryOutResult> {
  const { storage } = deps;
  const startedAt = claim.claimedAt;
  for (const [index, action] of claim.plan.actions.entries()) {
    const slot = String(index);
    const before = claim.done[slot];
    if (before !== undefined && before.status !== 'started') continue;
    if (action.type === 'comment' && before === undefined) {
      // Marked before the call: if this invocation dies after Jira took the comment, the next attempt looks first.
      claim.done[slot] = { status: 'started' };
      await saveClaim(storage, key, claim);
    }
    const result = await performAction(deps, { issueKey: claim.issueKey, ruleId: claim.ruleId, executionId: claim.executionId, index, startedAt, maybeDone: before?.status === 'started' }, action);
    if (result.status === 'retry') {
      if (claim.attempt + 1 >= MAX_ATTEMPTS) {
        claim.done[slot] = { status: 'failed', error: { ...result.error, message: `${result.error.message} (gave up after ${String(claim.attempt + 1)} attempts)` } };
        continue;
      }
      return park(deps, key, claim, retryDelaySeconds(claim.attempt + 1, result.retryAfterSeconds), options.queueRetry ?? true);
    }
    claim.done[slot] = result.status === 'done' ? { status: 'done', ...(result.detail === undefined ? {} : { detail: result.detail }) } : { status: 'failed', error: result.error };
    if (index < claim.plan.actions.length - 1) await saveClaim(storage, key, claim);
  }
  return finish(deps, key, claim);
}

/** `queueRetry` false: the caller retries the whole unit the run belongs to (a batch of a scheduled run). */
async function park(deps: AppDeps, key: string, claim: Claim, delaySeconds: number, queueRetry: boolean): Promise<CarryOutResult> {
  // The lease covers the wait: if this invocation dies between saving the claim and queueing the retry, nothing would
  // ever come for the run; once the lease has run out, any delivery or check takes it over (claim.ts).
  const waiting: Claim = { ...claim, state: 'waiting', leaseUntil: new Date(deps.now() + delaySeconds * 1000 + LEASE_MS).toISOString() };
  await saveClaim(deps.storage, key, waiting);
  if (!queueRetry) return { state: 'waiting', attempt: waiting.attempt, delaySeconds };
  const message: WorkMessage = { kind: 'continue-run', key, attempt: waiting.attempt };
  await deps.queue.push([{ body: message, delayInSeconds: delaySeconds }]);
  return { state: 'waiting', attempt: waiting.attempt, delaySeconds };
}

async function finish(deps: AppDeps, key: string, claim: Claim): Promise<CarryOutResult> {
  const finished: Claim = { ...claim, state: 'done' };
  const status = finalStatus(finished);
  const durationMs = Math.max(0, deps.now() - Date.parse(claim.claimedAt));
  const committed = await commitWithStreak(deps, finished, status, [
    writeExecution(finished, status, durationMs, await ttlFor(deps.storage, 'execution')),
    { op: 'set', ref: claimRef(key), value: finished, options: { ttlSeconds: CLAIM_TTL_SECONDS }, condition: { attribute: 'attempt', equalTo: claim.attempt } },
  ], async () => {
    const current = await deps.storage.get<Claim>(claimRef(key));
    return current !== undefined && current.state !== 'done' && current.attempt === claim.attempt;
  });
  // Someone took the run over while we were at it (our lease ran out): their record wins; ours would duplicate it.
  if (!committed) throw new TransientError('RUN_TAKEN_OVER', `run ${key} was taken over by a later attempt`);
  return { state: 'done', status };
}
