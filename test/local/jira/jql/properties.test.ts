import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJql, parseJql, printJql, type JqlContext, type JqlIssue } from '../../../../src/local/jira/jql/index.js';
import { PROPERTY_NOW, issueArbitrary, queryArbitrary } from './arbitraries.js';

const context: JqlContext = {
  now: PROPERTY_NOW,
  currentUser: 'u-alice',
  timeZone: 'Europe/Berlin',
  customFields: [
    { id: 'customfield_10010', name: 'Story Points', type: 'number' },
    { id: 'customfield_10060', name: 'Severity', type: 'option' },
  ],
};

/**
 * Terminal clauses and, for each, the issues its negation can match. Jira pushes NOT down to the clause and
 * flips its operator (NOT a = x is a != x), and != and the ranges never match an empty field; so NOT T is the
 * complement of T within `answers` (issues whose field holds a value; for a key range, issues of that
 * project). `answers: null` means every issue (the field is never empty, or T is IS / IS NOT).
 */
const POOL: { jql: string; answers: string | null }[] = [
  { jql: 'project = ENG', answers: null },
  { jql: 'project in (OPS, MKT)', answers: null },
  { jql: 'status = Done', answers: null },
  { jql: 'status != "To Do"', answers: null },
  { jql: 'statusCategory = "In Progress"', answers: null },
  { jql: 'priority = High', answers: 'priority is not EMPTY' },
  { jql: 'priority > Medium', answers: 'priority is not EMPTY' },
  { jql: 'priority <= Low', answers: 'priority is not EMPTY' },
  { jql: 'priority is EMPTY', answers: null },
  { jql: 'assignee = u-alice', answers: 'assignee is not EMPTY' },
  { jql: 'assignee != u-bob', answers: 'assignee is not EMPTY' },
  { jql: 'assignee in (u-bob, EMPTY)', answers: 'assignee is not EMPTY' },
  { jql: 'assignee not in (u-carol)', answers: 'assignee is not EMPTY' },
  { jql: 'assignee = currentUser()', answers: 'assignee is not EMPTY' },
  { jql: 'reporter is not EMPTY', answers: null },
  { jql: 'labels = urgent', answers: 'labels is not EMPTY' },
  { jql: 'labels != infra', answers: 'labels is not EMPTY' },
  { jql: 'labels in (docs, backend)', answers: 'labels is not EMPTY' },
  { jql: 'labels is EMPTY', answers: null },
  { jql: 'created > -2d', answers: null },
  { jql: 'created <= "2026-03-05"', answers: null },
  { jql: 'updated >= startOfDay(-3)', answers: null },
  { jql: 'duedate < now()', answers: 'duedate is not EMPTY' },
  { jql: 'due >= "2026-03-10"', answers: 'duedate is not EMPTY' },
  { jql: 'resolution = Unresolved', answers: 'resolution is not EMPTY' },
  { jql: 'resolution != Done', answers: 'resolution is not EMPTY' },
  { jql: 'summary ~ login', answers: null },
  { jql: 'summary !~ "log*"', answers: null },
  { jql: 'description ~ campaign', answers: 'description is not EMPTY' },
  { jql: 'text ~ newsletter', answers: null },
  { jql: 'cf[10010] > 3', answers: 'cf[10010] is not EMPTY' },
  { jql: 'cf[10010] is EMPTY', answers: null },
  { jql: 'Severity = Critical', answers: 'Severity is not EMPTY' },
  { jql: 'key > ENG-3', answers: 'project = ENG' },
  { jql: 'key != OPS-2', answers: null },
];

type Expr = { kind: 'term'; index: number } | { kind: 'and' | 'or'; left: Expr; right: Expr } | { kind: 'not'; inner: Expr };

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: POOL.length - 1 }).map((index) => ({ kind: 'term' as const, index })),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ kind: fc.constant('not' as const), inner: tie('expr') }),
  ),
}));

function jqlOf(e: Expr): string {
  if (e.kind === 'term') return POOL[e.index]?.jql ?? '';
  if (e.kind === 'not') return `NOT (${jqlOf(e.inner)})`;
  return `(${jqlOf(e.left)} ${e.kind.toUpperCase()} ${jqlOf(e.right)})`;
}

/** Indexes of the issues a query matches. */
function run(jql: string, issues: readonly JqlIssue[]): Set<number> {
  const compiled = compileJql(jql, context);
  if (!compiled.ok) throw new Error(`${jql}: ${compiled.error.errorMessages.join(' | ')}`);
  return new Set(issues.flatMap((issue, index) => (compiled.matches(issue) ? [index] : [])));
}

/** The reference model: plain set algebra, with NOT pushed down to the pool clauses as described above. */
function model(e: Expr, negated: boolean, issues: readonly JqlIssue[]): Set<number> {
  const all = issues.map((_, index) => index);
  if (e.kind === 'not') return model(e.inner, !negated, issues);
  if (e.kind === 'term') {
    const entry = POOL[e.index];
    if (!entry) throw new Error('pool index');
    const hits = run(entry.jql, issues);
    if (!negated) return hits;
    const answers = entry.answers === null ? new Set(all) : run(entry.answers, issues);
    return new Set(all.filter((index) => answers.has(index) && !hits.has(index)));
  }
  const left = model(e.left, negated, issues);
  const right = model(e.right, negated, issues);
  const intersect = (e.kind === 'and') !== negated;
  return new Set(all.filter((index) => (intersect ? left.has(index) && right.has(index) : left.has(index) || right.has(index))));
}

describe('JQL properties', () => {
  it('parse(print(ast)) equals ast for random syntax trees', () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        expect(parseJql(printJql(query))).toEqual({ ok: true, query });
      }),
      { numRuns: 400 },
    );
  });

  it('parseJql and compileJql never throw, and every failure carries a message', () => {
    const pieces = fc.constantFrom('project', '=', 'ENG', 'AND', 'OR', 'NOT', '(', ')', ',', '"x', 'in', 'is', 'EMPTY', 'ORDER', 'BY', 'now()', '~', 'cf[1]', '-1d', '\\');
    const inputs = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(' ')));
    fc.assert(
      fc.property(inputs, (text) => {
        for (const result of [parseJql(text), compileJql(text, context)]) {
          if (!result.ok) expect(result.error.errorMessages.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('AND is intersection, OR is union, and NOT is the complement within the issues that have an answer', () => {
    fc.assert(
      fc.property(expr, fc.array(issueArbitrary, { minLength: 1, maxLength: 25 }), (e, issues) => {
        expect([...run(jqlOf(e), issues)].sort()).toEqual([...model(e, false, issues)].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('a query and its negation never share an issue', () => {
    fc.assert(
      fc.property(expr, fc.array(issueArbitrary, { minLength: 1, maxLength: 25 }), (e, issues) => {
        const hits = run(jqlOf(e), issues);
        for (const index of run(`NOT (${jqlOf(e)})`, issues)) expect(hits.has(index)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
