import { lessOrEqual } from './coerce.js';
import { constantOf, type Evaluate, type OperatorImpl, type RunContext } from './compile.js';
import { arrayTooLarge, budgetExceeded, EVAL_LIMITS } from './failure.js';
import { markPath } from './operands.js';
import { member, pathReader, pathSegments, readKey, readPath, readSegments, safeSegments } from './read-data.js';

/**
 * `var`, `missing` and `missing_some`: the operators that read the scope. A literal path (nearly every path in a
 * rule) is split and checked once, when compiled; `var` is the most frequent node of all, so its walk is unrolled
 * into the node's own closure.
 */
const absent: Evaluate = () => undefined;

/** Spends the node's own operation plus `extra` (work proportional to its literal arguments), at the node's path. */
function spend(c: RunContext, amount: number, path: string): void {
  c.left -= amount;
  if (c.left < 0) throw budgetExceeded(path, c.budget);
}

/** {"var": "a.b"} with no default: the value, or null. Operators may read the path themselves (operands.ts). */
function literalVar(segments: readonly string[] | undefined, at: string): Evaluate {
  const safe = segments === undefined ? null : safeSegments(segments);
  const run = literalVarClosure(segments, at);
  return safe !== null && safe.length > 0 ? markPath(run, { segments: safe, path: at }) : run;
}

function literalVarClosure(segments: readonly string[] | undefined, at: string): Evaluate {
  if (segments === undefined) {
    return (s, c) => {
      if (--c.left < 0) throw budgetExceeded(at, c.budget);
      return s ?? null;
    };
  }
  const safe = safeSegments(segments);
  const [k0 = '', k1 = '', k2 = '', k3 = ''] = safe ?? [];
  switch (safe === null ? 0 : safe.length) {
    case 1:
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(at, c.budget);
        return member(s, k0) ?? null;
      };
    case 2:
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(at, c.budget);
        return member(member(s, k0), k1) ?? null;
      };
    case 3:
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(at, c.budget);
        return member(member(member(s, k0), k1), k2) ?? null;
      };
    case 4:
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(at, c.budget);
        return member(member(member(member(s, k0), k1), k2), k3) ?? null;
      };
    default:
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(at, c.budget);
        return safe === null ? null : (readSegments(s, safe) ?? null);
      };
  }
}

const variable: OperatorImpl = {
  counts: true,
  build: ([path = absent, fallback], node) => {
    const literal = constantOf(path);
    const at = node.path;
    if (literal !== undefined && fallback === undefined) return literalVar(pathSegments(literal.value), at);
    const notFound = fallback ?? ((): unknown => null);
    if (literal !== undefined) {
      const read = pathReader(pathSegments(literal.value));
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(at, c.budget);
        const value = read(s);
        return value === undefined ? (notFound(s, c) ?? null) : value;
      };
    }
    // A computed path: split once per distinct text in a row (one entry, so nothing grows).
    let lastKey = '';
    let lastSegments = pathSegments(lastKey);
    return (s, c) => {
      if (--c.left < 0) throw budgetExceeded(at, c.budget);
      const key = path(s, c);
      const otherwise = notFound(s, c) ?? null;
      if (typeof key !== 'string' || !key.includes('.')) return readKey(s, key, otherwise);
      if (key !== lastKey) {
        lastKey = key;
        lastSegments = pathSegments(key);
      }
      return readPath(s, lastSegments, otherwise);
    };
  },
};

function missingKeys(scope: unknown, keys: readonly unknown[], c: RunContext, path: string): unknown[] {
  spend(c, keys.length, path);
  const out: unknown[] = [];
  for (const key of keys) {
    // json-logic-js reads each key as {"var": key}, so a list key is [path, default] and [] is the whole scope.
    const value = Array.isArray(key) ? readPath(scope, pathSegments(key[0]), key[1] ?? null) : readKey(scope, key, null);
    if (value === null || value === '') out.push(key);
  }
  if (out.length > EVAL_LIMITS.arrayItems) throw arrayTooLarge(path, out.length);
  return out;
}

/** Literal text keys, read with their paths split once; undefined when a key is not a literal text. */
function literalKeys(keys: readonly unknown[]): { keys: readonly string[]; readers: ((scope: unknown) => unknown)[] } | undefined {
  if (keys.length === 0 || !keys.every((key) => typeof key === 'string')) return undefined;
  const texts = keys;
  return { keys: texts, readers: texts.map((key) => pathReader(pathSegments(key))) };
}

function missingOf(scope: unknown, literal: NonNullable<ReturnType<typeof literalKeys>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < literal.readers.length; i++) {
    const value = (literal.readers[i] as (scope: unknown) => unknown)(scope);
    if (value === undefined || value === null || value === '') out.push(literal.keys[i] as string);
  }
  return out;
}

export const SCOPE_OPERATORS: Readonly<Record<string, OperatorImpl>> = {
  var: variable,
  missing: {
    counts: true,
    build: (args, node) => {
      const literal = literalKeys(args.map((arg) => constantOf(arg)?.value));
      const at = node.path;
      if (literal !== undefined) {
        // The usual case, {"missing": ["issue.fields.a", ...]}: one operation for the node and one per key.
        const cost = 1 + literal.keys.length;
        return (s, c) => {
          spend(c, cost, at);
          return missingOf(s, literal);
        };
      }
      return (s, c) => {
        spend(c, 1, at);
        const values = args.map((arg) => arg(s, c));
        const first = values[0];
        return missingKeys(s, Array.isArray(first) ? first : values, c, at);
      };
    },
  },
  missing_some: {
    counts: true,
    build: ([need = absent, options = absent], node) => {
      const at = node.path;
      const list = constantOf(options)?.value;
      const literal = Array.isArray(list) && !Array.isArray(list[0]) ? literalKeys(list) : undefined;
      if (literal !== undefined) {
        const count = literal.keys.length;
        return (s, c) => {
          spend(c, 1, at);
          const required = need(s, c);
          spend(c, count, at);
          const missing = missingOf(s, literal);
          if (missing.length > EVAL_LIMITS.arrayItems) throw arrayTooLarge(at, missing.length);
          return lessOrEqual(required, count - missing.length) ? [] : missing;
        };
      }
      return (s, c) => {
        spend(c, 1, at);
        const required = need(s, c), value = options(s, c);
        const keys = Array.isArray(value) ? (Array.isArray(value[0]) ? (value[0] as unknown[]) : value) : [value];
        const missing = missingKeys(s, keys, c, at);
        const length = Array.isArray(value) || typeof value === 'string' ? value.length : NaN;
        return lessOrEqual(required, length - missing.length) ? [] : missing;
      };
    },
  },
};
