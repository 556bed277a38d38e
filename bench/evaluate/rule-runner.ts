// How a contender evaluates a rule, shared by the bench (inside its bundle) and test/bench-corpus.test.ts.

/** A compiled expression: data in, value out; throws when the contender cannot evaluate it. */
export type Compiled = (data: unknown) => unknown;
/** `compile` runs once per expression, outside the timed loop; it throws when the contender refuses the expression. */
export type Evaluator = { name: string; compile(logic: unknown): Compiled };

export type RuleLogic = { let?: Record<string, unknown>; when?: unknown };

/**
 * A rule's evaluation as the engine does it: each `let` in key order, its value stored at data.let.<name> before the
 * next one runs, then `when`. Returns the value of `when` (absent: true); the `let` values stay on data.let.
 */
export function ruleRunner(rule: RuleLogic, evaluator: Evaluator): (data: { let: Record<string, unknown> }) => unknown {
  const entries = Object.entries(rule.let ?? {});
  const names = entries.map(([name]) => name);
  const lets = entries.map(([, logic]) => evaluator.compile(logic));
  const when = rule.when === undefined ? () => true : evaluator.compile(rule.when);
  // Kept lean: this harness runs for every contender alike, and its cost dilutes every ratio.
  if (lets.length === 0) {
    return (data) => {
      data.let = NO_LETS;
      return when(data);
    };
  }
  return (data) => {
    const values: Record<string, unknown> = {};
    data.let = values;
    for (let i = 0; i < lets.length; i++) values[names[i] as string] = (lets[i] as Compiled)(data);
    return when(data);
  };
}

const NO_LETS: Record<string, unknown> = Object.freeze({});

/** JSON-Logic truthiness (json-logic-js's `truthy`): an empty array is false. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}
