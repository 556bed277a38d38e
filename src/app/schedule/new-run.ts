import { fieldsRead } from '../../core/engine/fields-read.js';
import type { Rule } from '../../core/rule/rule-schema.js';
import type { ScheduledRun } from './run-record.js';

/** The spec's default cap on the issues one run evaluates. */
export const DEFAULT_MAX_ISSUES = 1000;

export type NewRun = {
  runId: string;
  ruleId: string;
  ruleVersion: number;
  document: Rule;
  kind: ScheduledRun['kind'];
  dryRun: boolean;
  jql: string;
  dueAt: string;
  firedAt: string;
  requestedBy: string;
  missed?: number;
  missedCapped?: boolean;
  maxIssues?: number;
};

/**
 * A queued run. The search asks Jira only for the fields the rule reads (`*navigable` when a read cannot be known
 * before running, e.g. a computed `var` path): data minimisation by construction, and smaller pages.
 */
export function newRun(input: NewRun): ScheduledRun {
  const read = fieldsRead(input.document);
  const trigger = input.document.trigger;
  const maxIssues = input.maxIssues ?? (trigger.type === 'schedule' ? trigger.maxIssues : undefined) ?? DEFAULT_MAX_ISSUES;
  return {
    runId: input.runId,
    ruleId: input.ruleId,
    ruleVersion: input.ruleVersion,
    kind: input.kind,
    dryRun: input.dryRun,
    dueAt: input.dueAt,
    firedAt: input.firedAt,
    missed: input.missed ?? 0,
    missedCapped: input.missedCapped ?? false,
    requestedBy: input.requestedBy,
    jql: input.jql,
    maxIssues,
    fields: read.all ? ['*navigable'] : read.fields,
    phase: 'queued',
    status: 'QUEUED',
    expected: null,
    seen: 0,
    matched: 0,
    pages: 0,
    batches: 0,
    dispatched: 0,
    capped: false,
    nextPageToken: null,
    startedAt: null,
    updatedAt: input.firedAt,
    finishedAt: null,
    acted: 0,
    failed: 0,
    error: null,
    retries: 0,
    writes: 0,
  };
}
