import fc from 'fast-check';
import { HOSTILE_LONG } from '../../test/support/hostile-patterns.js';

/**
 * `matches` patterns: the classic catastrophic-backtracking shapes, invalid and unsupported syntax, the long patterns
 * that make the safety analysis itself work (test/support/hostile-patterns.ts), safe ones, and generated ones that
 * nest quantifiers over overlapping atoms.
 */
const CATASTROPHIC = [
  '(a+)+$', '(a|aa)*c', '(a|a)*b', '(.*a){12}', '^(a+)+$', '(x+x+)+y', '(a*)*b', '([a-zA-Z]+)*$', '(\\d+)*\\.', '(a|b|ab)*c',
  '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\w+\\s?)*$', '(.*){1,32000}', '(?:a+){2,}b', '(\\s*,\\s*)*$', '^(\\w+@)+$',
];
const INVALID = ['[', '(', ')', '\\', '*a', 'a**', '(?P<n>a)', '(?<=a)b', '(?=a)a', '(?!a)b', '(\\w+)\\s\\1', 'a{100001}', 'a{2,1}', '\\p{Nope}', '\u0000'];
const SAFE = ['^OPS-\\d+$', 'foo', '.*foo.*', '\\s+$', '(?i)urgent', 'urgent|critical', '^[A-Z][A-Z0-9_]*-\\d+$', 'a{1,100}', '\\bCVE-\\d{4}-\\d+\\b', ''];

const atom = fc.constantFrom('a', 'aa', '.', '\\w', '\\s', '\\d', '[a-z]', '[^,]', 'a|aa', 'a|b', 'x?');
const quantifier = fc.constantFrom('', '*', '+', '?', '{2,5}', '{1,1000}', '*?', '+');
type Node = { atom: string; q1: string; q2: string; q3: string; depth: number };
const generated = fc
  .record({ atom, q1: quantifier, q2: quantifier, q3: quantifier, depth: fc.integer({ min: 0, max: 3 }) })
  .map(({ atom: a, q1, q2, q3, depth }: Node) => {
    let out = `(${a})${q1}`;
    if (depth >= 1) out = `(${out}${a})${q2}`;
    if (depth >= 2) out = `(?:${out})${q3}`;
    if (depth >= 3) out = `^${out}$`;
    return out;
  });

export const pattern: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...CATASTROPHIC),
  fc.constantFrom(...INVALID),
  fc.constantFrom(...SAFE),
  fc.constantFrom(...HOSTILE_LONG),
  generated,
  fc.string({ maxLength: 30 }),
);

/** What the pattern is matched against: short and long fields, built text, a literal, the data's prototype keys. */
export const subject = fc.constantFrom<unknown>(
  { var: 'issue.fields.summary' },
  { var: 'issue.fields.description' },
  { var: 'issue.fields.labels' },
  { cat: [{ var: 'issue.fields.summary' }, { var: 'issue.fields.description' }] },
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!',
  { var: 'comment.body' },
);
