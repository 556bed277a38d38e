import { truthy } from './coerce.js';
import type { Evaluate, OperatorImpl, RunContext } from './compile.js';
import { arrayTooLarge, budgetExceeded, EVAL_LIMITS } from './failure.js';

/**
 * map, filter, reduce, all, none and some: the second argument runs once per item with the item as its scope (for
 * reduce, {current, accumulator}). Each item costs one operation on top of what the per-item logic costs, so an
 * iteration over data never escapes the budget. Non-arrays are json-logic-js's: map and filter give [], reduce its
 * initial value, all and some false, none true.
 */
const absent: Evaluate = () => undefined;

function step(c: RunContext, path: string): void {
  if (--c.left < 0) throw budgetExceeded(path, c.budget);
}

const over = (run: (items: readonly unknown[], logic: Evaluate, c: RunContext, path: string) => unknown, otherwise: () => unknown): OperatorImpl => ({
  scoped: [1],
  counts: true,
  build: ([list = absent, logic = absent], node) => (s, c) => {
    step(c, node.path);
    const items = list(s, c);
    return Array.isArray(items) ? run(items, logic, c, node.path) : otherwise();
  },
});

export const iterators: Readonly<Record<string, OperatorImpl>> = {
  map: over((items, logic, c, path) => {
    if (items.length > EVAL_LIMITS.arrayItems) throw arrayTooLarge(path, items.length);
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) {
      step(c, path);
      out[i] = logic(items[i], c);
    }
    return out;
  }, () => []),
  filter: over((items, logic, c, path) => {
    const out: unknown[] = [];
    for (const item of items) {
      step(c, path);
      if (truthy(logic(item, c))) out.push(item);
    }
    if (out.length > EVAL_LIMITS.arrayItems) throw arrayTooLarge(path, out.length);
    return out;
  }, () => []),
  all: over((items, logic, c, path) => {
    if (items.length === 0) return false;
    for (const item of items) {
      step(c, path);
      if (!truthy(logic(item, c))) return false;
    }
    return true;
  }, () => false),
  some: over((items, logic, c, path) => {
    for (const item of items) {
      step(c, path);
      if (truthy(logic(item, c))) return true;
    }
    return false;
  }, () => false),
  none: over((items, logic, c, path) => {
    for (const item of items) {
      step(c, path);
      if (truthy(logic(item, c))) return false;
    }
    return true;
  }, () => true),
  reduce: {
    scoped: [1],
    counts: true,
    build: ([list = absent, logic = absent, initial], node) => (s, c) => {
      step(c, node.path);
      const items = list(s, c);
      // json-logic-js starts from null, not from the first item, when no initial value is given.
      let accumulator: unknown = initial === undefined ? null : initial(s, c);
      if (!Array.isArray(items)) return accumulator;
      for (const current of items as readonly unknown[]) {
        step(c, node.path);
        accumulator = logic({ current, accumulator }, c);
      }
      return accumulator;
    },
  },
};
