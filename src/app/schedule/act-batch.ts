import type { AppDeps } from '../deps.js';
import { finalStatus } from '../executions/execution-record.js';
import { carryOut } from '../run/carry-out.js';
import { claimRun, freshClaim } from '../run/claim.js';
import { countOutcome, hourOf } from '../run/counters.js';
import { actJob } from './dispatch.js';
import { commitBatch, finishIfComplete, type RunStepOutcome } from './progress.js';
import { batchRef, runRef, type BatchItem, type RunBatch, type ScheduledRun } from './run-record.js';

/** Issues of one batch carried out at once. */
export const ACT_PARALLEL_ITEMS = 5;

type ItemOutcome = { kind: 'final'; status: string } | { kind: 'later'; delaySeconds: number };

/**
 * An act job: carries out one stored batch of a run's matched issues. Each issue is its own run with its own claim
 * (the run-claim machinery of event runs, keyed by run and issue), so a job delivered twice, or resumed after its
 * invocation was killed, never repeats an action that finished. When some issue must wait (a 429, a 5xx) the whole
 * job comes back later; finished issues are then skipped. The batch is recorded once every issue has an outcome.
 */
export async function actBatch(deps: AppDeps, runId: string, batchNo: number): Promise<RunStepOutcome> {
  const [run, batch] = await deps.storage.getMany<ScheduledRun | RunBatch>([runRef(runId), batchRef(runId, batchNo)]) as [ScheduledRun | undefined, RunBatch | undefined];
  if (run === undefined || batch === undefined) return { runId, state: 'gone' };
  if (batch.state === 'done') return finishIfComplete(deps, runId);
  const now = deps.now();
  const outcomes: ItemOutcome[] = [];
  for (let i = 0; i < batch.items.length; i += ACT_PARALLEL_ITEMS) {
    // Settled, not Promise.all: a failure must not return while sibling issues are still mid-action (work left
    // running after an invocation ends may resume in a later one, racing the redelivery).
    const settled = await Promise.allSettled(batch.items.slice(i, i + ACT_PARALLEL_ITEMS).map((item) => runItem(deps, run, item, now)));
    for (const result of settled) {
      if (result.status === 'rejected') throw result.reason;
      outcomes.push(result.value);
    }
  }
  const later = outcomes.filter((o): o is Extract<ItemOutcome, { kind: 'later' }> => o.kind === 'later');
  if (later.length > 0) {
    const delayInSeconds = Math.min(900, Math.max(...later.map((o) => o.delaySeconds)));
    await deps.queue.push([actJob(runId, batchNo, delayInSeconds)]);
    return { runId, state: 'waiting', run };
  }
  const statuses = outcomes.map((o) => (o.kind === 'final' ? o.status : ''));
  const counts = { acted: statuses.filter((s) => s === 'SUCCESS').length, failed: statuses.filter((s) => s !== 'SUCCESS').length };
  if (await commitBatch(deps.storage, batch, counts, new Date(now).toISOString())) {
    // Charts only: one increment per batch, by whoever recorded it.
    await countOutcome(deps.storage, run.ruleId, hourOf(now), `${runId}#${String(batchNo)}`, { matched: batch.items.length, failed: counts.failed }).catch(() => undefined);
  }
  return finishIfComplete(deps, runId);
}

async function runItem(deps: AppDeps, run: ScheduledRun, item: BatchItem, now: number): Promise<ItemOutcome> {
  const key = `${run.runId}.${item.issueKey}`;
  const fresh = freshClaim({
    ruleId: run.ruleId, ruleVersion: run.ruleVersion, executionId: key, issueKey: item.issueKey,
    trigger: { kind: run.kind, runId: run.runId, dueAt: run.dueAt, requestedBy: run.requestedBy }, plan: item.plan, trace: item.trace,
  }, now);
  let claimed = await claimRun(deps.storage, key, fresh, now);
  // Parked by an earlier delivery of this job after a transient failure: this delivery is its retry.
  if (claimed.kind === 'busy' && claimed.claim.state === 'waiting') claimed = await claimRun(deps.storage, key, undefined, now, claimed.claim.attempt);
  switch (claimed.kind) {
    case 'finished':
      return { kind: 'final', status: finalStatus(claimed.claim) };
    case 'gone':
      return { kind: 'later', delaySeconds: 15 };
    case 'busy': {
      // A live holder (this job delivered twice at once): look again when its lease has run out.
      const lease = Math.ceil((Date.parse(claimed.claim.leaseUntil) - now) / 1000) + 1;
      return { kind: 'later', delaySeconds: claimed.claim.state === 'running' ? Math.max(1, lease) : 15 };
    }
    case 'claimed': {
      const result = await carryOut(deps, key, claimed.claim, { queueRetry: false });
      return result.state === 'done' ? { kind: 'final', status: result.status } : { kind: 'later', delaySeconds: result.delaySeconds };
    }
  }
}
