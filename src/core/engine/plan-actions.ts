import { RULE_LIMITS } from '../rule/limits.js';
import type { CompiledAction, CompiledValue } from './compile-rule.js';
import { jsonProblem, tooManyValues } from './json-value.js';
import type { RunState } from './run-state.js';
import type { JsonValue, PlannedAction, RunError } from './types.js';

export type PlannedOrError = { ok: true; action: PlannedAction } | { ok: false; error: RunError };

/**
 * Evaluates one action's parameters and checks each against what the action can use (docs/decisions/0007): a
 * value of the wrong kind fails the run with INVALID_ACTION_VALUE at the parameter, rather than being converted
 * into something the rule did not say (a comment reading "null", an unassigned issue because of a typo).
 */
export function planAction(state: RunState, action: CompiledAction, at: string): PlannedOrError {
  switch (action.type) {
    case 'addLabels':
    case 'removeLabels':
      return { ok: true, action: { type: action.type, labels: [...action.labels] } };
    case 'comment':
      return checked(state, action.body, `${at}/body`, (value) => text(value, 'comment body', RULE_LIMITS.commentBodyMax), (body) => ({ type: 'comment', body }));
    case 'transition':
      return checked(state, action.to, `${at}/to`, (value) => text(value, 'transition target', RULE_LIMITS.transitionMax), (to) => ({ type: 'transition', to }));
    case 'assign':
      return checked(state, action.accountId, `${at}/accountId`, accountId, (id) => ({ type: 'assign', accountId: id }));
    case 'setField':
      return checked(state, action.value, `${at}/value`, json, (value) => ({ type: 'setField', field: action.field, value }));
    case 'record':
      return checked(state, action.value, `${at}/value`, json, (value) => ({ type: 'record', name: action.name, value }));
  }
}

/** A check turns an evaluated value into the parameter, or says in an admin's words why it cannot be one. */
type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; problem: string };

function checked<T>(state: RunState, param: CompiledValue, path: string, check: Check<T>, make: (value: T) => PlannedAction): PlannedOrError {
  const evaluated = evaluateValue(state, param);
  if (!evaluated.ok) return evaluated;
  const result = check(evaluated.value);
  if (result.ok) return { ok: true, action: make(result.value) };
  return { ok: false, error: { code: 'INVALID_ACTION_VALUE', message: result.problem, path } };
}

function evaluateValue(state: RunState, param: CompiledValue): { ok: true; value: unknown } | { ok: false; error: RunError } {
  switch (param.kind) {
    case 'literal':
      return { ok: true, value: param.value };
    case 'expr':
      return state.evaluate(param.expr, { kind: 'action', key: param.expr.key });
    case 'array': {
      const out: unknown[] = [];
      for (const item of param.items) {
        const evaluated = evaluateValue(state, item);
        if (!evaluated.ok) return evaluated;
        out.push(evaluated.value);
      }
      return { ok: true, value: out };
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, item] of param.entries) {
        const evaluated = evaluateValue(state, item);
        if (!evaluated.ok) return evaluated;
        Object.defineProperty(out, key, { value: evaluated.value, enumerable: true, writable: true, configurable: true });
      }
      return { ok: true, value: out };
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'no value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${String(value)}` : String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function text(value: unknown, what: string, max: number): ReturnType<Check<string>> {
  if (typeof value !== 'string') {
    return { ok: false, problem: `The ${what} evaluated to ${describe(value)}, not text. Build text with "cat", or check in "when" that the values it reads exist.` };
  }
  if (value.trim() === '') return { ok: false, problem: `The ${what} evaluated to empty text.` };
  if (value.length > max) {
    return { ok: false, problem: `The ${what} evaluated to ${String(value.length)} characters; at most ${String(max)} are allowed.` };
  }
  return { ok: true, value };
}

/** null unassigns, as the literal null does; anything else must be an account id. */
function accountId(value: unknown): ReturnType<Check<string | null>> {
  if (value === null) return { ok: true, value };
  if (typeof value !== 'string' || value.trim() === '' || value.length > RULE_LIMITS.accountIdMax) {
    const got = typeof value === 'string' ? (value.trim() === '' ? 'empty text' : 'text too long to be one') : describe(value);
    return { ok: false, problem: `The account id evaluated to ${got}; it must be an Atlassian account id, or null to unassign.` };
  }
  return { ok: true, value };
}

function json(value: unknown): ReturnType<Check<JsonValue>> {
  const problem = tooManyValues(value) ?? jsonProblem(value);
  if (problem === undefined) return { ok: true, value: value as JsonValue };
  return { ok: false, problem: `The value must be JSON that Jira or storage can keep; found ${problem}.` };
}
