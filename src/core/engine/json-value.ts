import type { JsonValue } from './types.js';

/** Deeper values are not JSON we hand on: Jira's own documents (ADF included) nest far less. */
export const JSON_DEPTH_MAX = 100;
/**
 * Values a result may hold, counted as a walk meets them (a value reached through two references counts twice, as
 * storing it would). `merge` of many references to one big value builds something small to compute and huge to walk:
 * found by the reliability suite's hostile documents, a let value that took a minute to check.
 */
export const JSON_VALUES_MAX = 20_000;
const TOO_MANY = `more than ${JSON_VALUES_MAX.toLocaleString('en-US')} values`;

/** Whether a jsonProblem is the size limit (the run fails) rather than a value JSON cannot hold (it is cleaned). */
export const isTooLarge = (problem: string | undefined): boolean => problem?.startsWith(TOO_MANY) === true;

/** The size check alone, walked first: any other problem would stop jsonProblem's walk before the count did. */
export function tooManyValues(value: unknown): string | undefined {
  let left = JSON_VALUES_MAX;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (--left < 0) return TOO_MANY;
    if (typeof item !== 'object' || item === null) continue;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (stack.length > left) return TOO_MANY;
      stack.push(child);
    }
  }
  return undefined;
}

/**
 * Why `value` cannot leave the engine as JSON (NaN, Infinity, undefined, a function, nesting past the limit), with
 * the JSON Pointer of the first offending part; undefined when it can. JSON.stringify would silently write NaN as
 * null and drop undefined members, so an action would do something other than what the rule said.
 */
export function jsonProblem(value: unknown): string | undefined {
  return problemAt(value, '', 0, { left: JSON_VALUES_MAX });
}

function problemAt(value: unknown, at: string, depth: number, budget: { left: number }): string | undefined {
  if (--budget.left < 0) return TOO_MANY;
  const where = at === '' ? '' : ` at ${at}`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${String(value)}${where}`;
    case 'undefined':
      return `no value${where}`;
    case 'object': {
      if (value === null) return undefined;
      if (depth >= JSON_DEPTH_MAX) return `nesting deeper than ${String(JSON_DEPTH_MAX)} levels${where}`;
      const entries: [string, unknown][] = Array.isArray(value)
        ? value.map((item, i): [string, unknown] => [String(i), item])
        : Object.entries(value);
      for (const [key, item] of entries) {
        const problem = problemAt(item, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, depth + 1, budget);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    default:
      return `a ${typeof value}${where}`;
  }
}

/**
 * `value` as JSON, for values that are reported rather than acted on (let values): what JSON.stringify would write,
 * so NaN, Infinity and undefined become null, and nesting past the limit is cut to null. Clean values are returned
 * as they are.
 */
export function toJsonValue(value: unknown, problem = jsonProblem(value)): JsonValue {
  return problem === undefined ? (value as JsonValue) : sanitize(value, 0);
}

function sanitize(value: unknown, depth: number): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object': {
      if (value === null || depth >= JSON_DEPTH_MAX) return null;
      if (Array.isArray(value)) return value.map((item) => sanitize(item, depth + 1));
      const out: Record<string, JsonValue> = {};
      for (const [key, item] of Object.entries(value)) {
        // defineProperty: a "__proto__" key stays an own member instead of replacing the prototype.
        Object.defineProperty(out, key, { value: sanitize(item, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return null;
  }
}

/** A frozen deep copy of JSON, so a literal from a cached compiled rule can be handed out to every run safely. */
export function frozenCopy<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item) => frozenCopy(item))) as T;
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: frozenCopy(item), enumerable: true, writable: false, configurable: false });
  }
  return Object.freeze(out) as T;
}
