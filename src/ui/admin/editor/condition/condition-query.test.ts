import { describe, expect, test } from 'vitest';
import { EXAMPLE_RULES } from '../example-rules.js';
import { isGroup, logicToQuery, queryToLogic, type ConditionGroup, type ConditionRow } from './condition-query.js';

/** The query as if every row had been edited: no remembered source, so each row is written from its parts. */
function forgetSources(group: ConditionGroup): ConditionGroup {
  return { ...group, rules: group.rules.map((node) => (isGroup(node) ? forgetSources(node) : Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'meta')) as ConditionRow)) };
}

function rowsOf(group: ConditionGroup): ConditionRow[] {
  return group.rules.flatMap((node) => (isGroup(node) ? rowsOf(node) : [node]));
}

describe('the condition builder reads and writes JSON-Logic exactly', () => {
  test('there are example rules to read', () => {
    expect(EXAMPLE_RULES.length).toBeGreaterThanOrEqual(13);
  });

  test.each(EXAMPLE_RULES)('%s: its when reads back unchanged', (_file, rule) => {
    expect(queryToLogic(logicToQuery(rule.when))).toStrictEqual(rule.when);
  });

  test.each(EXAMPLE_RULES)('%s: its when is rebuilt from the rows alone', (_file, rule) => {
    expect(queryToLogic(forgetSources(logicToQuery(rule.when)))).toStrictEqual(rule.when);
  });

  test('Jira operators are rows, not JSON', () => {
    const query = logicToQuery({ or: [{ changedFrom: ['status', 'Done'] }, { changed: 'priority' }, { startsWith: [{ var: 'issue.key' }, 'OPS-'] }, { '>=': [{ daysSince: { var: 'issue.fields.updated' } }, 3] }] });
    expect(rowsOf(query).map((r) => [r.field, r.operator, r.value])).toStrictEqual([
      ['status', 'changedFrom', 'Done'], ['priority', 'changed', ''], ['issue.key', 'startsWith', 'OPS-'], ['issue.fields.updated', 'daysSince>=', '3'],
    ]);
  });

  test('a part no row can show is kept as JSON and written back as it was', () => {
    const when = { and: [{ matches: [{ lower: { var: 'issue.fields.summary' } }, 'cve-[0-9]+'] }, { '==': [{ var: 'issue.fields.priority.name' }, 'High'] }] };
    const query = logicToQuery(when);
    const [first] = rowsOf(query);
    expect(first?.operator).toBe('logic');
    expect(JSON.parse(first?.value ?? '')).toStrictEqual(when.and[0]);
    expect(queryToLogic(forgetSources(query))).toStrictEqual(when);
  });

  test('other spellings of the same row come back as written until the row is edited', () => {
    const when = { and: [{ changed: ['status'] }, { '!': [{ var: 'issue.fields.assignee' }] }] };
    const query = logicToQuery(when);
    expect(queryToLogic(query)).toStrictEqual(when);
    expect(queryToLogic(forgetSources(query))).toStrictEqual({ and: [{ changed: 'status' }, { '!': { var: 'issue.fields.assignee' } }] });
  });

  test('an edited row is written from its new parts', () => {
    const query = logicToQuery({ changedFrom: ['status', 'Done'] });
    const [only] = rowsOf(query);
    if (only === undefined) throw new Error('no row');
    only.value = 'Closed';
    expect(queryToLogic(query)).toStrictEqual({ changedFrom: ['status', 'Closed'] });
    only.value = '"3"';
    expect(queryToLogic(query)).toStrictEqual({ changedFrom: ['status', '3'] });
    only.value = '3';
    expect(queryToLogic(query)).toStrictEqual({ changedFrom: ['status', 3] });
  });

  test('negations, single conditions and no condition', () => {
    for (const when of [{ '!': { and: [{ var: 'a' }, { var: 'b' }] } }, { '!': { in: [{ var: 'x' }, ['A', 'B']] } }, { '!': { '!': { or: [{ var: 'a' }] } } }, { '!': [{ or: [{ var: 'a' }] }] }, true, 'text', { and: [] }, undefined]) {
      expect(queryToLogic(forgetSources(logicToQuery(when)))).toStrictEqual(when);
    }
  });
});
