import { describe, expect, it } from 'vitest';
import {
  parseJql,
  printJql,
  type JqlClause,
  type JqlFieldRef,
  type JqlOperand,
  type JqlQuery,
} from '../../../../src/local/jira/jql/index.js';
import { readVectors } from './fixture.js';

type Vector = { name?: string; jql: string; expect?: string; ast?: unknown; error?: string };
const { vectors } = readVectors('parse.json') as { vectors: Vector[] };

/**
 * The normalised notation of parse.json: `(op field operand)` for a clause, `(and …)`, `(or …)`, `(not …)`;
 * operators with a space are written with a dash (not-in, is-not); strings are JSON strings, numbers are bare,
 * lists are `[…]`, a function is `name("arg" …)`, EMPTY and NULL are `EMPTY`; `*` is no WHERE clause and
 * ` order f dir, …` the ORDER BY.
 */
function normalise(query: JqlQuery): string {
  const where = query.where ? clause(query.where) : '*';
  if (query.orderBy.length === 0) return where;
  const sorts = query.orderBy.map((sort) => (sort.direction ? `${field(sort.field)} ${sort.direction}` : field(sort.field)));
  return `${where} order ${sorts.join(', ')}`;
}

function clause(c: JqlClause): string {
  switch (c.type) {
    case 'and':
    case 'or':
      return `(${c.type} ${c.clauses.map(clause).join(' ')})`;
    case 'not':
      return `(not ${clause(c.clause)})`;
    case 'terminal':
      return `(${c.operator.replace(' ', '-')} ${field(c.field)} ${operand(c.operand)})`;
  }
}

function field(f: JqlFieldRef): string {
  if (f.kind === 'cf') return `cf[${f.id}]`;
  return /^[A-Za-z_]\w*$/.test(f.name) ? f.name : JSON.stringify(f.name);
}

function operand(o: JqlOperand): string {
  switch (o.type) {
    case 'string':
      return JSON.stringify(o.value);
    case 'number':
      return o.value;
    case 'empty':
      return 'EMPTY';
    case 'function':
      return `${o.name}(${o.args.map((arg) => JSON.stringify(arg)).join(' ')})`;
    case 'list':
      return `[${o.items.map(operand).join(' ')}]`;
  }
}

describe('JQL parser vectors (test/vectors/jql/parse.json)', () => {
  it.each(vectors)('$jql', (vector) => {
    const parsed = parseJql(vector.jql);
    if (vector.error !== undefined) {
      expect(parsed).toEqual({ ok: false, error: { errorMessages: [vector.error], errors: {} } });
      return;
    }
    if (!parsed.ok) throw new Error(`expected a query, got ${parsed.error.errorMessages.join(' | ')}`);
    if (vector.ast !== undefined) expect(parsed.query).toEqual(vector.ast);
    if (vector.expect !== undefined) expect(normalise(parsed.query)).toBe(vector.expect);
    // Whatever parses prints back to JQL that parses to the same tree.
    const again = parseJql(printJql(parsed.query));
    expect(again).toEqual({ ok: true, query: parsed.query });
  });

  it('has at least 80 vectors, errors among them', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(80);
    expect(vectors.filter((v) => v.error !== undefined).length).toBeGreaterThanOrEqual(30);
  });
});
