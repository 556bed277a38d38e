import { createHash } from 'node:crypto';
import type { JiraEvent } from '../../core/event/jira-event-payload.js';

/**
 * One identity per Jira change, the same on every delivery of it: Forge delivers at least once, so this is what
 * idempotency keys are built on. Jira gives a change an id (the changelog's, the comment's); where it does not (a
 * created or deleted issue), the issue id and event type identify it. Failing all that, the payload's content does.
 */
export function eventIdentity(event: JiraEvent): string {
  const changelogId = (event.changelog as { id?: unknown } | undefined)?.id;
  const commentId = event.comment?.['id'];
  const parts = [event.eventType, event.issue.id];
  if (typeof changelogId === 'string' || typeof changelogId === 'number') parts.push(`changelog:${String(changelogId)}`);
  else if (typeof commentId === 'string' || typeof commentId === 'number') parts.push(`comment:${String(commentId)}`);
  // Forge adds retryContext to a redelivery: it is not part of the change.
  else if (event.eventType !== 'avi:jira:created:issue' && event.eventType !== 'avi:jira:deleted:issue') parts.push(`payload:${digest(canonical({ ...event, retryContext: undefined }))}`);
  return parts.join('|');
}

/** A key for (event, rule, version) that fits Forge's key rules (`[a-zA-Z0-9:._\s-#]`, ≤ 500). */
export function runKey(identity: string, ruleId: string, version: number): string {
  return `run-${digest(`${identity}|${ruleId}|${String(version)}`).slice(0, 40)}`;
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal payloads hash equally whatever order their keys arrived in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}
