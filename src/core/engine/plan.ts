import { truthy } from '../logic/coerce.js';
import { EVAL_LIMITS } from '../logic/failure.js';
import type { CompiledRule } from './compile-rule.js';
import { isTooLarge, jsonProblem, tooManyValues, toJsonValue } from './json-value.js';
import { gate } from './match.js';
import { planAction } from './plan-actions.js';
import { ruleData } from './rule-data.js';
import { RunState } from './run-state.js';
import type { Decision, JsonValue, PlannedAction, PlanResult, RunError, RunInput } from './types.js';

export type PlanOptions = {
  /** Record an explain trace (capped, see rule-trace.ts). */
  trace?: boolean;
  /** Evaluator operations the whole run may perform; default EVAL_LIMITS.budget. */
  budget?: number;
};

/**
 * Decides what one run of a compiled rule does, without doing it: trigger, scope, let (in key order, each value at
 * let.<name> for the ones after it), when (absent = true, JSON-Logic truthiness), then every action's parameters.
 * All or nothing: if any expression or parameter fails, the run is 'failed' and plans no action at all.
 */
export function planRun(compiled: CompiledRule, input: RunInput, options: PlanOptions = {}): PlanResult {
  const traced = options.trace === true;
  const gated = gate(compiled, input);
  if (gated !== undefined) return { decision: gated, let: {}, actions: [], operations: 0, ...(traced && { trace: { let: {} } }) };

  const state = new RunState(ruleData(input, compiled), options.budget ?? EVAL_LIMITS.budget, traced);
  const lets: Record<string, JsonValue> = {};
  const end = (decision: Decision, actions: PlannedAction[] = [], error?: RunError): PlanResult => ({
    decision,
    let: lets,
    actions,
    operations: state.operations,
    ...(state.tracer !== undefined && { trace: state.tracer.trace }),
    ...(error !== undefined && { error }),
  });

  for (const { name, expr } of compiled.lets) {
    const evaluated = state.evaluate(expr, { kind: 'let', name });
    if (!evaluated.ok) return end('failed', [], evaluated.error);
    const problem = tooManyValues(evaluated.value) ?? jsonProblem(evaluated.value);
    if (isTooLarge(problem)) {
      return end('failed', [], { code: 'RESULT_TOO_LARGE', message: `The let value "${name}" holds ${String(problem)}; a run keeps its let values in its record, so they must stay small.`, path: `/let/${name}` });
    }
    state.data.let[name] = evaluated.value;
    Object.defineProperty(lets, name, { value: toJsonValue(evaluated.value, problem), enumerable: true, writable: true, configurable: true });
  }

  if (compiled.when !== undefined) {
    const evaluated = state.evaluate(compiled.when, { kind: 'when' });
    if (!evaluated.ok) return end('failed', [], evaluated.error);
    if (!truthy(evaluated.value)) return end('not-matched');
  }

  const actions: PlannedAction[] = [];
  for (const [i, action] of compiled.actions.entries()) {
    state.tracer?.startAction();
    const planned = planAction(state, action, `/actions/${String(i)}`);
    if (!planned.ok) return end('failed', [], planned.error);
    actions.push(planned.action);
  }
  return end('matched', actions);
}
