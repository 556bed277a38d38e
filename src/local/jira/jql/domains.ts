import type { JqlOperator } from './ast.js';
import type { ValueKind } from './functions.js';
import type { JqlIssue } from './types.js';

/** One value of an operand after functions ran: what a field turns into a test. */
export type Unit =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'instant'; ms: number }
  | { kind: 'user'; accountId: string };

/**
 * A value made ready for one field. `equals` already requires the field to hold a value; `compare` gives the
 * sign of (issue's value − this value), or null when the two cannot be ordered (an empty field among them).
 */
export type Prepared = { equals: (issue: JqlIssue) => boolean; compare?: (issue: JqlIssue) => number | null };
export type PrepareResult = Prepared | { error: string };

export type SortKey = readonly (string | number)[];

export type FieldSpec = {
  /** Operators this site evaluates for the field. */
  operators: ReadonlySet<JqlOperator>;
  /** Operators Jira takes for the field that this site does not: refused with a "not supported here" 400. */
  jiraOnly?: ReadonlySet<JqlOperator>;
  valueKind: ValueKind;
  /** Whether EMPTY (and NULL) may be searched for. */
  emptyable: boolean;
  isEmpty: (issue: JqlIssue) => boolean;
  /** `operator` lets a field refuse a value only some operators cannot use (a priority with no known rank). */
  prepare?: (unit: Unit, label: string, operator?: JqlOperator) => PrepareResult;
  /** The texts `~` searches, for text fields. */
  texts?: (issue: JqlIssue) => string[];
  sort?: { key: (issue: JqlIssue) => SortKey | null; defaultDirection: 'asc' | 'desc' };
};

export const ops = (...operators: JqlOperator[]): ReadonlySet<JqlOperator> => new Set(operators);
export const EQUALITY = ops('=', '!=', 'in', 'not in', 'is', 'is not');
export const ORDERED = ops('=', '!=', 'in', 'not in', 'is', 'is not', '>', '>=', '<', '<=');
export const RANGES = ops('>', '>=', '<', '<=');

export const sign = (n: number): number => (n > 0 ? 1 : n < 0 ? -1 : 0);
export const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export const doesNotExist = (value: string, field: string): string => `The value '${value}' does not exist for the field '${field}'.`;
export const noSuchId = (value: string, field: string): string => `A value with ID '${value}' does not exist for the field '${field}'.`;

export type Named = { id: string; names: readonly string[] };

/**
 * Fields whose values are named things: project, issue type, status, priority, resolution. A value matches by
 * id or, case-insensitively, by any name (a project's key or name). With a catalogue the value must exist, as
 * Jira insists; without one it is compared with the issue's own values.
 */
export function namedPrepare(
  read: (issue: JqlIssue) => Named | null,
  catalog: readonly Named[] | undefined,
): (unit: Unit, label: string) => PrepareResult {
  return (unit, label) => {
    if (unit.kind !== 'string' && unit.kind !== 'number') return { error: `The value for the field '${label}' is invalid.` };
    const value = unit.value;
    const matches = (named: Named): boolean => named.id === value || named.names.some((name) => same(name, value));
    if (!catalog) {
      return { equals: (issue) => { const own = read(issue); return own !== null && matches(own); } };
    }
    const ids = new Set(catalog.filter(matches).map((named) => named.id));
    if (ids.size === 0) return { error: unit.kind === 'number' ? noSuchId(value, label) : doesNotExist(value, label) };
    return { equals: (issue) => { const own = read(issue); return own !== null && ids.has(own.id); } };
  };
}

/** The comparable instant or day of a date operand, or an error message. */
export type DateResolver = (unit: Unit, label: string) => number | { error: string };

export function orderedPrepare(read: (issue: JqlIssue) => number | null, resolve: DateResolver): (unit: Unit, label: string) => PrepareResult {
  return (unit, label) => {
    const target = resolve(unit, label);
    if (typeof target !== 'number') return target;
    const compare = (issue: JqlIssue): number | null => {
      const own = read(issue);
      return own === null ? null : sign(own - target);
    };
    return { equals: (issue) => compare(issue) === 0, compare };
  };
}

/** Multi-valued string fields (labels, label custom fields): `=` means "contains", case-insensitively. */
export function containsPrepare(read: (issue: JqlIssue) => readonly string[]): (unit: Unit, label: string) => PrepareResult {
  return (unit, label) => {
    if (unit.kind !== 'string' && unit.kind !== 'number') return { error: `The value for the field '${label}' is invalid.` };
    const value = unit.value;
    return { equals: (issue) => read(issue).some((own) => same(own, value)) };
  };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Sort keys compare element by element: numbers numerically, strings with a case-blind collator. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
    const order = typeof x === 'number' && typeof y === 'number' ? sign(x - y) : collator.compare(String(x), String(y));
    if (order !== 0) return order;
  }
  return 0;
}
