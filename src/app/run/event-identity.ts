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

/**
 * JSON with object keys sorted, so equal payloads hash equally whatever order their keys arrived in. Walks with its
 * own stack: a hostile payload thousands of levels deep overflowed the recursive version, and its rejection record
 * then fell back to a random key (reliability suite). The text is the recursive version's, byte for byte: run keys
 * of events that Jira gives no id are built on it.
 */
export function canonical(value: unknown): string {
  const out: string[] = [];
  // Work still to do, last first: a text to emit as it is, or a value to render.
  const todo: ({ text: string } | { value: unknown })[] = [{ value }];
  for (let task = todo.pop(); task !== undefined; task = todo.pop()) {
    if ('text' in task) {
      out.push(task.text);
      continue;
    }
    const v = task.value;
    if (Array.isArray(v)) {
      out.push('[');
      todo.push({ text: ']' });
      for (let i = v.length - 1; i >= 0; i--) {
        todo.push(i in v ? { value: v[i] as unknown } : { text: '' });
        if (i > 0) todo.push({ text: ',' });
      }
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, e]) => e !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push('{');
      todo.push({ text: '}' });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, entry] = entries[i] as [string, unknown];
        todo.push({ value: entry }, { text: `${JSON.stringify(key)}:` });
        if (i > 0) todo.push({ text: ',' });
      }
    } else {
      out.push(v === undefined ? 'null' : JSON.stringify(v));
    }
  }
  return out.join('');
}
