import { fieldLabel, type JqlSort } from './ast.js';
import { compareKeys, type FieldSpec, type SortKey } from './domains.js';
import type { Compiled } from './evaluate.js';
import { lookupField } from './fields.js';
import { keySortKey } from './issue-keys.js';
import type { JqlContext, JqlIssue } from './types.js';

export type Comparator = (a: JqlIssue, b: JqlIssue) => number;
type Sorter = { key: (issue: JqlIssue) => SortKey | null; descending: boolean };

/**
 * Jira's default when a query has no ORDER BY (SearchSortUtilImpl.getSearchSorts): the issue key, descending.
 * Jira ranks free-text queries by relevance instead; that is not emulated, they get the key order too.
 */
const KEY_DESCENDING: Sorter = { key: keySortKey, descending: true };

/**
 * An ORDER BY list as a comparator. A sort without ASC or DESC takes the field's own default order (created,
 * updated, due date and priority: descending). An empty value sorts after every value, so last in ascending
 * and first in descending order, as Jira's MappedSortComparator does. The key, descending, breaks the last tie
 * so that pages are stable.
 */
export function compileOrder(sorts: readonly JqlSort[], context: JqlContext, fields: ReadonlyMap<string, FieldSpec>): Compiled<Comparator> {
  const messages: string[] = [];
  const sorters: Sorter[] = [];
  for (const sort of sorts) {
    const label = fieldLabel(sort.field);
    const lookup = lookupField(sort.field, context, fields);
    const spec = lookup.ok ? lookup.spec.sort : undefined;
    if (!spec) {
      messages.push(!lookup.ok && lookup.unsupported ? `Sorting by the field '${label}' is not supported by this simulated Jira site.` : `Not able to sort using field '${label}'.`);
      continue;
    }
    sorters.push({ key: spec.key, descending: (sort.direction ?? spec.defaultDirection) === 'desc' });
  }
  if (messages.length > 0) return { ok: false, messages };
  sorters.push(KEY_DESCENDING);
  return { ok: true, value: (a, b) => compareWith(sorters, a, b) };
}

function compareWith(sorters: readonly Sorter[], a: JqlIssue, b: JqlIssue): number {
  for (const sorter of sorters) {
    const x = sorter.key(a);
    const y = sorter.key(b);
    if (x === null && y === null) continue;
    const order = x === null ? 1 : y === null ? -1 : compareKeys(x, y);
    if (order !== 0) return sorter.descending ? -order : order;
  }
  return 0;
}
