import { lessOrEqual, lessThan, looseEquals, text, truthy } from './coerce.js';
import { constantOf, placed, type Evaluate, type NodeInfo, type OperatorImpl, type RunContext } from './compile.js';
import { budgetExceeded } from './failure.js';
import { binaryOf, pathOf, readOperand, spendEach } from './operands.js';

/**
 * Comparisons, negation and `in`: the bulk of every rule's condition, and mostly of one shape, a `var` against a
 * literal (`{"==": [{"var": "issue.fields.priority.name"}, "High"]}`), which runs as one closure (operands.ts).
 */
const absent: Evaluate = () => undefined;

/** The node's own operation. */
function tick(c: RunContext, path: string): void {
  if (--c.left < 0) throw budgetExceeded(path, c.budget);
}

type Test = (a: unknown, b: unknown) => boolean;

const comparison = (test: Test): OperatorImpl => ({
  counts: true,
  build: ([a = absent, b = absent], { path }) => binaryOf(test, a, b, path),
});

/** `<` and `<=`, which take a third argument: {"<": [a, b, c]} is a < b < c. */
const between = (test: Test): OperatorImpl => ({
  counts: true,
  build: (args: readonly Evaluate[], { path }: NodeInfo) => {
    const [a = absent, b = absent, z] = args;
    if (z === undefined) return binaryOf(test, a, b, path);
    return (s, c) => {
      tick(c, path);
      try {
        const x = a(s, c), y = b(s, c), upper = z(s, c);
        return upper === undefined ? test(x, y) : test(x, y) && test(y, upper);
      } catch (error) {
        throw placed(error, path);
      }
    };
  },
});

/** `!` and `!!`: truthiness cannot fail. */
const truth = (negate: boolean): OperatorImpl => ({
  counts: true,
  build: ([a = absent], { path }) => {
    const operand = pathOf(a);
    if (operand !== undefined) {
      const { segments } = operand, paths = [path, operand.path];
      return (s, c) => {
        spendEach(c, paths);
        return truthy(readOperand(s, segments)) !== negate;
      };
    }
    return (s, c) => {
      tick(c, path);
      return truthy(a(s, c)) !== negate;
    };
  },
});

/** Items a Set finds exactly as indexOf (strict equality) does: NaN is the one primitive the two disagree on. */
const setable = (item: unknown): boolean =>
  typeof item === 'string' || typeof item === 'boolean' || item === null || (typeof item === 'number' && !Number.isNaN(item));

/** {"in": [x, ["High", "Highest"]]}: the list is known; a long list of plain values becomes a Set. */
function inList(a: Evaluate, list: readonly unknown[], path: string): Evaluate {
  const cost = list.length >> 4;
  const set = list.length > 8 && list.every(setable) ? new Set(list) : undefined;
  const found = (needle: unknown): boolean => (set === undefined ? list.indexOf(needle) !== -1 : set.has(needle));
  const operand = pathOf(a);
  if (operand !== undefined && cost === 0) {
    const { segments } = operand, paths = [path, operand.path];
    return (s, c) => {
      spendEach(c, paths);
      return found(readOperand(s, segments));
    };
  }
  return (s, c) => {
    tick(c, path);
    const needle = a(s, c);
    c.left -= cost;
    if (c.left < 0) throw budgetExceeded(path, c.budget);
    return found(needle);
  };
}

/** Substring of a text, or element of a list (scanning a list costs an operation per 16 items). */
function within(needle: unknown, haystack: unknown, c: RunContext, path: string): boolean {
  if (typeof haystack === 'string') return haystack !== '' && haystack.includes(text(needle));
  if (!Array.isArray(haystack)) return false;
  c.left -= haystack.length >> 4;
  if (c.left < 0) throw budgetExceeded(path, c.budget);
  return haystack.indexOf(needle) !== -1;
}

const membership: OperatorImpl = {
  counts: true,
  build: ([a = absent, b = absent], { path }) => {
    const list = constantOf(b)?.value;
    if (Array.isArray(list)) return inList(a, list, path);
    const needle = constantOf(a), haystack = pathOf(b);
    if (needle !== undefined && haystack !== undefined) {
      // {"in": ["needs-info", {"var": "issue.fields.labels"}]}
      const value = needle.value, { segments } = haystack, paths = [path, haystack.path];
      return (s, c) => {
        spendEach(c, paths);
        try {
          return within(value, readOperand(s, segments), c, path);
        } catch (error) {
          throw placed(error, path);
        }
      };
    }
    return (s, c) => {
      tick(c, path);
      try {
        const x = a(s, c), y = b(s, c);
        return within(x, y, c, path);
      } catch (error) {
        throw placed(error, path);
      }
    };
  },
};

export const COMPARISONS: Readonly<Record<string, OperatorImpl>> = {
  '==': comparison(looseEquals),
  '!=': comparison((a, b) => !looseEquals(a, b)),
  '===': comparison((a, b) => a === b),
  '!==': comparison((a, b) => a !== b),
  '>': comparison((a, b) => lessThan(b, a)),
  '>=': comparison((a, b) => lessOrEqual(b, a)),
  '<': between(lessThan),
  '<=': between(lessOrEqual),
  '!': truth(true),
  '!!': truth(false),
  in: membership,
};
