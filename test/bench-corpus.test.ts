// The evaluator bench (bench/evaluate.bench.ts) measures rules/ against a generated corpus. These checks keep that
// corpus meaningful: the same seed gives the same inputs (so runs compare), and every rule both matches and does not
// match some of them under our engine (so no rule is measured on a path that decides nothing).
import { describe, expect, it } from 'vitest';
import { generateIssues } from '../bench/evaluate/corpus.js';
import { loadRules, ruleInputs } from '../bench/evaluate/contexts.js';
import { ruleRunner, truthy, type Evaluator } from '../bench/evaluate/rule-runner.js';
import { createLogicEngine } from '../src/core/logic/engine.js';

const engine = createLogicEngine();
const ours: Evaluator = {
  name: 'ruleforge',
  compile(logic) {
    const compiled = engine.compile(logic);
    if (!compiled.ok) throw new Error(`${compiled.error.code} at ${compiled.error.path}: ${compiled.error.message}`);
    return (data) => {
      const result = compiled.program.run(data);
      if (!result.ok) throw new Error(`${result.error.code} at ${result.error.path}: ${result.error.message}`);
      return result.value;
    };
  },
};

const issues = generateIssues();

describe('bench corpus generator', () => {
  it('gives the same issues and rule inputs for the same seed', () => {
    const rules = loadRules();
    const first = generateIssues(7, 200);
    const second = generateIssues(7, 200);
    // Compared as JSON text: deep equality over thousands of inputs is slow, and the inputs are JSON.
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    for (const rule of rules) expect(JSON.stringify(ruleInputs(rule, second, 7))).toBe(JSON.stringify(ruleInputs(rule, first, 7)));
  });

  it('gives other issues for another seed', () => {
    expect(JSON.stringify(generateIssues(8, 200))).not.toBe(JSON.stringify(generateIssues(7, 200)));
  });

  it.each(loadRules().map((rule) => [rule.id, rule] as const))('%s matches some default inputs and not others', (_id, rule) => {
    const run = ruleRunner(rule, ours);
    const decisions = ruleInputs(rule, issues).map((data) => truthy(run(data)));
    expect(decisions).toContain(true);
    expect(decisions).toContain(false);
  });
});
