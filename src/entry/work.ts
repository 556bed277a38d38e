import { InvocationError, InvocationErrorCode } from '@forge/events';
import { continueRun, type ContinueResult } from '../app/run/continue-run.js';
import { storeRuleSource } from '../app/run/store-rule-source.js';
import { TransientError } from '../ports/errors.js';
import { forgeDeps } from './forge-deps.js';

/**
 * The consumer of the app's own queue (`ruleforge-work`): continues parked runs. A transient failure here (storage
 * unavailable) asks the queue to deliver the message again later; the claim makes a repeated message harmless.
 */
export async function onWork(event: { body?: unknown }): Promise<ContinueResult | InvocationError> {
  try {
    const deps = forgeDeps();
    return await continueRun(deps, storeRuleSource(deps), event.body);
  } catch (error) {
    if (error instanceof TransientError) {
      return new InvocationError({ retryAfter: Math.min(900, Math.max(1, error.retryAfterSeconds ?? 30)), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    console.error(`work: ${error instanceof Error ? error.name : 'UNKNOWN'}; the message was dropped`);
    return { done: false, reason: 'INTERNAL_ERROR' };
  }
}
