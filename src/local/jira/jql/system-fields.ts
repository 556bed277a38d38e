import { instantResolver, dayResolver, storedDay } from './date-values.js';
import {
  EQUALITY, ORDERED, RANGES, containsPrepare, doesNotExist, namedPrepare, ops, orderedPrepare, same, type FieldSpec,
  type Named, type PrepareResult, type Unit,
} from './domains.js';
import { keyPrepare, keySortKey } from './issue-keys.js';
import type { JqlCatalog, JqlContext, JqlIssue } from './types.js';

/** Jira Cloud's default priority scheme, highest first: the order used when the context gives no list. */
const DEFAULT_PRIORITIES = [
  { id: '1', name: 'Highest' }, { id: '2', name: 'High' }, { id: '3', name: 'Medium' }, { id: '4', name: 'Low' }, { id: '5', name: 'Lowest' },
];
/** Jira's three status categories: id, key and name all find one. */
const STATUS_CATEGORIES: Named[] = [
  { id: '2', names: ['new', 'To Do'] }, { id: '4', names: ['indeterminate', 'In Progress'] }, { id: '3', names: ['done', 'Done'] },
];
const categoryOf = (issue: JqlIssue): Named =>
  STATUS_CATEGORIES.find((category) => category.names[0] === issue.status.category) ?? { id: '', names: [] };

const named = (entries: readonly { id: string; name: string }[] | undefined): Named[] | undefined =>
  entries?.map((entry) => ({ id: entry.id, names: [entry.name] }));

/** Position in the catalogue when there is one (Jira sorts these by their configured sequence), else the name. */
function sequenceKey(entries: readonly { id: string }[] | undefined, value: { id: string; name: string } | null): readonly (string | number)[] | null {
  if (value === null) return null;
  const index = entries?.findIndex((entry) => entry.id === value.id) ?? -1;
  return index >= 0 ? [index] : [Number.MAX_SAFE_INTEGER, value.name];
}

export function systemFields(context: JqlContext): ReadonlyMap<string, FieldSpec> {
  const catalog: JqlCatalog = context.catalog ?? {};
  const clock = { now: context.now, timeZone: context.timeZone };
  const never = (): boolean => false;
  const fields = new Map<string, FieldSpec>();
  const add = (names: string[], spec: FieldSpec): void => {
    for (const name of names) fields.set(name.toLowerCase(), spec);
  };

  add(['project'], {
    operators: EQUALITY, valueKind: 'other', emptyable: true, isEmpty: never,
    prepare: namedPrepare((i) => ({ id: i.project.id, names: [i.project.key, i.project.name] }), catalog.projects?.map((p) => ({ id: p.id, names: [p.key, p.name] }))),
    sort: { key: (i) => [i.project.name], defaultDirection: 'asc' },
  });
  add(['issuetype', 'type'], {
    operators: EQUALITY, valueKind: 'other', emptyable: true, isEmpty: never,
    prepare: namedPrepare((i) => ({ id: i.issueType.id, names: [i.issueType.name] }), named(catalog.issueTypes)),
    sort: { key: (i) => sequenceKey(catalog.issueTypes, i.issueType), defaultDirection: 'asc' },
  });
  add(['status'], {
    operators: EQUALITY, valueKind: 'other', emptyable: true, isEmpty: never,
    prepare: namedPrepare((i) => ({ id: i.status.id, names: [i.status.name] }), named(catalog.statuses)),
    sort: { key: (i) => sequenceKey(catalog.statuses, i.status), defaultDirection: 'asc' },
  });
  add(['statusCategory'], {
    operators: EQUALITY, valueKind: 'other', emptyable: true, isEmpty: never,
    prepare: namedPrepare(categoryOf, STATUS_CATEGORIES),
    sort: { key: (i) => [STATUS_CATEGORIES.indexOf(categoryOf(i))], defaultDirection: 'asc' },
  });
  add(['priority'], prioritySpec(catalog));
  for (const role of ['assignee', 'reporter'] as const) {
    add([role], {
      operators: EQUALITY, valueKind: 'user', emptyable: true, isEmpty: (i) => i[role] === null,
      prepare: userPrepare((i) => i[role], catalog),
      sort: { key: (i) => userSortKey(i[role], catalog), defaultDirection: 'asc' },
    });
  }
  add(['labels'], {
    operators: EQUALITY, valueKind: 'other', emptyable: true, isEmpty: (i) => i.labels.length === 0,
    prepare: containsPrepare((i) => i.labels),
    sort: { key: (i) => (i.labels.length === 0 ? null : [[...i.labels].sort().join(' ')]), defaultDirection: 'asc' },
  });
  const instants = instantResolver(clock);
  for (const [names, read] of [[['created', 'createdDate'], (i: JqlIssue) => i.created], [['updated', 'updatedDate'], (i: JqlIssue) => i.updated]] as const) {
    add([...names], {
      operators: ops('=', '!=', 'in', 'not in', '>', '>=', '<', '<='), valueKind: 'date', emptyable: false, isEmpty: never,
      prepare: orderedPrepare(read, instants), sort: { key: (i) => [read(i)], defaultDirection: 'desc' },
    });
  }
  add(['duedate', 'due'], {
    operators: ORDERED, valueKind: 'date', emptyable: true, isEmpty: (i) => storedDay(i.duedate) === null,
    prepare: orderedPrepare((i) => storedDay(i.duedate), dayResolver(clock)),
    sort: { key: (i) => { const day = storedDay(i.duedate); return day === null ? null : [day]; }, defaultDirection: 'desc' },
  });
  add(['resolution'], {
    operators: EQUALITY, jiraOnly: RANGES, valueKind: 'other', emptyable: true, isEmpty: (i) => i.resolution === null,
    prepare: resolutionPrepare(catalog),
    sort: { key: (i) => sequenceKey(catalog.resolutions, i.resolution), defaultDirection: 'asc' },
  });
  add(['summary'], {
    operators: ops('~', '!~'), valueKind: 'other', emptyable: false, isEmpty: (i) => i.summary.trim() === '',
    texts: (i) => [i.summary], sort: { key: (i) => [i.summary], defaultDirection: 'asc' },
  });
  add(['description'], {
    operators: ops('~', '!~', 'is', 'is not'), valueKind: 'other', emptyable: true, isEmpty: (i) => i.description.trim() === '',
    texts: (i) => [i.description],
  });
  const textCustom = context.customFields.filter((field) => field.type === 'string').map((field) => field.id);
  add(['text'], {
    operators: ops('~'), valueKind: 'other', emptyable: false, isEmpty: never,
    texts: (i) => [i.summary, i.description, ...textCustom.map((id) => i.custom[id]).filter((v): v is string => typeof v === 'string')],
  });
  add(['key', 'issuekey', 'issue', 'id'], {
    operators: ops('=', '!=', 'in', 'not in', '>', '>=', '<', '<='), valueKind: 'other', emptyable: false, isEmpty: never,
    prepare: keyPrepare, sort: { key: keySortKey, defaultDirection: 'asc' },
  });
  return fields;
}

function prioritySpec(catalog: JqlCatalog): FieldSpec {
  const order = catalog.priorities ?? DEFAULT_PRIORITIES;
  // Higher priority ranks higher: `priority > Medium` is High and Highest, and DESC lists Highest first.
  const rankOf = (value: { id: string; name: string } | null): number | null => {
    if (value === null) return null;
    const index = order.findIndex((entry) => entry.id === value.id || same(entry.name, value.name));
    return index < 0 ? null : order.length - index;
  };
  const equality = namedPrepare((i) => (i.priority ? { id: i.priority.id, names: [i.priority.name] } : null), named(catalog.priorities));
  return {
    operators: ORDERED, valueKind: 'other', emptyable: true, isEmpty: (i) => i.priority === null,
    prepare: (unit, label, operator) => {
      const prepared = equality(unit, label);
      if ('error' in prepared || !operator || !RANGES.has(operator)) return prepared;
      const value = unit.kind === 'string' || unit.kind === 'number' ? unit.value : '';
      const target = rankOf({ id: value, name: value });
      if (target === null) {
        return { error: `The priority '${value}' cannot be ordered by this simulated Jira site: the context gives no priority list that holds it.` };
      }
      return {
        ...prepared,
        compare: (i) => { const own = rankOf(i.priority); return own === null ? null : Math.sign(own - target); },
      };
    },
    sort: { key: (i) => { const rank = rankOf(i.priority); return rank === null ? null : [rank]; }, defaultDirection: 'desc' },
  };
}

function resolutionPrepare(catalog: JqlCatalog): NonNullable<FieldSpec['prepare']> {
  const byName = namedPrepare((i) => (i.resolution ? { id: i.resolution.id, names: [i.resolution.name] } : null), named(catalog.resolutions));
  const hasRealUnresolved = catalog.resolutions?.some((r) => same(r.name, 'unresolved')) ?? false;
  return (unit, label) =>
    // "Unresolved" is Jira's name for no resolution, unless a resolution is really called that.
    unit.kind === 'string' && same(unit.value, 'unresolved') && !hasRealUnresolved
      ? { equals: (i) => i.resolution === null }
      : byName(unit, label);
}

function userPrepare(read: (issue: JqlIssue) => string | null, catalog: JqlCatalog): (unit: Unit, label: string) => PrepareResult {
  return (unit, label) => {
    if (unit.kind === 'user') return { equals: (i) => read(i) === unit.accountId };
    if (unit.kind !== 'string' && unit.kind !== 'number') return { error: doesNotExist('', label) };
    const value = unit.value;
    if (!catalog.users) return { equals: (i) => read(i) === value };
    const ids = new Set(
      catalog.users
        .filter((u) => u.accountId === value || (u.displayName !== undefined && same(u.displayName, value)) || (u.emailAddress !== undefined && same(u.emailAddress, value)))
        .map((u) => u.accountId),
    );
    if (ids.size === 0) return { error: doesNotExist(value, label) };
    return { equals: (i) => { const own = read(i); return own !== null && ids.has(own); } };
  };
}

function userSortKey(accountId: string | null, catalog: JqlCatalog): readonly string[] | null {
  if (accountId === null) return null;
  return [catalog.users?.find((u) => u.accountId === accountId)?.displayName ?? accountId];
}
