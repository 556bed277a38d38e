import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import { OPERATORS } from '../../src/core/logic/operators.js';
import { expectApproxEqual, loadLogicVectors, vectorData, type LogicVector } from './support/logic-vectors.js';

const VECTORS_URL = new URL('../vectors/logic/jira-operators.json', import.meta.url);
const vectors = loadLogicVectors(VECTORS_URL);
const engine = createLogicEngine();

// Dates without an offset are UTC. Run far from UTC so an implementation that lets Date read local time fails here
// instead of only on a developer's laptop.
const savedTz = process.env.TZ;
beforeAll(() => { process.env.TZ = 'Pacific/Kiritimati'; });
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('Jira operator vectors (test/vectors/logic/jira-operators.json)', () => {
  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_description, vector: LogicVector) => {
    const outcome = engine.evaluate(vector.rule, vectorData(vector));
    if ('error' in vector) {
      expect(outcome.ok ? { ok: true, value: outcome.value } : { ok: false, code: outcome.error.code }).toEqual({ ok: false, code: vector.error.code });
      return;
    }
    expect(outcome.ok ? { ok: true } : { ok: false, error: outcome.error }).toEqual({ ok: true });
    if (!outcome.ok) return;
    if (vector.approx === true) expectApproxEqual(outcome.value, vector.result);
    else expect(outcome.value).toStrictEqual(vector.result);
  });
});

describe('the Jira operator vector file', () => {
  it('covers every Jira operator of the catalogue', () => {
    const jira = Object.entries(OPERATORS).filter(([, spec]) => spec.kind === 'jira').map(([name]) => name);
    const used = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) { used.add(key); collect(value); }
      }
    };
    for (const v of vectors) collect(v.rule);
    expect(jira.filter((name) => !used.has(name))).toEqual([]);
  });

  it('has both results and errors, and every error vector names a code', () => {
    expect(vectors.filter((v) => 'error' in v).length).toBeGreaterThan(10);
    expect(vectors.filter((v) => 'result' in v).length).toBeGreaterThan(100);
  });
});
