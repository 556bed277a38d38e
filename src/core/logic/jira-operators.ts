import { RE2JS } from 're2js';
import { changedWith, changelogItems, itemIsAbout } from './changelog.js';
import { constantOf, type Evaluate, type OperatorImpl, type RunContext } from './compile.js';
import { checkString, spend } from './core-operators.js';
import { toEpochMs } from './dates.js';
import { budgetExceeded, LogicFailure } from './failure.js';
import { checkPattern } from './pattern-safety.js';
import { binaryOf, unaryOf } from './operands.js';
import { member } from './read-data.js';

/**
 * The spec's Jira operators. They read `now` and `changelog` from the run's root data, not from the scope, so they
 * mean the same inside map/filter as outside. Wrong types give the neutral answer (null, false, 0), never an error:
 * Jira fields are often empty, and an empty field must not fail a rule.
 */
const absent: Evaluate = () => undefined;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// Each closure spends its own operation, and reads a `var` argument in place (operands.ts).
const unary = (f: (a: unknown, c: RunContext) => unknown): OperatorImpl => ({
  counts: true,
  build: ([a = absent], { path }) => unaryOf(f, a, path),
});
const binary = (f: (a: unknown, b: unknown) => unknown): OperatorImpl => ({
  counts: true,
  build: ([a = absent, b = absent], { path }) => binaryOf(f, a, b, path),
});

/** Case mapping can lengthen a text ("ß" is "SS"), and a long text stays a long text: capped like any built text. */
const cased = (f: (s: string) => string): OperatorImpl => ({
  counts: true,
  build: ([a = absent], { path }) => unaryOf((value) => (typeof value === 'string' ? checkString(f(value), path) : null), a, path),
});

/** (now - date) / unit, or null when the value is not a date or the root's `now` is not a number. */
function elapsed(value: unknown, root: unknown, unit: number): number | null {
  const then = toEpochMs(value), now = member(root, 'now');
  if (then === null || typeof now !== 'number' || !Number.isFinite(now)) return null;
  return (now - then) / unit;
}

const since = (unit: number): OperatorImpl => unary((value, c) => elapsed(value, c.root, unit));

const both = (test: (s: string, part: string) => boolean) =>
  binary((s, part) => typeof s === 'string' && typeof part === 'string' && test(s, part));

/** changedFrom / changedTo; their arguments are nearly always literals, which are then used as they are. */
const changed = (to: boolean): OperatorImpl => ({
  counts: true,
  build: ([a = absent, b = absent], { path }) => {
    const field = constantOf(a), value = constantOf(b);
    if (field !== undefined && value !== undefined) {
      const name = field.value, expected = value.value;
      return (s, c) => {
        if (--c.left < 0) throw budgetExceeded(path, c.budget);
        return typeof name === 'string' && changedWith(changelogItems(c.root), name, to, expected);
      };
    }
    return (s, c) => {
      if (--c.left < 0) throw budgetExceeded(path, c.budget);
      const name = a(s, c), expected = b(s, c);
      return typeof name === 'string' && changedWith(changelogItems(c.root), name, to, expected);
    };
  },
});

const matches: OperatorImpl = {
  counts: true,
  build: ([subject = absent], node) => {
    const pattern = node.raw[1];
    if (typeof pattern !== 'string') {
      throw new LogicFailure('INVALID_ARGUMENTS', 'The pattern of "matches" must be a literal text.', node.argPath(1));
    }
    const verdict = checkPattern(pattern);
    if (!verdict.ok) throw new LogicFailure('INVALID_PATTERN', verdict.message, node.argPath(1));
    const re = RE2JS.compile(pattern);
    return (s, c) => {
      if (--c.left < 0) throw budgetExceeded(node.path, c.budget);
      const text = subject(s, c);
      if (typeof text !== 'string') return false;
      // RE2 is linear in the text; long texts still cost in proportion.
      spend(c, text.length >> 10, node.path);
      return re.test(text);
    };
  },
};

export const JIRA_OPERATORS: Readonly<Record<string, OperatorImpl>> = {
  date: unary(toEpochMs),
  daysSince: since(DAY_MS),
  hoursSince: since(HOUR_MS),
  lower: cased((s) => s.toLowerCase()),
  upper: cased((s) => s.toUpperCase()),
  startsWith: both((s, part) => s.startsWith(part)),
  endsWith: both((s, part) => s.endsWith(part)),
  contains: binary((s, part) => {
    if (Array.isArray(s)) return s.indexOf(part) !== -1;
    return typeof s === 'string' && typeof part === 'string' && s.includes(part);
  }),
  length: unary((v) => (typeof v === 'string' || Array.isArray(v) ? v.length : 0)),
  matches,
  changed: unary((field, c) => typeof field === 'string' && changelogItems(c.root).some((item) => itemIsAbout(item, field))),
  changedFrom: changed(false),
  changedTo: changed(true),
};
