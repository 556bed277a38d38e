import { describe, expect, it } from 'vitest';
import { compileRule, planRun, RULE_CACHE_SIZE, RULE_TRACE_LIMITS, type CompiledRule, type RunInput } from '../../src/core/engine/index.js';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import type { TraceNode } from '../../src/core/logic/types.js';
import type { Rule } from '../../src/core/rule/rule-schema.js';
import { validateRule } from '../../src/core/rule/validate.js';

const ISSUE = { id: '1', key: 'OPS-1', fields: { project: { key: 'OPS' }, issuetype: { name: 'Bug' }, summary: 'x' } };
const MANUAL: RunInput = { kind: 'manual', now: 0, issue: ISSUE };

function rule(members: Record<string, unknown>): Rule {
  const result = validateRule({
    schemaVersion: 1,
    id: 'unit',
    name: 'Unit',
    trigger: { type: 'manual' },
    actions: [{ type: 'addLabels', labels: ['x'] }],
    ...members,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.rule;
}

/** A Rule that skipped validation: what compileRule must survive when validator and evaluator disagree. */
function unchecked(members: Record<string, unknown>): Rule {
  return { ...rule({}), ...members };
}

function compiled(r: Rule): CompiledRule {
  const result = compileRule(createLogicEngine(), r, 1, { cache: false });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.rule;
}

function countNodes(node: TraceNode): number {
  return 1 + (node.children ?? []).reduce((sum, child) => sum + countNodes(child), 0);
}

describe('planRun budget', () => {
  // Each let costs operations; the run's budget is shared by every expression of the run.
  const counting = rule({
    let: { a: { length: { var: 'issue.key' } }, b: { '+': [{ var: 'let.a' }, 1] } },
    when: { '>': [{ var: 'let.b' }, 0] },
  });

  it('counts the operations of every expression of the run', () => {
    const full = planRun(compiled(counting), MANUAL);
    expect(full.decision).toBe('matched');
    const engine = createLogicEngine();
    const data = { issue: ISSUE, let: { a: 5, b: 6 } };
    const separately = [counting.let?.['a'], counting.let?.['b'], counting.when].reduce(
      (sum: number, logic) => sum + engine.evaluate(logic, data).operations,
      0,
    );
    expect(full.operations).toBe(separately);
  });

  it('fails with BUDGET_EXCEEDED at a pointer into the rule when the run runs out', () => {
    const full = planRun(compiled(counting), MANUAL).operations;
    const inLet = planRun(compiled(counting), MANUAL, { budget: 1 });
    expect(inLet).toMatchObject({ decision: 'failed', actions: [], let: {}, error: { code: 'BUDGET_EXCEEDED' } });
    expect(inLet.error?.path).toMatch(/^\/let\/a\//);
    const inWhen = planRun(compiled(counting), MANUAL, { budget: full - 1 });
    expect(inWhen).toMatchObject({ decision: 'failed', let: { a: 5, b: 6 }, error: { code: 'BUDGET_EXCEEDED' } });
    expect(inWhen.error?.path).toMatch(/^\/when\//);
  });

  it('prefixes an evaluator error inside a setField literal with the member path', () => {
    const r = rule({ actions: [{ type: 'setField', field: 'priority', value: { name: { upper: { var: 'issue.fields.summary' } } } }] });
    const result = planRun(compiled(r), MANUAL, { budget: 0 });
    expect(result.error).toMatchObject({ code: 'BUDGET_EXCEEDED', path: '/actions/0/value/name/upper' });
  });
});

describe('compileRule', () => {
  it('returns the cached compiled rule for the same id@version on the same engine', () => {
    const engine = createLogicEngine();
    const r = rule({ id: 'cached' });
    const first = compileRule(engine, r, 3);
    expect(compileRule(engine, r, 3)).toBe(first);
    expect(compileRule(engine, r, 4)).not.toBe(first);
    expect(compileRule(createLogicEngine(), r, 3)).not.toBe(first);
    expect(compileRule(engine, r, 3, { cache: false })).not.toBe(first);
    // The uncached compile did not replace the cached entry.
    expect(compileRule(engine, r, 3)).toBe(first);
  });

  it('keys by id and version, not by document: a new version must be compiled under its own number', () => {
    const engine = createLogicEngine();
    const v1 = compileRule(engine, rule({ id: 'keyed', when: true }), 1);
    const sameKey = compileRule(engine, rule({ id: 'keyed', when: false }), 1);
    expect(sameKey).toBe(v1);
    const v2 = compileRule(engine, rule({ id: 'keyed', when: false }), 2);
    expect(v2.ok && planRun(v2.rule, MANUAL).decision).toBe('not-matched');
  });

  it(`keeps at most ${String(RULE_CACHE_SIZE)} rules, dropping the least recently used`, () => {
    const engine = createLogicEngine();
    const r = rule({});
    const old = compileRule(engine, { ...r, id: 'old' }, 1);
    const used = compileRule(engine, { ...r, id: 'used' }, 1);
    for (let i = 0; i < RULE_CACHE_SIZE - 2; i++) compileRule(engine, { ...r, id: `filler-${String(i)}` }, 1);
    // The cache is full; touching "used" makes "old" the least recently used.
    expect(compileRule(engine, { ...r, id: 'used' }, 1)).toBe(used);
    compileRule(engine, { ...r, id: 'newcomer' }, 1);
    expect(compileRule(engine, { ...r, id: 'used' }, 1)).toBe(used);
    expect(compileRule(engine, { ...r, id: 'old' }, 1)).not.toBe(old);
  });

  it('reports an expression the evaluator refuses at its pointer in the rule', () => {
    const engine = createLogicEngine();
    const cases: [Record<string, unknown>, string][] = [
      [{ when: { and: [true, { log: 1 }] } }, '/when/and/1/log'],
      [{ let: { 'a/b': { log: 1 } } }, '/let/a~1b/log'],
      [{ actions: [{ type: 'comment', body: { nope: [] } }] }, '/actions/0/body/nope'],
      [{ actions: [{ type: 'setField', field: 'f', value: { log: 1 } }] }, '/actions/0/value/log'],
      [{ actions: [{ type: 'setField', field: 'f', value: { name: [{ id: { log: 1 } }] } }] }, '/actions/0/value/name/0/id/log'],
    ];
    for (const [members, path] of cases) {
      const result = compileRule(engine, unchecked(members), 1, { cache: false });
      expect(result.ok ? undefined : result.error.path, path).toBe(path);
    }
  });

  it('hands out setField literals that no run can change', () => {
    const c = compiled(rule({ actions: [{ type: 'setField', field: 'priority', value: { name: 'High' } }] }));
    const [action] = planRun(c, MANUAL).actions;
    expect(action?.type === 'setField' && Object.isFrozen(action.value)).toBe(true);
  });
});

describe('planRun data', () => {
  it('keeps a let named "__proto__" an ordinary entry', () => {
    const doc = JSON.parse('{"__proto__": {"+": [1, 1]}, "next": {"+": [1, 2]}}') as Rule['let'];
    const result = planRun(compiled(unchecked({ let: doc })), MANUAL);
    expect(Object.getPrototypeOf(result.let)).toBe(Object.prototype);
    expect(Object.entries(result.let)).toEqual([['__proto__', 2], ['next', 3]]);
  });
});

describe('planRun trace', () => {
  it('has one tree per let entry, one for when and one per action expression', () => {
    const r = rule({
      let: { a: { '+': [1, 2] } },
      when: { '>': [{ var: 'let.a' }, 2] },
      actions: [
        { type: 'addLabels', labels: ['x'] },
        { type: 'setField', field: 'f', value: { name: { cat: ['a', 'b'] }, id: { var: 'let.a' } } },
      ],
    });
    const { trace } = planRun(compiled(r), MANUAL, { trace: true });
    expect(trace?.let['a']).toMatchObject({ op: '+', result: 3 });
    expect(trace?.when).toMatchObject({ op: '>', result: true });
    expect(trace?.actions?.[0]).toEqual({});
    expect(Object.keys(trace?.actions?.[1] ?? {})).toEqual(['/value/name', '/value/id']);
    expect(trace?.actions?.[1]?.['/value/name']).toMatchObject({ op: 'cat', result: 'ab' });
    expect(trace?.actions?.[1]?.['/value/id']).toMatchObject({ op: 'var', result: 3 });
    expect(trace?.omitted).toBeUndefined();
    expect(planRun(compiled(r), MANUAL).trace).toBeUndefined();
  });

  it('is only the empty let record when the trigger or scope decided', () => {
    const r = rule({ scope: { projects: ['SHOP'] } });
    expect(planRun(compiled(r), MANUAL, { trace: true })).toMatchObject({ decision: 'out-of-scope', trace: { let: {} } });
  });

  it('caps the whole run, shortening later trees to their root', () => {
    // Each let entry traces a node per item and per operator inside the map: the evaluator caps each tree, the run caps the sum.
    const heavy = { map: [{ var: 'issue.fields.items' }, { '+': [{ var: '' }, 1] }] };
    const lets = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`v${String(i)}`, heavy]));
    const issue = { ...ISSUE, fields: { ...ISSUE.fields, items: Array.from({ length: 150 }, (_, i) => i) } };
    const result = planRun(compiled(rule({ let: lets })), { kind: 'manual', now: 0, issue }, { trace: true });
    const trees = Object.values(result.trace?.let ?? {});
    const nodes = trees.reduce((sum, tree) => sum + countNodes(tree), 0);
    // Whole trees share the node cap; a tree cut to its root adds that one node.
    expect(trees).toHaveLength(20);
    expect(nodes).toBeLessThanOrEqual(RULE_TRACE_LIMITS.nodes + trees.length);
    expect(JSON.stringify(result.trace).length).toBeLessThanOrEqual(RULE_TRACE_LIMITS.chars + 200);
    expect(result.trace?.omitted).toBeGreaterThan(0);
    expect(countNodes(trees[0] as TraceNode)).toBeGreaterThan(1);
    expect(trees.at(-1)).toMatchObject({ op: 'map', args: [] });
    expect(trees.at(-1)?.omitted).toBeGreaterThan(200);
    expect(trees.at(-1)?.children).toBeUndefined();
    expect(result.let['v19']).toHaveLength(150);
  });
});

// Found by the reliability suite (reliability/hostile): merge of many references to one big issue field built a let
// value cheap in operations and enormous to walk; it took minutes to check before the run could go on.
describe('values too large to keep', () => {
  const field = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${String(i)}`, i]));
  const input = { kind: 'manual' as const, now: 0, issue: { id: '1', key: 'A-1', fields: { customfield_1: field } } };

  it.each([
    ['a let value', { let: { big: { merge: Array(30).fill({ var: 'issue.fields.customfield_1' }) } }, actions: [{ type: 'comment', body: 'x' }] }, '/let/big'],
    ['a let value that is also nested too deep', { let: { big: { merge: [...Array<unknown>(30).fill({ var: 'issue.fields.customfield_1' }), { var: 'issue.fields.deep' }] } }, actions: [{ type: 'comment', body: 'x' }] }, '/let/big'],
  ])('fails %s of more than 20,000 values with RESULT_TOO_LARGE', (_name, parts, path) => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 101; i++) deep = { a: deep };
    const document = { schemaVersion: 1, id: 'too-large', name: 'Too large', trigger: { type: 'manual' }, ...parts };
    const validated = validateRule(document);
    if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
    const compiled = compileRule(createLogicEngine(), validated.rule, 1, { cache: false });
    if (!compiled.ok) throw new Error(compiled.error.message);
    const plan = planRun(compiled.rule, { ...input, issue: { ...input.issue, fields: { ...input.issue.fields, deep } } });
    expect(plan).toMatchObject({ decision: 'failed', error: { code: 'RESULT_TOO_LARGE', path } });
  });

  it('keeps a let value of 20,000 values or fewer', () => {
    const document = { schemaVersion: 1, id: 'large', name: 'Large', trigger: { type: 'manual' }, let: { ok: { merge: Array(15).fill({ var: 'issue.fields.customfield_1' }) } }, actions: [{ type: 'comment', body: 'x' }] };
    const validated = validateRule(document);
    if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
    const compiled = compileRule(createLogicEngine(), validated.rule, 1, { cache: false });
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(planRun(compiled.rule, input)).toMatchObject({ decision: 'matched' });
  });
});
