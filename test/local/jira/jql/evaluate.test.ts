import { describe, expect, it } from 'vitest';
import { compileJql } from '../../../../src/local/jira/jql/index.js';
import { contextWith, fixture, readVectors, type ContextOverrides } from './fixture.js';

type Vector = { name: string; jql: string; context?: ContextOverrides; keys?: string[]; errors?: string[] };
const { vectors } = readVectors('evaluate.json') as { vectors: Vector[] };

describe('JQL evaluation vectors (test/vectors/jql/evaluate.json over issues.json)', () => {
  it.each(vectors)('$name: $jql', (vector) => {
    const compiled = compileJql(vector.jql, contextWith(vector.context));
    if (vector.errors) {
      expect(compiled).toEqual({ ok: false, error: { errorMessages: vector.errors, errors: {} } });
      return;
    }
    if (!compiled.ok) throw new Error(`expected a query, got ${JSON.stringify(compiled.error)}`);
    const keys = fixture.issues.filter(compiled.matches).sort(compiled.compare).map((issue) => issue.key);
    expect(keys).toEqual(vector.keys);
  });

  it('has the coverage the brief asks for', () => {
    expect(vectors.filter((v) => v.keys).length).toBeGreaterThanOrEqual(60);
    expect(vectors.some((v) => /ORDER BY/i.test(v.jql) && v.keys)).toBe(true);
    expect(fixture.issues.length).toBeGreaterThanOrEqual(15);
  });
});
