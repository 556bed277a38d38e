import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRule } from '../src/core/rule/validate.js';
import { baseRules, validationCases } from './support/rule-vectors.js';

/**
 * The validator must answer every input without throwing and quickly. The one-second bound below is a hang guard
 * (a broken limit shows up as seconds, not milliseconds), not a performance goal: `npm run bench` measures speed.
 */
const HANG_GUARD_MS = 1000;

function timed(input: unknown): { ms: number; ok: boolean } {
  let start = performance.now();
  let result = validateRule(input);
  let ms = performance.now() - start;
  if (ms > HANG_GUARD_MS) {
    // A slow document is slow every time; a GC pause or a busy CI core is not. Time it once more before judging.
    start = performance.now();
    result = validateRule(input);
    ms = Math.min(ms, performance.now() - start);
  }
  if (!result.ok) {
    for (const issue of result.issues) {
      if (typeof issue.path !== 'string' || typeof issue.code !== 'string' || typeof issue.message !== 'string') {
        throw new Error(`malformed issue ${JSON.stringify(issue)}`);
      }
    }
  }
  return { ms, ok: result.ok };
}

const validDocs = validationCases().filter((c) => c.issues.length === 0).map((c) => c.document);
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');
const hostileString = fc.oneof(
  fc.constantFrom('__proto__', 'constructor.constructor', 'issue.__proto__', '(a+)+$', '((a*)*)*b', '', '\u0000', '~/'),
  fc.string({ unit: 'binary', maxLength: 50 }),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, Number.MAX_SAFE_INTEGER),
    hostileString,
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 12 })), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** A valid rule with one value somewhere inside replaced by arbitrary JSON. */
const mutatedRule = fc
  .tuple(fc.constantFrom(...validDocs), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), anyJson)
  .map(([doc, steps, replacement]) => mutate(structuredClone(doc), steps, replacement));

function mutate(doc: unknown, steps: number[], replacement: unknown): unknown {
  if (doc === null || typeof doc !== 'object') return replacement;
  let node = doc as Record<string, unknown>;
  for (const [i, step] of steps.entries()) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[step % keys.length] as string;
    const next = node[key];
    if (i === steps.length - 1 || next === null || typeof next !== 'object') {
      node[key] = replacement;
      break;
    }
    node = next as Record<string, unknown>;
  }
  return doc;
}

describe('validateRule under fuzzing', () => {
  it('never throws on arbitrary JSON', () => {
    let slowest = 0;
    fc.assert(fc.property(anyJson, (input) => { slowest = Math.max(slowest, timed(input).ms); }), { numRuns: 3000 });
    expect(slowest).toBeLessThan(HANG_GUARD_MS);
  });

  it('never throws on mutations of valid rules, and answers each quickly', () => {
    let slowest = 0;
    let invalid = 0;
    fc.assert(
      fc.property(mutatedRule, (input) => {
        const { ms, ok } = timed(input);
        slowest = Math.max(slowest, ms);
        if (!ok) invalid++;
      }),
      { numRuns: 3000 },
    );
    expect(slowest).toBeLessThan(HANG_GUARD_MS);
    // The mutations must actually exercise the error paths, or this test proves little.
    expect(invalid).toBeGreaterThan(1000);
  });

  it('answers deep nesting, huge arrays, huge strings and wide objects within the guard', () => {
    const base = baseRules.event as Record<string, unknown>;
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = i % 2 ? [deep] : { and: deep };
    let deepObject: unknown = {};
    for (let i = 0; i < 10_000; i++) deepObject = { __proto__x: deepObject, constructor: 1 };
    const hostile: unknown[] = [
      deep,
      { ...base, when: deep },
      { ...base, let: deepObject },
      new Array(100_000).fill(base),
      { ...base, actions: new Array(100_000).fill({ type: 'comment', body: 'x' }) },
      { ...base, description: 'x'.repeat(5_000_000) },
      Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])),
      JSON.parse(`{"__proto__": {"polluted": true}, "schemaVersion": 1, "when": {"var": "__proto__.polluted"}}`),
    ];
    for (const input of hostile) {
      expect(timed(input).ms).toBeLessThan(HANG_GUARD_MS);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
