import { compileLogic, type Evaluate, type OperatorImpl, type RunContext } from './compile.js';
import { chargeJoinsTo } from './coerce.js';
import { CORE_OPERATORS } from './core-operators.js';
import { EVAL_LIMITS, LogicFailure } from './failure.js';
import { JIRA_OPERATORS } from './jira-operators.js';
import { REFUSED_OPERATORS } from './operators.js';
import { Tracer } from './trace.js';
import type { CompileResult, EvalResult, Program, RunOptions } from './types.js';

export type LogicEngineOptions = {
  /** Operations per run unless a run says otherwise (EVAL_LIMITS.budget). */
  budget?: number;
};

export interface LogicEngine {
  compile(logic: unknown): CompileResult;
  /** Compiles and runs once: for one-off evaluations (the CLI, tests). Rules compile once and keep the Program. */
  evaluate(logic: unknown, data: unknown, options?: RunOptions): EvalResult;
}

/** Operators whose result depends on more than their arguments: the scope, the root data or its `now`. Every other
 *  operator is folded to a constant when its arguments are constants (compile.ts). */
const READS_DATA = new Set(['var', 'missing', 'missing_some', 'daysSince', 'hoursSince', 'changed', 'changedFrom', 'changedTo']);

/**
 * An evaluator with its own operator registry: nothing is global, so no rule, test or library can change what an
 * operator means for another (json-logic-js's add_operation changes it for the whole process).
 */
export function createLogicEngine(options: LogicEngineOptions = {}): LogicEngine {
  const registry = new Map<string, OperatorImpl>();
  for (const [name, impl] of [...Object.entries(CORE_OPERATORS), ...Object.entries(JIRA_OPERATORS)]) {
    registry.set(name, { ...impl, pure: !READS_DATA.has(name) });
  }
  const defaultBudget = options.budget ?? EVAL_LIMITS.budget;

  function compile(logic: unknown): CompileResult {
    let fast: Evaluate;
    try {
      fast = compileLogic(logic, registry, REFUSED_OPERATORS, false);
    } catch (error) {
      if (error instanceof LogicFailure) return { ok: false, error: error.toError() };
      throw error;
    }
    // The traced variant is compiled on first use: most programs are never traced.
    let traced: Evaluate | undefined;
    // One context per program, reset per run: a run is synchronous and cannot re-enter its own program.
    const ctx: RunContext = { root: undefined, left: 0, budget: 0, tracer: undefined };
    const program: Program = {
      run(data, runOptions) {
        const budget = runOptions?.budget ?? defaultBudget;
        if (runOptions?.trace === true) {
          traced ??= compileLogic(logic, registry, REFUSED_OPERATORS, true);
          return execute(traced, data, { root: data, left: budget, budget, tracer: new Tracer() });
        }
        ctx.root = data;
        ctx.left = budget;
        ctx.budget = budget;
        return execute(fast, data, ctx);
      },
    };
    return { ok: true, program };
  }

  return {
    compile,
    evaluate(logic, data, runOptions) {
      const compiled = compile(logic);
      return compiled.ok ? compiled.program.run(data, runOptions) : { ok: false, error: compiled.error, operations: 0 };
    },
  };
}

function execute(run: Evaluate, data: unknown, ctx: RunContext): EvalResult {
  const { budget, tracer } = ctx;
  const outer = chargeJoinsTo(ctx);
  try {
    const value = run(data, ctx);
    const operations = budget - ctx.left;
    return tracer ? { ok: true, value, operations, trace: tracer.finish(value) } : { ok: true, value, operations };
  } catch (error) {
    if (!(error instanceof LogicFailure)) throw error;
    const operations = Math.min(budget, budget - ctx.left);
    const failed: EvalResult = { ok: false, error: error.toError(), operations };
    if (tracer) failed.trace = tracer.finish(undefined);
    return failed;
  } finally {
    chargeJoinsTo(outer);
  }
}
