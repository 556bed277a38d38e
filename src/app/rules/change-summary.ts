/**
 * The one-line summaries audit entries carry: what changed, in an admin's words, never the document itself (the
 * versions hold that, and a log full of documents would be large and leak conditions into every listing).
 */
import type { Rule } from '../../core/rule/rule-schema.js';

const REASON_MAX = 160;

const quoted = (text: string): string => JSON.stringify(text.length <= 60 ? text : `${text.slice(0, 59)}…`);

/** Compared as JSON, in document order: reordering `let` changes what a rule means. */
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function triggerWords(rule: Rule): string {
  const trigger = rule.trigger;
  if (trigger.type === 'event') return `on ${trigger.events.map((event) => event.split(':')[2] ?? event).join(', ')}`;
  if (trigger.type === 'schedule') return `schedule ${trigger.cron} ${trigger.timezone}`;
  return 'manual';
}

export function createdSummary(rule: Rule): string {
  const actions = rule.actions.length;
  return `created ${quoted(rule.name)} (${triggerWords(rule)}; ${actions} action${actions === 1 ? '' : 's'})`;
}

/** E.g. `when, scope changed; actions 2→3` or `renamed to "Triage"; trigger changed`. */
export function updatedSummary(before: Rule, after: Rule): string {
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`renamed to ${quoted(after.name)}`);
  const fields = (['trigger', 'scope', 'let', 'when', 'limits', 'description', 'enabled', '$schema'] as const).filter((key) => !same(before[key], after[key]));
  if (fields.length > 0) parts.push(`${fields.join(', ')} changed`);
  if (before.actions.length !== after.actions.length) parts.push(`actions ${before.actions.length}→${after.actions.length}`);
  else if (!same(before.actions, after.actions)) parts.push('actions changed');
  return parts.length > 0 ? parts.join('; ') : 'no change';
}

export function withReason(summary: string, reason: string | undefined): string {
  if (reason === undefined || reason.trim() === '') return summary;
  const text = reason.trim();
  return `${summary}: ${text.length <= REASON_MAX ? text : `${text.slice(0, REASON_MAX - 1)}…`}`;
}

export function deletedSummary(name: string, version: number): string {
  return `deleted ${quoted(name)} at version ${version}`;
}
