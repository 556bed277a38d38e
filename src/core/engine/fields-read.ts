import type { Rule } from '../rule/rule-schema.js';

/**
 * The issue fields a rule reads, so a run fetches only those from Jira (data minimisation) and a scheduled search
 * asks only for them. `all` is true when some read cannot be known before running: a `var` whose path is computed,
 * or one that reads `issue`/`issue.fields` whole; the caller then asks for every navigable field.
 */
export type FieldsRead = { fields: string[]; all: boolean };

const ISSUE_FIELDS = /^issue\.fields\.([^.]+)/;
const ITERATORS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

export function fieldsRead(rule: Pick<Rule, 'let' | 'when' | 'actions' | 'scope'>): FieldsRead {
  const fields = new Set<string>();
  let all = false;
  const visitPath = (path: string): void => {
    const match = ISSUE_FIELDS.exec(path);
    if (match?.[1] !== undefined) fields.add(match[1]);
    else if (path === 'issue' || path === 'issue.fields' || path === '') all = true;
  };
  // Iterative: a rule document is bounded by validation, but nothing here should depend on that for its stack.
  const stack: unknown[] = [rule.let ?? {}, rule.when ?? null, rule.actions];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'var') {
        const path = Array.isArray(value) ? (value[0] as unknown) : value;
        if (typeof path === 'string') visitPath(path);
        else if (typeof path !== 'number' && path !== null && path !== undefined) all = true;
        if (Array.isArray(value)) stack.push(value.slice(1));
      } else if (key === 'missing' || key === 'missing_some') {
        const list = key === 'missing_some' && Array.isArray(value) ? (value[1] as unknown) : value;
        for (const path of Array.isArray(list) ? (list as unknown[]) : [list]) {
          if (typeof path === 'string') visitPath(path);
          else all = true;
        }
      } else if (ITERATORS.has(key) && Array.isArray(value)) {
        // Inside an iterator's body `var` reads the current element, not the issue: only the list is a root read.
        stack.push(value[0]);
      } else {
        stack.push(value);
      }
    }
  }
  // Scope is decided on project and issue type, which every event carries; a schedule's search needs them too.
  if (rule.scope?.projects !== undefined) fields.add('project');
  if (rule.scope?.issueTypes !== undefined) fields.add('issuetype');
  return { fields: [...fields].sort(), all };
}
