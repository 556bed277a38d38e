import { isOperator, REFUSED_OPERATORS } from '../logic/operators.js';
import type { CompileResult, Program } from '../logic/types.js';
import { escapeSegment } from '../rule/json-pointer.js';
import type { Logic, Rule } from '../rule/rule-schema.js';
import { frozenCopy } from './json-value.js';
import type { JsonValue, RunError } from './types.js';

/** What compiling needs from the evaluator (src/core/logic/engine.ts's LogicEngine has it). */
export type LogicCompiler = { compile(logic: unknown): CompileResult };

/** A compiled expression and where it sits: `path` in the rule document, `key` in the trace (let name or action pointer). */
export type CompiledExpr = { program: Program; path: string; key: string };

/** An action parameter: a literal, an expression, or (setField values only) a Jira literal with expressions inside. */
export type CompiledValue =
  | { kind: 'literal'; value: JsonValue }
  | { kind: 'expr'; expr: CompiledExpr }
  | { kind: 'object'; entries: readonly (readonly [string, CompiledValue])[] }
  | { kind: 'array'; items: readonly CompiledValue[] };

export type CompiledAction =
  | { type: 'comment'; body: CompiledValue }
  | { type: 'setField'; field: string; value: CompiledValue }
  | { type: 'addLabels' | 'removeLabels'; labels: readonly string[] }
  | { type: 'transition'; to: CompiledValue }
  | { type: 'assign'; accountId: CompiledValue }
  | { type: 'record'; name: string; value: CompiledValue };

export type CompiledRule = {
  readonly id: string;
  readonly version: number;
  readonly trigger: Rule['trigger'];
  readonly scope: Rule['scope'];
  readonly lets: readonly { name: string; expr: CompiledExpr }[];
  readonly when: CompiledExpr | undefined;
  readonly actions: readonly CompiledAction[];
};

export type CompileRuleResult = { ok: true; rule: CompiledRule } | { ok: false; error: RunError };

/**
 * Compiled rules kept per engine. Above the active rules of a site every event would recompile some (an LRU that is
 * too small thrashes); the active-ruleset snapshot holds a few thousand rules at most.
 */
export const RULE_CACHE_SIZE = 3000;

const caches = new WeakMap<LogicCompiler, Map<string, CompileRuleResult>>();

/**
 * Compiles a validated rule once: one program per let entry, for `when`, and for every action parameter that is an
 * expression. Results (failures too) are cached per engine by `id@version`, least recently used first out: a saved
 * version never changes, so its programs serve every later run. A caller evaluating an unsaved draft passes
 * `{ cache: false }` so the draft neither reads nor replaces the saved version's entry. `id@version` alone does not
 * name one document forever (a rule deleted and created again starts at version 1 again; one engine may serve
 * several stores in tests), so callers pass `fingerprint`, a digest of the document, which joins the key.
 */
export function compileRule(engine: LogicCompiler, rule: Rule, version: number, options: { cache?: boolean; fingerprint?: string } = {}): CompileRuleResult {
  if (options.cache === false) return build(engine, rule, version);
  let cache = caches.get(engine);
  if (cache === undefined) {
    cache = new Map();
    caches.set(engine, cache);
  }
  const key = `${rule.id}@${String(version)}#${options.fingerprint ?? ''}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Re-inserting moves the entry to the young end of the Map's insertion order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = build(engine, rule, version);
  cache.set(key, result);
  if (cache.size > RULE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

class CompileFailure extends Error {
  constructor(readonly error: RunError) {
    super(error.message);
  }
}

function build(engine: LogicCompiler, rule: Rule, version: number): CompileRuleResult {
  try {
    const compiled: CompiledRule = {
      id: rule.id,
      version,
      trigger: rule.trigger,
      scope: rule.scope,
      lets: Object.entries(rule.let ?? {}).map(([name, logic]) => ({
        name,
        expr: expression(engine, logic, `/let/${escapeSegment(name)}`, name),
      })),
      when: rule.when === undefined ? undefined : expression(engine, rule.when, '/when', ''),
      actions: rule.actions.map((action, i) => compileAction(engine, action, `/actions/${String(i)}`)),
    };
    return { ok: true, rule: compiled };
  } catch (err) {
    if (err instanceof CompileFailure) return { ok: false, error: err.error };
    throw err;
  }
}

function expression(engine: LogicCompiler, logic: unknown, path: string, key: string): CompiledExpr {
  const result = engine.compile(logic);
  if (!result.ok) throw new CompileFailure({ ...result.error, path: path + result.error.path });
  return { program: result.program, path, key };
}

function compileAction(engine: LogicCompiler, action: Rule['actions'][number], at: string): CompiledAction {
  // A parameter's trace key is its pointer inside the action: "/body", "/value/name".
  const param = (name: string) => ({ path: `${at}/${name}`, key: `/${name}` });
  switch (action.type) {
    case 'comment':
      return { type: 'comment', body: textParameter(engine, action.body, param('body')) };
    case 'transition':
      return { type: 'transition', to: textParameter(engine, action.to, param('to')) };
    case 'assign':
      return { type: 'assign', accountId: textParameter(engine, action.accountId, param('accountId')) };
    case 'setField':
      return { type: 'setField', field: action.field, value: fieldValue(engine, action.value, param('value')) };
    case 'record': {
      const { path, key } = param('value');
      return { type: 'record', name: action.name, value: { kind: 'expr', expr: expression(engine, action.value, path, key) } };
    }
    case 'addLabels':
    case 'removeLabels':
      return { type: action.type, labels: Object.freeze([...action.labels]) };
  }
}

type Place = { path: string; key: string };

/** Text parameters: a string (or null, for assign) is the value itself; an object is one operator expression. */
function textParameter(engine: LogicCompiler, value: string | null | Record<string, Logic>, place: Place): CompiledValue {
  if (value === null || typeof value === 'string') return { kind: 'literal', value };
  return { kind: 'expr', expr: expression(engine, value, place.path, place.key) };
}

/**
 * A setField value (docs/decisions/0001-setfield-values.md): a single-key object whose key is an operator (allowed or
 * refused) is an expression; any other object or list is a literal Jira value whose members are read the same way.
 */
function fieldValue(engine: LogicCompiler, value: unknown, place: Place): CompiledValue {
  const down = (segment: string): Place => {
    const token = `/${escapeSegment(segment)}`;
    return { path: place.path + token, key: place.key + token };
  };
  if (Array.isArray(value)) {
    const items = value.map((item, i) => fieldValue(engine, item, down(String(i))));
    return items.every((item) => item.kind === 'literal') ? literal(value) : { kind: 'array', items };
  }
  if (typeof value !== 'object' || value === null) return literal(value);
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined && (isOperator(only) || Object.hasOwn(REFUSED_OPERATORS, only))) {
    return { kind: 'expr', expr: expression(engine, value, place.path, place.key) };
  }
  const record = value as Record<string, unknown>;
  const entries = keys.map((name) => [name, fieldValue(engine, record[name], down(name))] as const);
  return entries.every(([, item]) => item.kind === 'literal') ? literal(value) : { kind: 'object', entries };
}

/** Literals come from a validated (so JSON) document; frozen, one copy serves every run without being changed by one. */
function literal(value: unknown): CompiledValue {
  return { kind: 'literal', value: frozenCopy(value as JsonValue) };
}
