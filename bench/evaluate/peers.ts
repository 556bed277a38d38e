// The contenders of bench/evaluate.bench.ts. This module is bundled by esbuild together with everything it measures
// (our engine and the peers), as `npm run build` bundles for Forge.
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import { JIRA_OPS, READS_DATA, changedWith } from './jira-ops.js';
import type { Compiled, Evaluator } from './rule-runner.js';

export { ruleRunner, type Compiled, type Evaluator } from './rule-runner.js';
export { handWritten } from './hand-written-rules.js';

for (const [name, op] of Object.entries(JIRA_OPS)) {
  // json-logic-js calls an operation with `this` bound to the data (the root, outside map/filter/reduce).
  jsonLogic.add_operation(name, function (this: unknown, a: unknown, b: unknown) {
    return op(this, a, b);
  });
}

export const jsonLogicJs: Evaluator = {
  name: 'json-logic-js',
  compile: (logic) => (data) => jsonLogic.apply(logic as jsonLogic.RulesLogic, data) as unknown,
};

/** A fresh json-logic-engine with the Jira operators it lacks (its own `length` is kept: same result on our data). */
function jsonLogicEngine(): LogicEngine {
  const engine = new LogicEngine();
  for (const [name, op] of Object.entries(JIRA_OPS)) {
    if (name === 'length') continue;
    // Pure operators are declared deterministic, as their author would, so the compiler may fold constant calls.
    engine.addMethod(name, (args: unknown[], context: unknown) => op(context, args[0], args[1]), { deterministic: !READS_DATA.has(name) });
  }
  return engine;
}

export function jsonLogicEngineRun(): Evaluator {
  const engine = jsonLogicEngine();
  return { name: 'json-logic-engine run', compile: (logic) => (data) => engine.run(logic, data) as unknown };
}

export function jsonLogicEngineBuild(): Evaluator {
  const engine = jsonLogicEngine();
  return { name: 'json-logic-engine build', compile: (logic) => engine.build(logic) as Compiled };
}

/** Ours, used as rules use it: compiled once, the Program run per input; a failed run is an error here. */
export function ruleforge(): Evaluator {
  const engine = createLogicEngine();
  return {
    name: 'ruleforge',
    compile(logic) {
      const compiled = engine.compile(logic);
      if (!compiled.ok) throw new Error(`${compiled.error.code}: ${compiled.error.message}`);
      const { program } = compiled;
      return (data) => {
        const result = program.run(data);
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        return result.value;
      };
    },
  };
}

/** json-rules-engine, one engine per rule; a run is asynchronous and resolves to whether the rule's event fired. */
export function jsonRulesEngineRule(conditions: TopLevelCondition): (data: unknown) => Promise<boolean> {
  const engine = new Engine([{ conditions, event: { type: 'matched' } }], { allowUndefinedFacts: true });
  const changed = (side: 'from' | 'to') => (changelog: unknown, expected: unknown): boolean => {
    const items = (changelog as { items?: unknown } | null)?.items;
    const [field, value] = expected as [unknown, unknown];
    return Array.isArray(items) && changedWith(items as object[], field, value, side);
  };
  engine.addOperator('changedFrom', changed('from'));
  engine.addOperator('changedTo', changed('to'));
  return async (data) => (await engine.run(data as Record<string, unknown>)).events.length > 0;
}
