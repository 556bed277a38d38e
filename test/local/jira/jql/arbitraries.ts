import fc from 'fast-check';
import type { JqlClause, JqlFieldRef, JqlIssue, JqlOperand, JqlOperator, JqlQuery, JqlSort } from '../../../../src/local/jira/jql/index.js';
import { isSafeBareWord } from '../../../../src/local/jira/jql/reserved.js';

const RESERVED_SAMPLE = ['and', 'or', 'not', 'empty', 'null', 'order', 'cf', 'select', 'the', 'was'];
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).filter(isSafeBareWord);
/** Any text at all, control characters and reserved words included: the printer must quote it right. */
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...RESERVED_SAMPLE, 'EMPTY', '"', "'", '\\', ' '));

const fieldRef: fc.Arbitrary<JqlFieldRef> = fc.oneof(
  identifier.map((name) => ({ kind: 'name' as const, name })),
  text.filter((name) => name !== '').map((name) => ({ kind: 'name' as const, name })),
  fc.nat({ max: 99999 }).map((id) => ({ kind: 'cf' as const, id: String(id) })),
);

const unitOperand: fc.Arbitrary<JqlOperand> = fc.oneof(
  text.map((value) => ({ type: 'string' as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: 'number' as const, value: String(value) })),
  fc.constant({ type: 'empty' as const }),
  fc.record({ type: fc.constant('function' as const), name: identifier, args: fc.array(text, { maxLength: 3 }) }),
);

const { operand } = fc.letrec<{ operand: JqlOperand; list: JqlOperand }>((tie) => ({
  operand: fc.oneof({ depthSize: 'small', withCrossShrink: true }, unitOperand, tie('list')),
  list: fc.record({ type: fc.constant('list' as const), items: fc.array(tie('operand'), { minLength: 1, maxLength: 3 }) }),
}));

const OPERATORS: JqlOperator[] = ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', '~', '!~', 'is', 'is not'];
const terminal: fc.Arbitrary<JqlClause> = fc
  .record({ field: fieldRef, operator: fc.constantFrom(...OPERATORS), operand })
  .map(({ field, operator, operand: value }) => ({
    type: 'terminal' as const,
    field,
    operator,
    operand: operator === 'is' || operator === 'is not' ? { type: 'empty' as const } : value,
  }));

const { clause } = fc.letrec<{ clause: JqlClause }>((tie) => ({
  clause: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    terminal,
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), clauses: fc.array(tie('clause'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant('not' as const), clause: tie('clause') }),
  ),
}));

const sort: fc.Arbitrary<JqlSort> = fc.record({ field: fieldRef, direction: fc.constantFrom('asc' as const, 'desc' as const, null) });

/** Random syntax trees of the shape the parser produces (n-ary AND/OR with at least two parts). */
export const queryArbitrary: fc.Arbitrary<JqlQuery> = fc.record({
  where: fc.option(clause, { nil: null }),
  orderBy: fc.array(sort, { maxLength: 3 }),
});

const NOW = Date.UTC(2026, 2, 10, 10);
const DAY = 86_400_000;
const STATUSES = [
  { id: '1', name: 'To Do', category: 'new' as const },
  { id: '3', name: 'In Progress', category: 'indeterminate' as const },
  { id: '10001', name: 'Done', category: 'done' as const },
];
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'].map((name, index) => ({ id: String(index + 1), name }));
const USERS = ['u-alice', 'u-bob', 'u-carol'];
const WORDS = ['login', 'logging', 'page', 'crash', 'newsletter', 'campaign', 'database', 'Login'];
const day = (offset: number): string => new Date(NOW + offset * DAY).toISOString().slice(0, 10);

/** Issues drawn from small domains, so that clauses often match and empties are common. */
export const issueArbitrary: fc.Arbitrary<JqlIssue> = fc
  .record({
    project: fc.constantFrom('ENG', 'OPS', 'MKT'),
    number: fc.integer({ min: 1, max: 12 }),
    type: fc.constantFrom('Bug', 'Task'),
    status: fc.constantFrom(...STATUSES),
    priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: null }),
    assignee: fc.option(fc.constantFrom(...USERS), { nil: null }),
    reporter: fc.option(fc.constantFrom(...USERS), { nil: null }),
    labels: fc.subarray(['urgent', 'infra', 'Backend', 'docs']),
    created: fc.integer({ min: -20 * 24, max: 0 }).map((hours) => NOW + hours * 3_600_000),
    updatedAfter: fc.integer({ min: 0, max: 5 * 24 }),
    due: fc.option(fc.integer({ min: -10, max: 10 }).map(day), { nil: null }),
    resolution: fc.option(fc.constantFrom({ id: '10000', name: 'Done' }, { id: '10001', name: "Won't Do" }), { nil: null }),
    summary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')),
    description: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }).map((words) => words.join(' ')),
    points: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
    severity: fc.option(fc.constantFrom('Critical', 'Major'), { nil: null }),
  })
  .map((r) => ({
    id: `${r.project}${r.number}`,
    key: `${r.project}-${r.number}`,
    project: { id: r.project, key: r.project, name: r.project },
    issueType: { id: r.type, name: r.type },
    status: r.status,
    priority: r.priority,
    assignee: r.assignee,
    reporter: r.reporter,
    labels: r.labels,
    created: r.created,
    updated: Math.min(NOW, r.created + r.updatedAfter * 3_600_000),
    duedate: r.due,
    resolution: r.resolution,
    summary: r.summary,
    description: r.description,
    custom: {
      ...(r.points === null ? {} : { customfield_10010: r.points }),
      ...(r.severity === null ? {} : { customfield_10060: { value: r.severity } }),
    },
  }));

export const PROPERTY_NOW = NOW;
