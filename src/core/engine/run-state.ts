import type { CompiledExpr } from './compile-rule.js';
import type { RuleData } from './rule-data.js';
import { RuleTracer } from './rule-trace.js';
import type { RunError } from './types.js';

export type Evaluated = { ok: true; value: unknown } | { ok: false; error: RunError };

/** Where an expression's trace goes. */
export type TraceSlot = { kind: 'let'; name: string } | { kind: 'when' } | { kind: 'action'; key: string };

/**
 * One run's shared state: the data, the operations left, and the trace. The budget is the run's, not each
 * expression's: a rule's let entries, `when` and action values together may do at most that much work.
 */
export class RunState {
  operations = 0;
  readonly tracer: RuleTracer | undefined;
  private left: number;

  constructor(
    readonly data: RuleData,
    budget: number,
    traced: boolean,
  ) {
    this.left = budget;
    this.tracer = traced ? new RuleTracer() : undefined;
  }

  evaluate(expr: CompiledExpr, slot: TraceSlot): Evaluated {
    const result = expr.program.run(this.data, { trace: this.tracer !== undefined, budget: Math.max(this.left, 0) });
    this.operations += result.operations;
    this.left -= result.operations;
    if (this.tracer !== undefined) {
      if (slot.kind === 'let') this.tracer.addLet(slot.name, result.trace);
      else if (slot.kind === 'when') this.tracer.addWhen(result.trace);
      else this.tracer.addAction(slot.key, result.trace);
    }
    if (result.ok) return { ok: true, value: result.value };
    // The evaluator's path is inside the expression; the admin needs it inside the rule.
    return { ok: false, error: { ...result.error, path: expr.path + result.error.path } };
  }
}
