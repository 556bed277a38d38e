import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import { compatSuites, officialSuite, type SuiteCase } from '../support/jsonlogic-suites.js';

// Conformance: the jsonlogic.com suite whole, and the community compat-tables suites case by case. Where compat-tables
// disagrees with the jsonlogic.com reference (json-logic-js), docs/decisions/0005-json-logic-semantics.md decides,
// and test/vectors/conformance/compat-deviations.json lists every such case with its decision.

const engine = createLogicEngine();

/** Operators of newer community proposals that rules do not have: their cases are not applicable, and counted. */
const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  val: 'proposal: "val" (rules use "var")',
  exists: 'proposal: "exists" (rules use "missing")',
  '??': 'proposal: "??" (rules use a "var" default or "if")',
  try: 'proposal: "try" (a failing rule run is recorded, not caught)',
  throw: 'proposal: "throw"',
  preserve: 'proposal: "preserve"',
};

type Deviation = { suite: string; description: string; rule: unknown; decision: string };
const DECISIONS = [
  'arithmetic-as-json-logic-js',
  'nan-is-a-value',
  'lenient-arguments',
  'null-is-not-zero',
  'empty-and-or',
  'reduce-starts-from-null',
  'no-leaf-coercion',
  'no-path-escapes',
];
const deviations = JSON.parse(
  readFileSync(new URL('../vectors/conformance/compat-deviations.json', import.meta.url), 'utf8'),
) as Deviation[];
const deviationKey = (suite: string, description: string, rule: unknown) => `${suite}|${description}|${JSON.stringify(rule)}`;
const deviationByKey = new Map(deviations.map((d) => [deviationKey(d.suite, d.description, d.rule), d]));

function operatorsIn(logic: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(logic)) for (const item of logic) operatorsIn(item, out);
  else if (typeof logic === 'object' && logic !== null) {
    const keys = Object.keys(logic);
    if (keys.length === 1 && keys[0] !== undefined) {
      out.add(keys[0]);
      operatorsIn((logic as Record<string, unknown>)[keys[0]], out);
    }
  }
  return out;
}

const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b) || (typeof a === 'number' && Object.is(a, b));

function reference(rule: unknown, data: unknown): { value: unknown } | { threw: string } {
  try {
    return { value: jsonLogic.apply(rule as jsonLogic.RulesLogic, data) };
  } catch (error) {
    return { threw: String(error) };
  }
}

describe('jsonlogic.com suite (tests.json)', () => {
  const cases = officialSuite();
  it('has the 277 cases SOURCES.md describes', () => {
    expect(cases).toHaveLength(277);
  });
  it.each(cases.map((c, i) => [i, c.section, JSON.stringify(c.rule), c] as const))('#%i %s %s', (_i, _s, _r, c) => {
    const run = engine.evaluate(c.rule, c.data);
    expect(run).toMatchObject({ ok: true });
    if (run.ok) expect(run.value).toEqual(c.expected);
  });
});

describe('compat-tables and community-extra suites', () => {
  const used = new Set<string>();
  const notApplicable: Record<string, number> = {};

  for (const { suite, cases } of compatSuites()) {
    describe(suite, () => {
      for (const c of cases) {
        const unsupported = [...operatorsIn(c.rule)].filter((op) => Object.hasOwn(NOT_APPLICABLE, op));
        if (unsupported.length > 0) {
          for (const op of unsupported) notApplicable[op] = (notApplicable[op] ?? 0) + 1;
          it.skip(`not applicable (${unsupported.join(', ')}): ${c.description}`, () => undefined);
          continue;
        }
        const key = deviationKey(suite, c.description, c.rule);
        const deviation = deviationByKey.get(key);
        if (deviation) used.add(key);
        it(`${deviation ? `[${deviation.decision}] ` : ''}${c.description}`, () => {
          const run = engine.evaluate(c.rule, c.data);
          if (deviation === undefined) {
            expectSuiteVerdict(c, run);
            return;
          }
          // A listed case must really disagree with the suite, and our answer must be the reference's; where the
          // reference throws, ours is a coded error (0005: never an exception).
          expect(suiteAgrees(c, run)).toBe(false);
          const ref = reference(c.rule, c.data);
          if ('threw' in ref) expect(run.ok).toBe(false);
          else expect(run.ok && same(run.value, ref.value)).toBe(true);
        });
      }
    });
  }

  it('lists every deviation under a decision of 0005, and no deviation that no longer applies', () => {
    for (const d of deviations) expect(DECISIONS).toContain(d.decision);
    expect(deviations.filter((d) => !used.has(deviationKey(d.suite, d.description, d.rule)))).toEqual([]);
  });

  it('counts the not-applicable cases by operator, and only for operators rules do not have', () => {
    for (const op of Object.keys(notApplicable)) expect(engine.compile({ [op]: [] }).ok).toBe(false);
    expect(Object.keys(notApplicable).sort()).toEqual(Object.keys(NOT_APPLICABLE).sort());
  });
});

describe('decided questions (docs/decisions/0005-json-logic-semantics.md)', () => {
  type Decided = { description: string; rule: unknown; data?: unknown } & ({ result: unknown } | { error: { code: string } });
  const vectors = (
    JSON.parse(readFileSync(new URL('../vectors/conformance/decisions.json', import.meta.url), 'utf8')) as unknown[]
  ).filter((v): v is Decided => typeof v === 'object');
  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_d, v) => {
    const run = engine.evaluate(v.rule, v.data ?? {});
    if ('error' in v) expect(run).toMatchObject({ ok: false, error: { code: v.error.code } });
    else expect(run).toMatchObject({ ok: true, value: v.result });
  });
});

function suiteAgrees(c: SuiteCase, run: ReturnType<typeof engine.evaluate>): boolean {
  if ('error' in c) return !run.ok;
  return run.ok && same(run.value, c.result);
}

function expectSuiteVerdict(c: SuiteCase, run: ReturnType<typeof engine.evaluate>): void {
  if ('error' in c) {
    expect(run.ok, `expected an error of type ${c.error.type}`).toBe(false);
    return;
  }
  expect(run).toMatchObject({ ok: true });
  if (run.ok) expect(same(run.value, c.result), `got ${JSON.stringify(run.value)}`).toBe(true);
}
