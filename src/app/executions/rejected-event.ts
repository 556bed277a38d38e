import type { EventIssue } from '../../core/event/jira-event-payload.js';
import type { AppDeps } from '../deps.js';
import { canonical, digest } from '../run/event-identity.js';
import { ttlFor } from '../settings/retention-now.js';
import { executionRef } from './execution-record.js';

/** Executions that belong to no rule (a rejected event) are filed under this rule id, so the admin page lists them. */
export const NO_RULE = '-';

/**
 * A malformed event is recorded as a FAILED execution with the problems' paths and messages, never its content (a
 * payload holds customer data, and what is wrong with it is the paths). The same payload delivered twice is one record.
 */
export async function recordRejectedEvent(deps: AppDeps, payload: unknown, issues: EventIssue[]): Promise<void> {
  let text: string;
  try {
    text = canonical(payload);
  } catch {
    text = String(Math.random());
  }
  const id = `rejected-${digest(text).slice(0, 40)}`;
  const issueKey = keyOf(payload);
  await deps.storage.set(executionRef(id), {
    executionId: id, ruleId: NO_RULE, ruleVersion: 0, status: 'FAILED', issueKey, startedAt: new Date(deps.now()).toISOString(),
    durationMs: 0, trigger: { kind: 'event', eventType: eventTypeOf(payload) }, actions: [], trace: null,
    error: { code: 'MALFORMED_EVENT', message: 'The event was not a Jira issue event this app can read; it was ignored.', issues: issues.slice(0, 20) },
    letValues: null, attempts: 1, dryRun: false,
  }, await ttlFor(deps.storage, 'execution'));
}

function keyOf(payload: unknown): string {
  const key = (payload as { issue?: { key?: unknown } } | null)?.issue?.key;
  return typeof key === 'string' && /^[A-Z][A-Z0-9_]*-\d+$/.test(key) ? key : '-';
}

function eventTypeOf(payload: unknown): string | null {
  const type = (payload as { eventType?: unknown } | null)?.eventType;
  return typeof type === 'string' ? type.slice(0, 100) : null;
}
