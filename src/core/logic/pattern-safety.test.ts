import { HOSTILE_LONG } from '../../../test/support/hostile-patterns.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern } from './pattern-safety.js';

const r = String.raw;
const containing = (text: string): unknown => expect.stringContaining(text) as unknown;

/** Patterns admins write for Jira fields; each must be accepted. */
const ACCEPTED: readonly string[] = [
  r`^[A-Z][A-Z0-9]+-\d+$`, // issue key
  r`\b[A-Z][A-Z0-9_]+-\d+\b`,
  r`^([A-Z]+-\d+,?\s*)+$`, // a list of issue keys
  r`^[\w.+-]+@[\w-]+\.[\w.-]+$`, // email
  r`^[^@\s]+@[^@\s]+\.[^@\s]+$`,
  r`^\d+\.\d+\.\d+$`, // semver
  r`^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$`,
  r`(?:^|\s)urgent(?:\s|$)`,
  r`\bP[0-4]\b`,
  r`\b(?:TODO|FIXME)\b`,
  r`^(bug|defect|incident)$`,
  r`^[a-z0-9]+(?:-[a-z0-9]+)*$`, // slug
  r`^[a-z]+(-[a-z]+)*$`,
  r`https?://[^\s/$.?#][^\s]*`, // URL-ish
  r`^https?:\/\/[\w.-]+(?:\/[\w./-]*)?$`,
  r`(?:[a-z0-9-]+\.)+[a-z]{2,}`, // host name
  r`cve-[0-9]{4}-[0-9]{4,7}`,
  r`^(?:\d+[wdhm]\s*)+$`, // time tracking: 1w 2d 3h
  r`^\s*\w+\s*:\s*(.*)$`, // "Key: value"
  r`^(?:\w+\s+){2,}\w+$`, // three words or more
  r`^(?:[A-Z][a-z]+\s?)+$`, // Title Case Words
  r`\[(?:[^\]]+)\]`,
  r`(\.\d+)+`,
  r`\d+\.\d+`,
  r`\d{1,3}(?:,\d{3})*`,
  r`^(\d{1,3}\.?){4}$`, // bounded nesting: at most 4^4 ways
  r`(?:\r?\n)+`,
  r`^.*$`,
  r`^.{1,255}$`,
  r`^\s*$`,
  r`(a|b)*`,
  r`(foo|bar)+`,
  r`(foo|bar|baz)+`, // alternatives share a prefix but differ later
  r`.*foo.*`, // ambiguous, but nothing after it can fail
  r`^\d+\d+$`, // ambiguous but anchored: quadratic, tolerated
  r`\s+$`, // quadratic in a backtracking search, tolerated (see the decision note)
];

/** Catastrophic backtracking: exponential, or polynomial of degree 3 and more. Never run these through RegExp. */
const UNSAFE: readonly string[] = [
  r`(a+)+$`,
  r`^(a+)+$`,
  r`(a*)*`,
  r`^(\d+)*$`,
  r`([a-zA-Z]+)*$`,
  r`(\w+\s?)*$`,
  r`^(\w+\s?)*$`, // OWASP
  r`(x+x+)+y`,
  r`(.*a){12}`,
  r`(.*a){20}`, // OWASP
  r`(a|a)*`,
  r`(a|aa)+$`,
  r`(a|a?)+$`,
  r`(a|ab)*c`,
  r`(\w|\d)+$`,
  r`(\d+|\d+\.\d+)+$`,
  r`^(([a-z])+.)+[A-Z]([a-z])+$`, // OWASP (Java class name)
  r`^[a-zA-Z]+(([\'\,\.\-][a-zA-Z ])?[a-zA-Z]*)*$`, // OWASP (person name)
  r`^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$`, // OWASP email
  r`^(a?){25}a{25}$`,
  r`(a{1,2})+$`,
  r`^[a-z]+(-?[a-z]+)*$`,
  r`(\s*,\s*)+$`,
  r`(-a+a+)*$`,
  r`^(\w+\s?){1,5}$`,
  r`(.*a){3}`,
  r`(.*a){2}$`,
  r`\d+\d+$`,
  r`.*.*=.*`,
  r`.*foo.*$`,
  r`^\s*(.*?)\s*$`,
];

const ADVERSARIAL = ['a'.repeat(5000) + '!', '1'.repeat(5000) + '!', ' '.repeat(5000) + '!', 'a '.repeat(2500) + '!', 'a-'.repeat(2500) + '\n!', '1.'.repeat(2500) + '!'];

const verdictCode = (v: ReturnType<typeof checkPattern>): string | undefined => (v.ok ? undefined : v.code);

describe('checkPattern', () => {
  it.each(ACCEPTED)('accepts %s', (pattern) => {
    expect(checkPattern(pattern)).toEqual({ ok: true });
  });

  it.each(UNSAFE)('rejects %s as UNSAFE_PATTERN', (pattern) => {
    const verdict = checkPattern(pattern);
    expect(verdict).toMatchObject({ ok: false, code: 'UNSAFE_PATTERN', message: containing('backtrack catastrophically') });
  });

  // A hang guard, not a speed goal: a catastrophic pattern takes minutes on these texts, an accepted one well under a
  // second; the bound is loose so a loaded CI machine cannot fail it.
  it.each(ACCEPTED)('JS RegExp runs %s over 5,000-character adversarial texts without catastrophic backtracking', (pattern) => {
    const re = new RegExp(pattern);
    const start = performance.now();
    for (const text of ADVERSARIAL) re.test(text);
    expect(performance.now() - start).toBeLessThan(15_000);
  });

  it('names the construct and how to fix it', () => {
    const nested = checkPattern(r`^(\d+)*$`);
    expect(nested.ok || nested.message).toMatch(/"\(\\d\+\)\*" \(position 2\) repeats "\\d\+".*begin or end each repetition/);
    const alternatives = checkPattern(r`(a|ab)*c`);
    expect(alternatives.ok || alternatives.message).toMatch(/alternatives "a" and "ab".*start with a different character/);
    const pair = checkPattern(r`\d+\d+$`);
    expect(pair.ok || pair.message).toMatch(/"\\d\+" \(position 1\) and "\\d\+" \(position 4\).*Merge them/);
  });

  it.each([r`(a)\1`, r`(?<n>a)\k<n>`])('rejects the backreference in %s as UNSAFE_PATTERN', (pattern) => {
    expect(checkPattern(pattern)).toMatchObject({ ok: false, code: 'UNSAFE_PATTERN', message: containing('backreference') });
  });

  it.each([r`(?=a)b`, r`(?!a)b`, r`(?<=a)b`, r`(?<!a)b`])('rejects the lookaround in %s as UNSAFE_PATTERN', (pattern) => {
    expect(checkPattern(pattern)).toMatchObject({ ok: false, code: 'UNSAFE_PATTERN', message: containing('lookahead or lookbehind') });
  });

  it.each([
    ['[', 'Unterminated character class'],
    ['(', 'Unterminated group'],
    ['a{2,1}', 'numbers out of order'],
    ['*a', 'Nothing to repeat'],
    ['(?i)a', 'Invalid group'],
    [r`\u0041`, 'RE2'], // valid JavaScript, refused by RE2
    ['a{2000}', 'RE2'],
    ['[^]', 'RE2'],
    [r`end\z`, 'means the letter "z" in JavaScript'], // both accept it, with different meanings
    [r`\Astart`, 'means the letter "A"'],
    [r`\p{L}+`, 'means the letter "p"'],
  ])('rejects %s as INVALID_PATTERN (%s)', (pattern, reason) => {
    expect(checkPattern(pattern)).toMatchObject({ ok: false, code: 'INVALID_PATTERN', message: containing(reason) });
  });

  it('limits the length to 500 characters', () => {
    expect(checkPattern('a'.repeat(500))).toEqual({ ok: true });
    expect(checkPattern('a'.repeat(501))).toMatchObject({ ok: false, code: 'INVALID_PATTERN', message: containing('limit is 500') });
  });

  // Their speed is measured by `npm run bench`; here only that each gets a verdict.
  it('gives a verdict on hostile 500-character patterns', () => {
    for (const p of HOSTILE_LONG) expect(['INVALID_PATTERN', 'UNSAFE_PATTERN', undefined]).toContain(verdictCode(checkPattern(p)));
    expect(checkPattern(HOSTILE_LONG[0] ?? '').ok).toBe(false);
  });

  const verdictShape = (pattern: string): boolean => {
    const v = checkPattern(pattern);
    return v.ok || (['INVALID_PATTERN', 'UNSAFE_PATTERN'].includes(v.code) && v.message.length > 0);
  };

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600 }), verdictShape), { numRuns: 1000 });
  });

  it('never throws on strings made of regex syntax', () => {
    const piece = fc.constantFrom(...'()[]{}|*+?.^$\\-,:=!<>a1 dwsbDWSBkpux0'.split(''), '(?:', '(?=', '(?<', '(?<n>', '\\k<n>', '{2}', '{1,5}', '{2,}', '\\d+', '[a-z]+', '[^', '\\p{L}', '\\1');
    fc.assert(fc.property(fc.string({ unit: piece, maxLength: 200 }), verdictShape), { numRuns: 2000 });
  });
});
