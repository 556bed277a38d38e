import { parseJiraEvent, type EventIssue } from '../core/event/jira-event-payload.js';
import type { SupportedEvent } from '../core/rule/limits.js';

export type JiraEventResult =
  | { accepted: true; eventType: SupportedEvent; issueKey: string }
  | { accepted: false; code: 'MALFORMED_EVENT'; issues: EventIssue[] };

/**
 * Forge calls this for every subscribed Jira event. It never throws: a malformed payload stays malformed however often
 * it is delivered, so the answer is a result the logs and tests can read, not an opaque failed invocation. It returns a
 * Promise already because the rule engine that will run here is asynchronous.
 */
export function onJiraEvent(event: unknown): Promise<JiraEventResult> {
  const parsed = parseJiraEvent(event);
  if (!parsed.ok) {
    // Only the code and a count: the payload holds customer data and logs leave the site (data minimisation).
    console.warn(`jira-event: MALFORMED_EVENT, ${parsed.issues.length} issue(s); event ignored`);
    return Promise.resolve({ accepted: false, code: 'MALFORMED_EVENT', issues: parsed.issues });
  }
  return Promise.resolve({ accepted: true, eventType: parsed.event.eventType, issueKey: parsed.event.issue.key });
}
