// The two workloads and their correctness checks, run before anything is timed: a contender is only measured on
// cases it gets right, and on the rules corpus every contender must agree with json-logic-js or the bench fails.
import { readFileSync } from 'node:fs';
import type { RuleData } from './contexts.js';
import { truthy, type Compiled, type Evaluator } from './rule-runner.js';

export type SuiteCase = { logic: unknown; data: unknown; expected: unknown };
export type SuiteVerdict = { name: string; passed: boolean[]; thrown: number; wrong: number; compiled: (Compiled | undefined)[] };

const SUITE = new URL('../../../shared/conformance/jsonlogic/tests.json', import.meta.url);

/** The jsonlogic.com suite: a JSON array of [rule, data, expected] with strings as section comments. */
export function loadSuite(): SuiteCase[] {
  const entries = JSON.parse(readFileSync(SUITE, 'utf8')) as unknown[];
  return entries.filter((e): e is [unknown, unknown, unknown] => Array.isArray(e)).map(([logic, data, expected]) => ({ logic, data, expected }));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Compiles and runs every case once; a case that throws (at compile or run) or differs from `expected` fails. */
export function checkSuite(evaluator: Evaluator, cases: SuiteCase[]): SuiteVerdict {
  const verdict: SuiteVerdict = { name: evaluator.name, passed: [], thrown: 0, wrong: 0, compiled: [] };
  for (const c of cases) {
    let fn: Compiled | undefined;
    let ok = false;
    try {
      fn = evaluator.compile(c.logic);
      ok = deepEqual(fn(c.data), c.expected);
      if (!ok) verdict.wrong++;
    } catch {
      verdict.thrown++;
    }
    verdict.passed.push(ok);
    verdict.compiled.push(ok ? fn : undefined);
  }
  return verdict;
}

/** Whether an expression reads the data at all (a case that does not can be folded to a constant by a compiler). */
export function readsData(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.some(readsData);
  if (logic === null || typeof logic !== 'object') return false;
  return Object.entries(logic).some(([key, value]) => key === 'var' || key === 'missing' || key === 'missing_some' || readsData(value));
}

/** Like JSON.stringify, but undefined stays distinct from null. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? '\u0000undefined' : v));
}

export type RuleRun = (data: RuleData) => unknown;
/** Evaluations of the rules corpus, issue-major (each issue through every rule, as events arrive). */
export type Pairs = { rule: number[]; data: RuleData[] };

export function pairs(inputs: RuleData[][], ruleIndexes: number[]): Pairs {
  const result: Pairs = { rule: [], data: [] };
  const issues = inputs[0]?.length ?? 0;
  for (let i = 0; i < issues; i++) {
    for (const r of ruleIndexes) {
      const data = inputs[r]?.[i];
      if (!data) throw new Error(`no input ${i} for rule ${r}`);
      result.rule.push(r);
      result.data.push(data);
    }
  }
  return result;
}

/**
 * Runs every pair with each contender and returns, per contender, how many inputs each rule matched. Throws when a
 * contender fails a run, or when its `let` values or `when` result differ from the first contender's.
 */
export function checkRules(ruleIds: string[], contenders: { name: string; runs: RuleRun[] }[], work: Pairs): number[][] {
  const reference: string[] = [];
  const problems: string[] = [];
  const matches = contenders.map(({ name, runs }, c) => {
    const counts = ruleIds.map(() => 0);
    work.data.forEach((data, k) => {
      const r = work.rule[k] ?? 0;
      let outcome: string;
      try {
        const when = runs[r]?.(data);
        if (truthy(when)) counts[r] = (counts[r] ?? 0) + 1;
        outcome = canonical({ let: data.let, when });
      } catch (error) {
        outcome = `threw ${String(error)}`;
      }
      if (c === 0) reference.push(outcome);
      else if (outcome !== reference[k] && problems.length < 10) {
        problems.push(`${name} on ${ruleIds[r] ?? r} / ${data.issue.key}: ${outcome} but ${contenders[0]?.name ?? ''} ${reference[k] ?? ''}`);
      }
    });
    return counts;
  });
  if (reference.some((o) => o.startsWith('threw'))) problems.unshift(`${contenders[0]?.name ?? ''} threw on the corpus`);
  if (problems.length > 0) throw new Error(`contenders disagree on the rules corpus:\n  ${problems.join('\n  ')}`);
  return matches;
}
