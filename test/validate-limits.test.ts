import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS, LOGIC_LIMITS } from '../src/core/rule/limits.js';
import { compileRule } from '../src/core/engine/index.js';
import { createLogicEngine } from '../src/core/logic/engine.js';
import { validateRule } from '../src/core/rule/validate.js';
import { baseRules } from './support/rule-vectors.js';

const base = baseRules.event as Record<string, unknown>;

function issuesOf(input: unknown): { path: string; code: string }[] {
  const result = validateRule(input);
  return result.ok ? [] : result.issues.map(({ path, code }) => ({ path, code }));
}

function nested(levels: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

describe('limits on the document as a whole', () => {
  it('stops at the nesting limit, however deep the input goes', () => {
    for (const levels of [DOCUMENT_LIMITS.depth + 1, 10_000]) {
      const found = issuesOf({ ...base, description: nested(levels, 1, (v) => [v]) });
      expect(found).toHaveLength(1);
      expect(found[0]?.code).toBe('DOCUMENT_TOO_DEEP');
      expect(found[0]?.path.startsWith('/description/0/0/0')).toBe(true);
    }
  });

  it('names the array that is too long', () => {
    const found = issuesOf({ ...base, when: { in: ['x', new Array(100_000).fill('a')] } });
    expect(found).toEqual([{ path: '/when/in/1', code: 'ARRAY_TOO_LONG' }]);
  });

  it('names the string that is too long', () => {
    expect(issuesOf({ ...base, name: 'x'.repeat(DOCUMENT_LIMITS.stringLength + 1) })).toEqual([{ path: '/name', code: 'STRING_TOO_LONG' }]);
  });

  it('refuses objects with too many properties', () => {
    const wide = Object.fromEntries(Array.from({ length: DOCUMENT_LIMITS.objectKeys + 1 }, (_, i) => [`k${i}`, i]));
    expect(issuesOf({ ...base, scope: wide })).toEqual([{ path: '/scope', code: 'TOO_MANY_PROPERTIES' }]);
  });

  it('refuses a document with too many values in all', () => {
    const many = Array.from({ length: 30 }, () => Array.from({ length: 900 }, () => 1));
    expect(issuesOf({ ...base, description: many })).toEqual([{ path: '', code: 'DOCUMENT_TOO_LARGE' }]);
  });
});

describe('limits on expressions', () => {
  it('allows operators nested to the limit and refuses one more', () => {
    const atLimit = nested(LOGIC_LIMITS.depth - 1, { var: 'let.old' }, (v) => ({ '!': [v] }));
    expect(issuesOf({ ...base, when: atLimit })).toEqual([]);
    const over = nested(LOGIC_LIMITS.depth, { var: 'let.old' }, (v) => ({ '!': [v] }));
    const found = issuesOf({ ...base, when: over });
    expect(found).toHaveLength(1);
    expect(found[0]?.code).toBe('LOGIC_TOO_DEEP');
    expect(found[0]?.path).toBe('/when' + '/!/0'.repeat(LOGIC_LIMITS.depth) + '/var');
  });

  it('compiles every expression it accepts, however deep its arrays nest within the document limit', () => {
    // Arrays do not count as operators, so only the document's depth limit bounds them: "when" sits one level down.
    const deepest = nested(DOCUMENT_LIMITS.depth - 3, 'x', (v) => [v]);
    const result = validateRule({ ...base, when: { in: ['x', deepest] } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(compileRule(createLogicEngine(), result.rule, 1, { cache: false })).toMatchObject({ ok: true });
  });

  it('counts values across all of a rule\'s expressions', () => {
    const half = { and: new Array(LOGIC_LIMITS.nodes / 2).fill(true) };
    const found = issuesOf({ ...base, let: { a: half }, when: half });
    expect(found.map((i) => i.code)).toEqual(['LOGIC_TOO_LARGE']);
    expect(found[0]?.path.startsWith('/when/and/')).toBe(true);
  });

  it('accepts a text literal in an expression at the string limit, and refuses one over it', () => {
    const at = 'x'.repeat(LOGIC_LIMITS.stringLength);
    expect(issuesOf({ ...base, when: { '==': [{ var: 'issue.key' }, at] } })).toEqual([]);
    expect(issuesOf({ ...base, when: { '==': [{ var: 'issue.key' }, at + 'x'] } })).toEqual([{ path: '/when/==/1', code: 'STRING_TOO_LONG' }]);
  });
});
