import { decodeList, decodeValue, encodeList, encodeValue, type Decoded } from '../value-text.js';

/**
 * The rows the condition builder shows, each one JSON-Logic shape. A row is "field / operator / value": the field is
 * a data path ({"var": "issue.fields.status.name"}) or, for the changelog operators, a Jira field name ("status");
 * the value is typed as value-text.ts describes. `read` recognises the shape (and its equivalent spellings, such
 * as {"changed": ["status"]} for {"changed": "status"}); `write` gives the canonical one.
 */
export type RowParts = { field: string; value: string };

export type ConditionOperator = {
  name: string;
  label: string;
  /** No value box: the operator takes the field alone. */
  unary?: true;
  /** The field is a changelog field name, not a data path. */
  changelogField?: true;
  read(logic: unknown): RowParts | undefined;
  write(field: string, value: string): unknown;
};

/** The operator and its argument when `logic` is an object with exactly one key. */
function single(logic: unknown): { op: string; args: unknown } | undefined {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return undefined;
  const keys = Object.keys(logic);
  const op = keys[0];
  return keys.length === 1 && op !== undefined ? { op, args: (logic as Record<string, unknown>)[op] } : undefined;
}

/** A data path read with {"var": "a.b"}: the only left-hand side a row shows as a field. */
function varPath(logic: unknown): string | undefined {
  const one = single(logic);
  return one?.op === 'var' && typeof one.args === 'string' && one.args !== '' ? one.args : undefined;
}

/** A single argument, written bare or as a one-item list. */
function onlyArg(args: unknown): unknown {
  return Array.isArray(args) ? (args.length === 1 ? args[0] : undefined) : args;
}

function pair(logic: unknown, op: string): [unknown, unknown] | undefined {
  const one = single(logic);
  return one?.op === op && Array.isArray(one.args) && one.args.length === 2 ? [one.args[0], one.args[1]] : undefined;
}

const valueOf = (text: string): unknown => {
  const decoded = decodeValue(text);
  return decoded.ok ? decoded.value : text;
};

function compare(name: string, label: string): ConditionOperator {
  return {
    name, label,
    read: (logic) => {
      const args = pair(logic, name);
      const field = varPath(args?.[0]);
      return args === undefined || field === undefined ? undefined : { field, value: encodeValue(args[1]) };
    },
    write: (field, value) => ({ [name]: [{ var: field }, valueOf(value)] }),
  };
}

function changeValue(name: 'changedFrom' | 'changedTo', label: string): ConditionOperator {
  return {
    name, label, changelogField: true,
    read: (logic) => {
      const args = pair(logic, name);
      return args === undefined || typeof args[0] !== 'string' ? undefined : { field: args[0], value: encodeValue(args[1]) };
    },
    write: (field, value) => ({ [name]: [field, valueOf(value)] }),
  };
}

function test(name: '!' | '!!', label: string): ConditionOperator {
  return {
    name: name === '!' ? 'empty' : 'notEmpty', label, unary: true,
    read: (logic) => {
      const one = single(logic);
      const field = one?.op === name ? varPath(onlyArg(one.args)) : undefined;
      return field === undefined ? undefined : { field, value: '' };
    },
    write: (field) => ({ [name]: { var: field } }),
  };
}

function since(unit: 'daysSince' | 'hoursSince', cmp: '>' | '>=' | '<' | '<=', label: string): ConditionOperator {
  return {
    name: `${unit}${cmp}`, label,
    read: (logic) => {
      const args = pair(logic, cmp);
      const inner = single(args?.[0]);
      const field = inner?.op === unit ? varPath(onlyArg(inner.args)) : undefined;
      return args === undefined || field === undefined ? undefined : { field, value: encodeValue(args[1]) };
    },
    write: (field, value) => ({ [cmp]: [{ [unit]: { var: field } }, valueOf(value)] }),
  };
}

/** Any expression, as JSON text: what the builder shows for a part it has no row for. */
export const LOGIC_OPERATOR: ConditionOperator = {
  name: 'logic', label: 'JSON-Logic',
  read: (logic) => ({ field: '', value: JSON.stringify(logic, null, 2) }),
  write: (_field, value) => {
    const decoded: Decoded = decodeValue(value);
    return decoded.ok ? decoded.value : value;
  },
};

export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  compare('==', 'equals'),
  compare('!=', 'does not equal'),
  compare('===', 'is exactly'),
  compare('!==', 'is not exactly'),
  compare('>', 'is more than'),
  compare('>=', 'is at least'),
  compare('<', 'is less than'),
  compare('<=', 'is at most'),
  {
    name: 'in', label: 'is one of',
    read: (logic) => {
      const args = pair(logic, 'in');
      const field = varPath(args?.[0]);
      return args === undefined || field === undefined || !Array.isArray(args[1]) ? undefined : { field, value: encodeList(args[1]) };
    },
    write: (field, value) => {
      const decoded = decodeList(value);
      return { in: [{ var: field }, decoded.ok ? decoded.value : [value]] };
    },
  },
  {
    name: 'includes', label: 'includes',
    read: (logic) => {
      const args = pair(logic, 'in');
      const field = varPath(args?.[1]);
      return args === undefined || field === undefined ? undefined : { field, value: encodeValue(args[0]) };
    },
    write: (field, value) => ({ in: [valueOf(value), { var: field }] }),
  },
  compare('contains', 'contains'),
  compare('startsWith', 'starts with'),
  compare('endsWith', 'ends with'),
  compare('matches', 'matches pattern'),
  {
    name: 'changed', label: 'changed', unary: true, changelogField: true,
    read: (logic) => {
      const one = single(logic);
      const field = one?.op === 'changed' ? onlyArg(one.args) : undefined;
      return typeof field === 'string' ? { field, value: '' } : undefined;
    },
    write: (field) => ({ changed: field }),
  },
  changeValue('changedFrom', 'changed from'),
  changeValue('changedTo', 'changed to'),
  {
    name: 'truthy', label: 'is true', unary: true,
    read: (logic) => {
      const field = varPath(logic);
      return field === undefined ? undefined : { field, value: '' };
    },
    write: (field) => ({ var: field }),
  },
  test('!!', 'is not empty'),
  test('!', 'is empty'),
  {
    name: 'missing', label: 'is missing', unary: true,
    read: (logic) => {
      const one = single(logic);
      const field = one?.op === 'missing' ? onlyArg(one.args) : undefined;
      return typeof field === 'string' ? { field, value: '' } : undefined;
    },
    write: (field) => ({ missing: [field] }),
  },
  since('daysSince', '>', 'days since, more than'),
  since('daysSince', '>=', 'days since, at least'),
  since('daysSince', '<', 'days since, less than'),
  since('daysSince', '<=', 'days since, at most'),
  since('hoursSince', '>', 'hours since, more than'),
  since('hoursSince', '>=', 'hours since, at least'),
  since('hoursSince', '<', 'hours since, less than'),
  since('hoursSince', '<=', 'hours since, at most'),
  LOGIC_OPERATOR,
];

export const OPERATOR_BY_NAME: ReadonlyMap<string, ConditionOperator> = new Map(CONDITION_OPERATORS.map((o) => [o.name, o]));
