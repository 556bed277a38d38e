import { lessOrEqual, lessThan, looseEquals, parseNumber, primitive, text, toNumber, truthy } from './coerce.js';
import { constantOf, placed, type Evaluate, type NodeInfo, type OperatorImpl, type RunContext } from './compile.js';
import { arrayTooLarge, budgetExceeded, LogicFailure, stringTooLarge, EVAL_LIMITS } from './failure.js';
import { iterators } from './iterators.js';
import { pathReader, pathSegments, readPath } from './read-data.js';

/**
 * The classic JSON-Logic operators with json-logic-js's semantics (the jsonlogic.com suite is its test suite), each
 * compiled to a closure. Missing arguments are `undefined`, as json-logic-js passes them; extra arguments are not
 * evaluated (the validator refuses them in rules; nothing observable depends on them).
 */
const absent: Evaluate = () => undefined;

// These closures spend their own operation (`counts`): one closure per node instead of a counting wrapper around
// each, which matters once many rules share the call sites. The catch names the node for a coercion that failed.
const unary = (f: (a: unknown) => unknown): OperatorImpl => ({
  counts: true,
  build: ([a = absent], { path }) => (s, c) => {
    if (--c.left < 0) throw budgetExceeded(path, c.budget);
    try {
      return f(a(s, c));
    } catch (error) {
      throw placed(error, path);
    }
  },
});
const binary = (f: (a: unknown, b: unknown) => unknown): OperatorImpl => ({
  counts: true,
  build: ([a = absent, b = absent], { path }) => (s, c) => {
    if (--c.left < 0) throw budgetExceeded(path, c.budget);
    try {
      return f(a(s, c), b(s, c));
    } catch (error) {
      throw placed(error, path);
    }
  },
});
const variadic = (f: (values: unknown[], node: NodeInfo, c: RunContext) => unknown): OperatorImpl => ({
  counts: true,
  build: (args, node) => (s, c) => {
    if (--c.left < 0) throw budgetExceeded(node.path, c.budget);
    const values = new Array<unknown>(args.length);
    try {
      for (let i = 0; i < args.length; i++) values[i] = (args[i] as Evaluate)(s, c);
      return f(values, node, c);
    } catch (error) {
      throw placed(error, node.path);
    }
  },
});

/** Work proportional to data that no operator node counts (merge copying, `in` scanning a list). */
export function spend(c: RunContext, amount: number, path: string): void {
  c.left -= amount;
  if (c.left < 0) throw budgetExceeded(path, c.budget);
}
export function checkArray(items: readonly unknown[], path: string): void {
  if (items.length > EVAL_LIMITS.arrayItems) throw arrayTooLarge(path, items.length);
}
export function checkString(value: string, path: string): string {
  if (value.length > EVAL_LIMITS.stringLength) throw stringTooLarge(path, value.length);
  return value;
}

/** ToIntegerOrInfinity. */
function integer(value: unknown): number {
  const n = toNumber(value);
  return Number.isNaN(n) ? 0 : Math.trunc(n);
}

/** String.prototype.substr(start, length), which json-logic-js uses and which is deprecated (so not called). */
function substrOf(source: string, start: unknown, length: unknown): string {
  const size = source.length;
  let from = integer(start);
  if (from < 0) from = Math.max(size + from, 0);
  from = Math.min(from, size);
  const count = length === undefined ? size - from : Math.min(Math.max(integer(length), 0), size - from);
  return source.slice(from, from + count);
}

const between = (strict: boolean): OperatorImpl => {
  const cmp = strict ? lessThan : lessOrEqual;
  return {
    build: ([a = absent, b = absent, c = absent]) => (s, ctx) => {
      const x = a(s, ctx), y = b(s, ctx), z = c(s, ctx);
      return z === undefined ? cmp(x, y) : cmp(x, y) && cmp(y, z);
    },
  };
};

function missingKeys(scope: unknown, keys: readonly unknown[], c: RunContext, path: string): unknown[] {
  spend(c, keys.length, path);
  const out: unknown[] = [];
  for (const key of keys) {
    // json-logic-js reads each key as {"var": key}, so a list key is [path, default] and [] is the whole scope.
    const value = Array.isArray(key)
      ? readPath(scope, pathSegments(key[0]), key[1] ?? null)
      : readPath(scope, pathSegments(key), null);
    if (value === null || value === '') out.push(key);
  }
  checkArray(out, path);
  return out;
}

const variable: OperatorImpl = {
  counts: true,
  build: ([path = absent, fallback], node) => {
    const literal = constantOf(path);
    const notFound = fallback ?? ((): unknown => null);
    const at = node.path;
    if (literal !== undefined) {
      const read = pathReader(pathSegments(literal.value));
      if (fallback === undefined) {
        return (s, c) => {
          if (--c.left < 0) throw budgetExceeded(at, c.budget);
          return read(s) ?? null;
        };
      }
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(at, c.budget);
        const value = read(s);
        return value === undefined ? (notFound(s, c) ?? null) : value;
      };
    }
    return (s, c) => {
      if (--c.left < 0) throw budgetExceeded(at, c.budget);
      const segments = pathSegments(path(s, c));
      return readPath(s, segments, notFound(s, c) ?? null);
    };
  },
};

const conditional: OperatorImpl = {
  counts: true,
  build: (args, { path }) => {
    const [a, b, e] = args;
    if (args.length === 3 && a && b && e) {
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(path, c.budget);
        return truthy(a(s, c)) ? b(s, c) : e(s, c);
      };
    }
    return (s, c) => {
      if (--c.left < 0) throw budgetExceeded(path, c.budget);
      let i = 0;
      for (; i < args.length - 1; i += 2) {
        if (truthy((args[i] as Evaluate)(s, c))) return (args[i + 1] as Evaluate)(s, c);
      }
      return i === args.length - 1 ? (args[i] as Evaluate)(s, c) : null;
    };
  },
};

const logical = (stopWhen: boolean): OperatorImpl => ({
  counts: true,
  build: (args, { path }) => (s, c) => {
    if (--c.left < 0) throw budgetExceeded(path, c.budget);
    let current: unknown;
    for (const arg of args) {
      current = arg(s, c);
      if (truthy(current) === stopWhen) return current;
    }
    return current;
  },
});

export const CORE_OPERATORS: Readonly<Record<string, OperatorImpl>> = {
  var: variable,
  missing: {
    build: (args, node) => {
      const literal = args.map((arg) => constantOf(arg));
      if (args.length > 0 && literal.every((l) => typeof l?.value === 'string')) {
        // The usual case, {"missing": ["issue.fields.a", ...]}: paths split once, when compiled.
        const keys = literal.map((l) => l?.value as string);
        const readers = keys.map((key) => pathReader(pathSegments(key)));
        return (s, c) => {
          spend(c, keys.length, node.path);
          const out: unknown[] = [];
          for (let i = 0; i < keys.length; i++) {
            const value = (readers[i] as (scope: unknown) => unknown)(s);
            if (value === undefined || value === null || value === '') out.push(keys[i]);
          }
          return out;
        };
      }
      return (s, c) => {
        const values = args.map((arg) => arg(s, c));
        const first = values[0];
        return missingKeys(s, Array.isArray(first) ? first : values, c, node.path);
      };
    },
  },
  missing_some: {
    build: ([need = absent, options = absent], node) => (s, c) => {
      const required = need(s, c), list = options(s, c);
      const keys = Array.isArray(list) ? (Array.isArray(list[0]) ? (list[0] as unknown[]) : list) : [list];
      const missing = missingKeys(s, keys, c, node.path);
      const length = Array.isArray(list) || typeof list === 'string' ? list.length : NaN;
      return lessOrEqual(required, length - missing.length) ? [] : missing;
    },
  },
  if: conditional,
  // The jsonlogic.com suite's ternary. Rules are held to the spec's list, which has only "if" (the validator refuses
  // "?:" with a hint); the evaluator keeps it so the suite passes whole (docs/decisions/0005-json-logic-semantics.md).
  '?:': conditional,
  and: logical(false),
  or: logical(true),
  '==': binary(looseEquals),
  '!=': binary((a, b) => !looseEquals(a, b)),
  '===': binary((a, b) => a === b),
  '!==': binary((a, b) => a !== b),
  '!': unary((a) => !truthy(a)),
  '!!': unary(truthy),
  '>': binary((a, b) => lessThan(b, a)),
  '>=': binary((a, b) => lessOrEqual(b, a)),
  '<': between(true),
  '<=': between(false),
  max: variadic((values) => Math.max(...values.map(toNumber))),
  min: variadic((values) => Math.min(...values.map(toNumber))),
  '+': variadic((values) => {
    let sum = 0;
    for (const value of values) sum = parseNumber(sum) + parseNumber(value);
    return sum;
  }),
  '*': {
    build: (args, node) => {
      if (args.length === 0) {
        throw new LogicFailure('INVALID_ARGUMENTS', '"*" needs at least one number.', node.path);
      }
      return variadic((values) => values.reduce((a, b) => parseNumber(a) * parseNumber(b))).build(args, node);
    },
  },
  '-': binary((a, b) => (b === undefined ? -toNumber(a) : toNumber(a) - toNumber(b))),
  '/': binary((a, b) => toNumber(a) / toNumber(b)),
  '%': binary((a, b) => toNumber(a) % toNumber(b)),
  merge: variadic((values, node, c) => {
    const out: unknown[] = [];
    for (const value of values) {
      if (Array.isArray(value)) {
        spend(c, value.length, node.path);
        for (const item of value) out.push(item);
        checkArray(out, node.path);
      } else out.push(value);
    }
    return out;
  }),
  in: {
    build: ([a = absent, b = absent], node) => (s, c) => {
      const needle = a(s, c), haystack = b(s, c);
      if (typeof haystack === 'string') return haystack !== '' && haystack.includes(text(needle));
      if (!Array.isArray(haystack)) return false;
      spend(c, haystack.length >> 4, node.path);
      return haystack.indexOf(needle) !== -1;
    },
  },
  cat: variadic((values, node) => {
    let out = '';
    for (const value of values) {
      if (value !== null && value !== undefined) out += text(value);
      if (out.length > EVAL_LIMITS.stringLength) break;
    }
    return checkString(out, node.path);
  }),
  substr: {
    build: ([a = absent, b = absent, e = absent], node) => (s, c) => {
      const source = text(a(s, c)), start = primitive(b(s, c)), end = primitive(e(s, c));
      // A negative length counts from the end (PHP's substr), as json-logic-js emulates.
      if (lessThan(end, 0)) {
        const rest = substrOf(source, start, undefined);
        // JavaScript's + as json-logic-js applies it: a text length ("-1", or [-1] joined) concatenates, "3-1".
        const length = typeof end === 'string' ? `${String(rest.length)}${end}` : rest.length + toNumber(end);
        return checkString(substrOf(rest, 0, length), node.path);
      }
      return checkString(substrOf(source, start, end), node.path);
    },
  },
  ...iterators,
};
