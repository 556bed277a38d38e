import type { Decision } from '../../src/core/engine/index.js';
import type { Rule } from '../../src/core/rule/rule-schema.js';
import { runInputs } from './data.js';
import type { DocumentKind } from './documents.js';
import { BUDGET, type Evaluator } from './evaluator.js';
import { describe, SAMPLES, settled, shapeOf, start } from './samples.js';

export type EvaluationFigures = {
  /** Validated documents that compiled and were run. */
  rules: number;
  /** Validated documents the engine would not compile (a saved rule always should). */
  notCompiled: number;
  evaluations: number;
  /** The evaluator threw, or the run polluted a built-in prototype. */
  crashes: number;
  /** Runs that reported more operations than the budget without failing with BUDGET_EXCEEDED. */
  overBudgetNotStopped: number;
  /** Runs failed with BUDGET_EXCEEDED or RESULT_TOO_LARGE. */
  stopped: { BUDGET_EXCEEDED: number; RESULT_TOO_LARGE: number };
  decisions: Partial<Record<Decision, number>>;
  slowestMs: number;
  slowestKind: DocumentKind | '';
  /** The slowest run's rule (its start) and the shape of its issue fields, to reproduce it. */
  slowestSample: string;
  /** Runs that took over a second: work the operations budget does not see. */
  overOneSecond: number;
  crashSamples: string[];
};

export function emptyEvaluationFigures(): EvaluationFigures {
  return {
    rules: 0, notCompiled: 0, evaluations: 0, crashes: 0, overBudgetNotStopped: 0, stopped: { BUDGET_EXCEEDED: 0, RESULT_TOO_LARGE: 0 }, decisions: {},
    slowestMs: 0, slowestKind: '', slowestSample: '', overOneSecond: 0, crashSamples: [],
  };
}

/** Compiles one validated rule and runs it with `inputs` generated inputs, adding what happened to `figures`. */
export function evaluateRule(rule: Rule, kind: DocumentKind, seed: number, options: { inputs: number; evaluate: Evaluator }, figures: EvaluationFigures): void {
  const crash = (what: string) => {
    figures.crashes++;
    if (figures.crashSamples.length < SAMPLES) figures.crashSamples.push(`${kind} rule ${start(rule)}: ${what}`);
  };
  let compiled: ReturnType<Evaluator>;
  try {
    compiled = options.evaluate(rule);
  } catch (error) {
    crash(`compiling threw ${describe(error)}`);
    return;
  }
  if (!compiled.ok) {
    figures.notCompiled++;
    if (figures.crashSamples.length < SAMPLES) figures.crashSamples.push(`${kind} rule validated but did not compile: ${compiled.error.code} at ${compiled.error.path}`);
    return;
  }
  figures.rules++;
  for (const input of runInputs(rule, seed, options.inputs)) {
    figures.evaluations++;
    const started = performance.now();
    let plans;
    try {
      plans = compiled.run(input);
    } catch (error) {
      crash(`run threw ${describe(error)}`);
      continue;
    }
    const ms = settled(performance.now() - started, figures.slowestMs, () => compiled.run(input));
    if (ms > 1000) figures.overOneSecond++;
    if (ms > figures.slowestMs) {
      figures.slowestMs = ms;
      figures.slowestKind = kind;
      figures.slowestSample = `let ${start(rule.let ?? {})} when ${start(rule.when ?? null)} on fields ${shapeOf(input.kind === 'event' ? input.event.issue.fields : input.issue.fields)}`;
    }
    const last = plans[plans.length - 1];
    if (last !== undefined) figures.decisions[last.decision] = (figures.decisions[last.decision] ?? 0) + 1;
    const code = last?.error?.code;
    if (code === 'BUDGET_EXCEEDED' || code === 'RESULT_TOO_LARGE') figures.stopped[code]++;
    if (plans.some((plan) => plan.operations > BUDGET && plan.error?.code !== 'BUDGET_EXCEEDED')) figures.overBudgetNotStopped++;
  }
}
