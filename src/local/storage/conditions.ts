/**
 * Entity conditions: the range condition of an index query (`where`), query filters and transaction conditions all
 * test one attribute of a stored entity with one of the @forge/kvs conditions (conditions.js).
 */
import { Codes, fail } from './errors.js';

export const RANGE_CONDITIONS = [
  'BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO',
] as const;
export const FILTER_CONDITIONS = [
  ...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS',
] as const;
export type ConditionName = (typeof FILTER_CONDITIONS)[number];
export type Scalar = string | number | boolean;
export type Condition = { condition: ConditionName; values: Scalar[] };
export type PropertyCondition = Condition & { property: string };
export type Filters = { operator: 'and' | 'or'; conditions: PropertyCondition[] };

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

function needed(condition: ConditionName): number {
  if (condition === 'BETWEEN') return 2;
  return condition === 'EXISTS' || condition === 'NOT_EXISTS' ? 0 : 1;
}

export function parseCondition(raw: unknown, allowed: readonly ConditionName[], where: string): Condition {
  if (typeof raw !== 'object' || raw === null) fail(Codes.INVALID_REQUEST_BODY, `${where} must be {condition, values}.`);
  const { condition, values } = raw as { condition?: unknown; values?: unknown };
  if (typeof condition !== 'string' || !allowed.includes(condition as ConditionName)) {
    fail(Codes.INVALID_REQUEST_BODY, `${where}.condition must be one of ${allowed.join(', ')}.`);
  }
  const list = values ?? [];
  if (!Array.isArray(list)) fail(Codes.INVALID_REQUEST_BODY, `${where}.values must be an array.`);
  const name = condition as ConditionName;
  if (list.length < needed(name)) {
    fail(Codes.INSUFFICIENT_FILTER_VALUES, `${name} needs ${needed(name)} value(s), got ${list.length}.`);
  }
  if (!list.every(isScalar)) fail(Codes.INVALID_REQUEST_BODY, `${where}.values must be strings, numbers or booleans.`);
  return { condition: name, values: list };
}

/** `{and: [...]}` or `{or: [...]}`, never both, never empty (Forge's documented codes). */
export function parseFilters(raw: unknown, where: string): Filters {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(Codes.INVALID_REQUEST_BODY, `${where} must be {and: [...]} or {or: [...]}.`);
  }
  const { and, or } = raw as { and?: unknown; or?: unknown };
  if (and !== undefined && or !== undefined) {
    fail(Codes.INVALID_FILTER_OPERATORS_COMBINATION, 'Filter operators "and" and "or" cannot be present at the same level.');
  }
  const operator = and !== undefined ? 'and' : 'or';
  const list = and ?? or;
  if (list === undefined || (Array.isArray(list) && list.length === 0)) {
    fail(Codes.EMPTY_FILTER_OPERATOR, 'Filter operators "and" and "or" cannot be empty.');
  }
  if (!Array.isArray(list)) fail(Codes.INVALID_REQUEST_BODY, `${where}.${operator} must be an array.`);
  const conditions = list.map((item: unknown, i) => {
    const at = `${where}.${operator}[${i}]`;
    const property = (item as { property?: unknown } | null)?.property;
    if (typeof property !== 'string' || property === '') fail(Codes.INVALID_REQUEST_BODY, `${at}.property must be an attribute name.`);
    return { property, ...parseCondition(item, FILTER_CONDITIONS, at) };
  });
  return { operator, conditions };
}

/** Orders two scalars of the same type; undefined when they cannot be compared (different types, objects). */
export function compareScalars(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

function contains(actual: unknown, part: Scalar): boolean {
  if (typeof actual === 'string') return typeof part === 'string' && actual.includes(part);
  return Array.isArray(actual) && actual.some((element) => element === part);
}

/** Tests one condition against an attribute; `present` is false when the attribute is missing. */
export function testCondition(condition: Condition, present: boolean, actual: unknown): boolean {
  const [first, second] = condition.values;
  const cmp = (value: Scalar | undefined): number | undefined => (present ? compareScalars(actual, value) : undefined);
  switch (condition.condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'EQUAL_TO':
      return cmp(first) === 0;
    case 'NOT_EQUAL_TO':
      return cmp(first) !== 0;
    case 'BEGINS_WITH':
      return present && typeof actual === 'string' && typeof first === 'string' && actual.startsWith(first);
    case 'CONTAINS':
      return present && first !== undefined && contains(actual, first);
    case 'NOT_CONTAINS':
      return !(present && first !== undefined && contains(actual, first));
    case 'BETWEEN': {
      const low = cmp(first);
      const high = cmp(second);
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'GREATER_THAN':
      return (cmp(first) ?? 0) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return (cmp(first) ?? -1) >= 0;
    case 'LESS_THAN':
      return (cmp(first) ?? 0) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return (cmp(first) ?? 1) <= 0;
  }
}

/** Whether a stored entity (undefined when absent) satisfies the filters. */
export function matchesFilters(filters: Filters, entity: Record<string, unknown> | undefined): boolean {
  const test = (c: PropertyCondition): boolean => {
    const present = entity !== undefined && Object.hasOwn(entity, c.property) && entity[c.property] !== undefined;
    return testCondition(c, present, present ? entity[c.property] : undefined);
  };
  return filters.operator === 'and' ? filters.conditions.every(test) : filters.conditions.some(test);
}
