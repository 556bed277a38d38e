import type { AppDeps } from '../deps.js';
import { carryOut } from './carry-out.js';
import { claimRun, queueLeaseCheck } from './claim.js';
import { countOutcome, hourOf } from './counters.js';
import { handleJiraEvent, type HandleEventResult } from './handle-event.js';
import type { RuleSource } from './rule-source.js';
import { workMessageSchema } from './work-message.js';
import { actBatch } from '../schedule/act-batch.js';
import { actJob, dispatchRun } from '../schedule/dispatch.js';
import { readSettings } from '../settings/settings.js';
import { purgeStep, type PurgeStepOutcome } from '../settings/purge.js';
import { pageRun } from '../schedule/page-run.js';
import type { RunStepOutcome } from '../schedule/progress.js';

export type ContinueResult =
  | { done: false; reason: 'INVALID_MESSAGE' | 'GONE' | 'NOT_OURS' | 'INTERNAL_ERROR' }
  | { done: true; state: 'done'; status: string }
  | { done: true; state: 'event'; result: HandleEventResult }
  | { done: true; state: 'run'; result: RunStepOutcome }
  | { done: true; state: 'purge'; result: PurgeStepOutcome }
  | { done: true; state: 'waiting'; attempt: number; delaySeconds: number }
  /** All rules are paused: the message comes back later, and the work carries on once they are resumed. */
  | { done: true; state: 'paused'; retryInSeconds: number };

/** How often parked work looks again while all rules are paused. */
export const PAUSED_RECHECK_SECONDS = 300;

/**
 * The queue consumer's use case: carry on with a parked run (after a transient failure) or one whose holder may
 * have died. A message for a run that finished, or that another attempt took, is acknowledged and does nothing,
 * so a redelivered message is harmless.
 */
export async function continueRun(deps: AppDeps, rules: RuleSource, body: unknown): Promise<ContinueResult> {
  const message = workMessageSchema.safeParse(body);
  if (!message.success) return { done: false, reason: 'INVALID_MESSAGE' };
  const data = message.data;
  // Deleting all data runs while the app is paused (it paused it): it is the one kind of work a pause does not hold.
  if (data.kind === 'purge') return { done: true, state: 'purge', result: await purgeStep(deps, data.step) };
  // Pausing stops work already queued, not only new events and ticks: a run in progress waits, intact, and goes on
  // after the resume (an event retry needs no check: the paused active ruleset has no rules for it).
  if (data.kind !== 'retry-event' && (await readSettings(deps.storage)).paused) {
    await deps.queue.push([data.kind === 'run-batch' ? actJob(data.runId, data.batchNo, PAUSED_RECHECK_SECONDS) : { body: data, delayInSeconds: PAUSED_RECHECK_SECONDS }]);
    return { done: true, state: 'paused', retryInSeconds: PAUSED_RECHECK_SECONDS };
  }
  switch (data.kind) {
    case 'retry-event':
      return { done: true, state: 'event', result: await handleJiraEvent(deps, rules, data.event, data.attempt) };
    case 'run-page':
      return { done: true, state: 'run', result: await pageRun(deps, data.runId, data.step) };
    case 'run-dispatch':
      return { done: true, state: 'run', result: await dispatchRun(deps, data.runId, data.from) };
    case 'run-batch':
      return { done: true, state: 'run', result: await actBatch(deps, data.runId, data.batchNo) };
    case 'continue-run':
      break;
  }
  const { key, attempt } = data;
  const now = deps.now();
  const claimed = await claimRun(deps.storage, key, undefined, now, data.check === true ? undefined : attempt);
  if (claimed.kind === 'gone') return { done: false, reason: 'GONE' };
  // A holder has it now, or it waits for a newer retry: look again when that lease ends.
  if (claimed.kind === 'busy') await queueLeaseCheck(deps.queue, key, claimed.claim, now);
  if (claimed.kind !== 'claimed') return { done: false, reason: 'NOT_OURS' };
  const result = await carryOut(deps, key, claimed.claim);
  if (result.state === 'waiting') return { done: true, ...result };
  await countOutcome(deps.storage, claimed.claim.ruleId, hourOf(now), key, result.status === 'FAILED' ? { matched: 1, failed: 1 } : { matched: 1 });
  return { done: true, ...result };
}
