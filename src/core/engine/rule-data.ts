import type { RunInput, RunIssue, ScheduleTimes } from './types.js';

/** The data every expression of a run reads (spec: "What a rule reads"). */
export type RuleData = {
  issue: RunIssue;
  changelog: unknown;
  comment: unknown;
  event: { type: string; actorAccountId: string | null } | null;
  schedule: ScheduleTimes | null;
  now: number;
  rule: { id: string; version: number };
  /** Filled in key order as the rule's let entries evaluate. */
  let: Record<string, unknown>;
};

export function runIssue(input: RunInput): RunIssue {
  return input.kind === 'event' ? input.event.issue : input.issue;
}

/**
 * Builds the data for one run. Inputs other than an event have no changelog, comment or event: `changed` is false
 * and `{"var": "comment.body"}` is null there, which is what a rule run from a schedule or by hand should see.
 */
export function ruleData(input: RunInput, rule: { id: string; version: number }): RuleData {
  const base = {
    now: input.now,
    rule: { id: rule.id, version: rule.version },
    // No prototype: a let named "__proto__" is then an ordinary entry, not a way to replace the object's prototype.
    let: Object.create(null) as Record<string, unknown>,
  };
  switch (input.kind) {
    case 'event': {
      const { event } = input;
      return {
        ...base,
        issue: event.issue,
        changelog: event.changelog ?? null,
        comment: event.comment ?? null,
        event: { type: event.eventType, actorAccountId: event.atlassianId ?? null },
        schedule: null,
      };
    }
    case 'schedule':
      return { ...base, issue: input.issue, changelog: null, comment: null, event: null, schedule: input.schedule };
    case 'manual':
      return { ...base, issue: input.issue, changelog: null, comment: null, event: null, schedule: null };
  }
}
