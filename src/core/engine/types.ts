import type { JiraEvent } from '../event/jira-event-payload.js';
import type { LogicErrorCode, TraceNode } from '../logic/types.js';

/** The issue a run is about, as Forge delivers it in an event or Jira returns it for a schedule or manual run. */
export type RunIssue = JiraEvent['issue'];

/** When a scheduled run was due and when the tick that ran it fired, ISO-8601. */
export type ScheduleTimes = { dueAt: string; firedAt: string };

/**
 * What one run of a rule starts from. `now` is epoch ms, read once by the caller: the core never reads the clock,
 * and every operator in the run sees the same instant.
 */
export type RunInput =
  | { kind: 'event'; now: number; event: JiraEvent }
  | { kind: 'schedule'; now: number; issue: RunIssue; schedule: ScheduleTimes }
  | { kind: 'manual'; now: number; issue: RunIssue };

/**
 * How a run ended, checked in this order: the trigger did not fire for this input, the issue is outside the rule's
 * scope, `when` was falsy, `when` was truthy (the actions are planned), or an expression or action value failed.
 */
export type Decision = 'not-triggered' | 'out-of-scope' | 'not-matched' | 'matched' | 'failed';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An action with every parameter evaluated: what the executor performs (test/vectors/vector-schema.ts). */
export type PlannedAction =
  | { type: 'comment'; body: string }
  | { type: 'setField'; field: string; value: JsonValue }
  | { type: 'addLabels'; labels: string[] }
  | { type: 'removeLabels'; labels: string[] }
  | { type: 'transition'; to: string }
  | { type: 'assign'; accountId: string | null }
  | { type: 'record'; name: string; value: JsonValue };

/** Failures of the evaluator, plus an action parameter whose value the action cannot use (decision 0007). */
export type RunErrorCode = LogicErrorCode | 'INVALID_ACTION_VALUE';

/** `path` is a JSON Pointer into the rule document: /let/ageDays/daysSince, /when/and/1, /actions/1/body. */
export type RunError = { code: RunErrorCode; message: string; path: string };

/**
 * The explain trace of one run: one tree per evaluated expression. Action trees are keyed by the expression's
 * pointer inside its action ("/body", "/value/name"); `omitted` counts nodes left out to keep the whole trace small.
 */
export type RuleTrace = {
  let: Record<string, TraceNode>;
  when?: TraceNode;
  actions?: Record<string, TraceNode>[];
  omitted?: number;
};

export type PlanResult = {
  decision: Decision;
  /** The let values computed so far, as JSON (NaN and Infinity become null). */
  let: Record<string, JsonValue>;
  /** Empty unless the decision is 'matched'. */
  actions: PlannedAction[];
  /** Evaluator operations performed by the whole run. */
  operations: number;
  trace?: RuleTrace;
  error?: RunError;
};
