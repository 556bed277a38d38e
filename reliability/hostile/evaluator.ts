import { compileRule, planRun, type PlanResult, type RunError, type RunInput } from '../../src/core/engine/index.js';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import { EVAL_LIMITS } from '../../src/core/logic/failure.js';
import type { Rule } from '../../src/core/rule/rule-schema.js';
import type { ValidationResult } from '../../src/core/rule/validate.js';

/** What the scenario runs documents through; injectable so a test can prove the crash counters count. */
export type Validator = (input: unknown) => ValidationResult;

/** Compiles a validated rule; `run` gives every plan the app would make for one input (the quick one, then the traced one). */
export type Evaluator = (rule: Rule) => { ok: true; run(input: RunInput): PlanResult[] } | { ok: false; error: RunError };

/** The budget every plan runs under: the app passes none, so the evaluator's default. */
export const BUDGET = EVAL_LIMITS.budget;

/**
 * The app's evaluation (src/app/run/handle-event.ts): compileRule with the app's engine, planRun untraced, and for
 * a run that matched or failed (the ones that get a record) planRun again traced. Compiled without the cache: many
 * generated documents share an id and version.
 */
export function appEvaluator(): Evaluator {
  const engine = createLogicEngine();
  return (rule) => {
    const compiled = compileRule(engine, rule, 1, { cache: false });
    if (!compiled.ok) return compiled;
    return {
      ok: true,
      run(input) {
        const quick = planRun(compiled.rule, input);
        if (quick.decision !== 'matched' && quick.decision !== 'failed') return [quick];
        return [quick, planRun(compiled.rule, input, { trace: true })];
      },
    };
  };
}
