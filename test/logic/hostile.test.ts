import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import { EVAL_LIMITS } from '../../src/core/logic/failure.js';
import type { EvalResult } from '../../src/core/logic/types.js';
import { validateRule } from '../../src/core/rule/validate.js';
import { expand, findFunction, hostileFileSchema, type HostileCase, type HostileRun, type Outcome } from './support/hostile-data.js';
import { readJsonFile } from './support/logic-vectors.js';

/**
 * Hostile rules and data (test/vectors/logic/hostile-rules.json): each is refused by the validator with a code, or
 * passes and then fails its run cleanly with a code (or yields a safe value). Never a hang (the budget must stop
 * it: the per-test timeout is the guard), never an exception, never a function value. Runs evaluate the rule's
 * `let` values in order and then `when` within one budget, as a rule run does, untraced and traced.
 */
const cases = hostileFileSchema
  .parse(readJsonFile(new URL('../vectors/logic/hostile-rules.json', import.meta.url)))
  .filter((e): e is HostileCase => typeof e !== 'string');
const engine = createLogicEngine();
// Generous: a broken budget hangs for ever, while a loaded two-core CI machine took over 5 s for a legitimate case.
const HANG_GUARD_MS = 60_000;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

type Doc = { let?: Record<string, unknown>; when?: unknown };

/** The run's budget is shared by all its expressions (docs/decisions/0006). */
function runRule(rule: Doc, data: unknown, trace: boolean): EvalResult {
  const letValues: Record<string, unknown> = {};
  const scoped = rule.let === undefined ? data : { ...(data as Record<string, unknown>), let: letValues };
  let budget = EVAL_LIMITS.budget;
  for (const [name, logic] of Object.entries(rule.let ?? {})) {
    const outcome = engine.evaluate(logic, scoped, { trace, budget });
    if (!outcome.ok) return outcome;
    letValues[name] = outcome.value;
    budget -= outcome.operations;
  }
  return engine.evaluate(rule.when ?? true, scoped, { trace, budget });
}

function summary(outcome: EvalResult): { result: unknown } | { error: { code: string } } {
  return outcome.ok ? { result: outcome.value } : { error: { code: outcome.error.code } };
}

function expected(run: HostileRun): Outcome[] {
  if ('anyOf' in run) return run.anyOf;
  return ['error' in run ? { error: run.error } : { result: run.result }];
}

// Built before the tests, so the hang guard times only validation and runs.
const built = cases.map((c) => ({ c, rule: expand(c.rule), data: c.run === undefined ? undefined : expand(c.run.data) }));

describe('hostile rules (test/vectors/logic/hostile-rules.json)', () => {
  beforeAll(() => {
    // One-time costs (schema and module set-up, first compilations) are not what the hang guard is for.
    validateRule(built[0]?.rule);
    const rows = Array.from({ length: 100 }, () => ({ rows: Array.from({ length: 100 }, (_, i) => i) }));
    engine.evaluate({ map: [{ var: 'r' }, { map: [{ var: 'rows' }, { '+': [{ var: '' }, 1] }] }] }, { r: rows }, { trace: true });
    engine.evaluate({ map: [{ var: 'r' }, { map: [{ var: 'rows' }, { '+': [{ var: '' }, 1] }] }] }, { r: rows });
  });

  it.each(built.map((b) => [b.c.description, b] as const))('%s', (_description, { c, rule, data }) => {
    const verdict = validateRule(rule);
    if (c.validation === 'ok') {
      expect(verdict.ok ? [] : verdict.issues).toEqual([]);
    } else {
      expect(verdict.ok).toBe(false);
      const found = verdict.ok ? [] : verdict.issues.map(({ path, code }) => ({ path, code }));
      expect(found).toContainEqual(c.validation.path === undefined ? expect.objectContaining({ code: c.validation.code }) : c.validation);
    }
    if (c.run === undefined) return;
    const allowed = expected(c.run);
    for (const trace of [false, true]) {
      const outcome = runRule(rule as Doc, data, trace);
      if (outcome.ok) expect(findFunction(outcome.value)).toBeUndefined();
      if (allowed.length === 1) expect(summary(outcome), `trace: ${trace}`).toEqual(allowed[0]);
      else expect(allowed, `trace: ${trace}`).toContainEqual(summary(outcome));
    }
  }, HANG_GUARD_MS);

  afterAll(() => {
    // Nothing a run does (own "__proto__" keys in data above all) may change what every object inherits.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
