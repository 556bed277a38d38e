/** The rule engine's pure core: what a run of a rule decides and plans. Executing the plan is the caller's job. */
export { compileRule, RULE_CACHE_SIZE, type CompiledRule, type CompileRuleResult, type LogicCompiler } from './compile-rule.js';
export { gate, inScope, triggers } from './match.js';
export { planRun, type PlanOptions } from './plan.js';
export { ruleData, type RuleData } from './rule-data.js';
export { RULE_TRACE_LIMITS } from './rule-trace.js';
export type * from './types.js';
