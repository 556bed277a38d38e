import { itemIsAbout } from '../logic/changelog.js';
import type { Rule } from '../rule/rule-schema.js';
import { runIssue } from './rule-data.js';
import type { RunInput, RunIssue } from './types.js';

const UPDATED_EVENT = 'avi:jira:updated:issue';

/** The decisions a rule's trigger and scope make before any expression runs; undefined lets `when` decide. */
export type GateDecision = 'not-triggered' | 'out-of-scope' | undefined;

export function gate(rule: Pick<Rule, 'trigger' | 'scope'>, input: RunInput): GateDecision {
  if (!triggers(rule.trigger, input)) return 'not-triggered';
  return inScope(rule.scope, runIssue(input)) ? undefined : 'out-of-scope';
}

/**
 * An event fires an event rule that lists its type (and, for an updated event with `fields`, whose changelog names
 * one of them); a schedule tick fires only a schedule rule. A manual run fires every rule: an admin who runs a rule
 * on one issue from the admin page asked for exactly that rule on exactly that issue (docs/decisions/0006).
 */
export function triggers(trigger: Rule['trigger'], input: RunInput): boolean {
  switch (input.kind) {
    case 'manual':
      return true;
    case 'schedule':
      return trigger.type === 'schedule';
    case 'event': {
      if (trigger.type !== 'event') return false;
      const { event } = input;
      if (!trigger.events.includes(event.eventType)) return false;
      if (trigger.fields === undefined || event.eventType !== UPDATED_EVENT) return true;
      // The same "item is about field" test as the changed/changedFrom/changedTo operators.
      const { fields } = trigger;
      return (event.changelog?.items ?? []).some((item) => fields.some((field) => itemIsAbout(item, field)));
    }
  }
}

/** Scope compares the project key and the issue type name exactly; an issue that lacks one is outside a scope on it. */
export function inScope(scope: Rule['scope'], issue: RunIssue): boolean {
  if (scope === undefined) return true;
  const { projects, issueTypes } = scope;
  if (projects !== undefined && !includesText(projects, member(issue.fields, 'project', 'key'))) return false;
  if (issueTypes !== undefined && !includesText(issueTypes, member(issue.fields, 'issuetype', 'name'))) return false;
  return true;
}

function includesText(list: readonly string[], value: unknown): boolean {
  return typeof value === 'string' && list.includes(value);
}

/** fields[a][b], own properties only: issue fields are outside data. */
function member(fields: Record<string, unknown>, a: string, b: string): unknown {
  const outer = Object.hasOwn(fields, a) ? fields[a] : undefined;
  if (typeof outer !== 'object' || outer === null || !Object.hasOwn(outer, b)) return undefined;
  return (outer as Record<string, unknown>)[b];
}
