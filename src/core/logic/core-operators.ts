import { ARITHMETIC } from './arithmetic.js';
import { lessThan, primitive, text, toNumber, truthy } from './coerce.js';
import { COMPARISONS } from './comparisons.js';
import { placed, type Evaluate, type NodeInfo, type OperatorImpl, type RunContext } from './compile.js';
import { arrayTooLarge, budgetExceeded, stringTooLarge, EVAL_LIMITS } from './failure.js';
import { iterators } from './iterators.js';
import { SCOPE_OPERATORS } from './variable.js';

/**
 * The classic JSON-Logic operators with json-logic-js's semantics (the jsonlogic.com suite is its test suite), each
 * compiled to a closure. Missing arguments are `undefined`, as json-logic-js passes them; extra arguments are not
 * evaluated (the validator refuses them in rules; nothing observable depends on them).
 */
const absent: Evaluate = () => undefined;

// These closures spend their own operation (`counts`): one closure per node instead of a counting wrapper around
// each, which matters once many rules share the call sites. The catch names the node for a coercion that failed.
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
  if: conditional,
  // The jsonlogic.com suite's ternary. Rules are held to the spec's list, which has only "if" (the validator refuses
  // "?:" with a hint); the evaluator keeps it so the suite passes whole (docs/decisions/0005-json-logic-semantics.md).
  '?:': conditional,
  and: logical(false),
  or: logical(true),
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
  cat: variadic((values, node) => {
    let out = '';
    for (const value of values) {
      if (value !== null && value !== undefined) out += text(value);
      if (out.length > EVAL_LIMITS.stringLength) break;
    }
    return checkString(out, node.path);
  }),
  substr: {
    counts: true,
    build: ([a = absent, b = absent, e = absent], { path }) => (s, c) => {
      if (--c.left < 0) throw budgetExceeded(path, c.budget);
      try {
        const source = text(a(s, c)), start = primitive(b(s, c)), end = primitive(e(s, c));
        // A negative length counts from the end (PHP's substr), as json-logic-js emulates.
        if (lessThan(end, 0)) {
          const rest = substrOf(source, start, undefined);
          // JavaScript's + as json-logic-js applies it: a text length ("-1", or [-1] joined) concatenates, "3-1".
          const length = typeof end === 'string' ? `${String(rest.length)}${end}` : rest.length + toNumber(end);
          return checkString(substrOf(rest, 0, length), path);
        }
        return checkString(substrOf(source, start, end), path);
      } catch (error) {
        throw placed(error, path);
      }
    },
  },
  ...COMPARISONS,
  ...ARITHMETIC,
  ...iterators,
  ...SCOPE_OPERATORS,
};
