import { InvocationError, InvocationErrorCode } from '@forge/events';
import { storeRuleSource } from '../app/run/store-rule-source.js';
import { handleJiraEvent, type HandleEventResult } from '../app/run/handle-event.js';
import { TransientError } from '../ports/errors.js';
import { forgeDeps } from './forge-deps.js';

export type JiraEventResult = HandleEventResult | { accepted: false; code: 'INTERNAL_ERROR'; message: string };

/**
 * Forge calls this for every subscribed Jira event. A malformed event is recorded and acknowledged (it stays
 * malformed however often it is delivered). A transient failure before any run was claimed (Jira or storage
 * unavailable) asks Forge to deliver the event again; the runs' idempotency makes the redelivery safe.
 */
export async function onJiraEvent(event: unknown): Promise<JiraEventResult | InvocationError> {
  const deps = forgeDeps();
  try {
    const result = await handleJiraEvent(deps, storeRuleSource(deps), event);
    // Only the code and a count: the payload holds customer data and logs leave the site (data minimisation).
    if (!result.accepted) console.warn(`jira-event: MALFORMED_EVENT, ${String(result.issues)} issue(s); event ignored${result.recorded ? '' : ' (and could not be recorded)'}`);
    return result;
  } catch (error) {
    if (error instanceof TransientError) {
      return new InvocationError({ retryAfter: Math.min(900, Math.max(1, error.retryAfterSeconds ?? 30)), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    // Only the code: the event holds customer data and logs leave the site (data minimisation).
    const code = error instanceof Error ? error.name : 'UNKNOWN';
    console.error(`jira-event: ${code}; the event was not processed`);
    return { accepted: false, code: 'INTERNAL_ERROR', message: code };
  }
}
