import type { RuleGroupType, RuleType } from 'react-querybuilder';
import { CONDITION_OPERATORS, LOGIC_OPERATOR, OPERATOR_BY_NAME } from './condition-operators.js';

/**
 * A rule's `when` as react-querybuilder's query, and back. The round trip is exact: a part the admin does not
 * touch comes back byte for byte, however it was spelled, because each row keeps the expression it was read from
 * (`meta.source`) with the row it was read as (`meta.sig`); a row edited since is written in its canonical form.
 * What no row can show (say {"matches": [{"lower": ...}, ...]}) becomes a JSON-Logic row holding its text.
 *
 * Groups are {"and": [...]} / {"or": [...]}; {"!": group} is the group's NOT. A `bare` group is one whose single
 * child stands alone in the document (a `when` that is one condition, or {"!": condition}).
 */
export type RowMeta = { source: unknown; sig: string };
export type ConditionRow = RuleType<string, string, string, string, RowMeta>;
export type ConditionGroup = Omit<RuleGroupType<ConditionRow>, 'rules'> & { rules: (ConditionRow | ConditionGroup)[]; bare?: boolean; notArray?: boolean };

type Node = ConditionRow | ConditionGroup;

export const rowSig = (row: Pick<ConditionRow, 'field' | 'operator' | 'value'>): string => JSON.stringify([row.field, row.operator, row.value]);

export const isGroup = (node: unknown): node is ConditionGroup => node !== null && typeof node === 'object' && Array.isArray((node as { rules?: unknown }).rules);

function row(operator: string, field: string, value: string, source: unknown): ConditionRow {
  return { field, operator, value, meta: { source, sig: rowSig({ field, operator, value }) } };
}

function readRow(logic: unknown): ConditionRow | undefined {
  for (const op of CONDITION_OPERATORS) {
    if (op === LOGIC_OPERATOR) continue;
    const parts = op.read(logic);
    if (parts !== undefined) return row(op.name, parts.field, parts.value, logic);
  }
  return undefined;
}

function logicRow(logic: unknown): ConditionRow {
  const parts = LOGIC_OPERATOR.read(logic) ?? { field: '', value: 'null' };
  return row(LOGIC_OPERATOR.name, parts.field, parts.value, logic);
}

function only(logic: unknown): { op: string; args: unknown } | undefined {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return undefined;
  const entries = Object.entries(logic);
  const first = entries[0];
  return entries.length === 1 && first !== undefined ? { op: first[0], args: first[1] } : undefined;
}

function readGroup(logic: unknown): ConditionGroup | undefined {
  const one = only(logic);
  if (one === undefined) return undefined;
  if ((one.op === 'and' || one.op === 'or') && Array.isArray(one.args) && one.args.length > 0) {
    return { combinator: one.op, rules: one.args.map(readNode) };
  }
  if (one.op !== '!') return undefined;
  const notArray = Array.isArray(one.args);
  if (notArray && (one.args as unknown[]).length !== 1) return undefined;
  const inner = notArray ? (one.args as unknown[])[0] : one.args;
  const group = readGroup(inner);
  const negated: ConditionGroup = group !== undefined && group.not !== true && group.bare !== true
    ? { ...group, not: true }
    : { combinator: 'and', bare: true, not: true, rules: [readNode(inner)] };
  return notArray ? { ...negated, notArray: true } : negated;
}

function readNode(logic: unknown): Node {
  return readRow(logic) ?? readGroup(logic) ?? logicRow(logic);
}

/** The builder's query for a `when`; absent (always true) is an empty group. */
export function logicToQuery(when: unknown): ConditionGroup {
  if (when === undefined) return { combinator: 'and', bare: true, rules: [] };
  return readGroup(when) ?? { combinator: 'and', bare: true, rules: [readNode(when)] };
}

function rowToLogic(node: ConditionRow): unknown {
  if (node.meta !== undefined && node.meta.sig === rowSig(node)) return node.meta.source;
  const op = OPERATOR_BY_NAME.get(node.operator) ?? LOGIC_OPERATOR;
  return op.write(node.field, typeof node.value === 'string' ? node.value : JSON.stringify(node.value));
}

function groupToLogic(group: ConditionGroup): unknown {
  const children = group.rules.map((node) => (isGroup(node) ? groupToLogic(node) : rowToLogic(node)));
  const body = group.bare === true && children.length === 1 ? children[0] : { [group.combinator]: children };
  if (group.not !== true) return body;
  return { '!': group.notArray === true ? [body] : body };
}

let nextId = 0;

/** Gives every row and group an id (react-querybuilder would add its own; the builder needs them from the start). */
export function withIds(group: ConditionGroup): ConditionGroup {
  return { ...group, id: group.id ?? `c${String(++nextId)}`, rules: group.rules.map((node) => (isGroup(node) ? withIds(node) : { ...node, id: node.id ?? `c${String(++nextId)}` })) };
}

/** The `when` for a query; an empty query means no `when` (always true). */
export function queryToLogic(query: ConditionGroup): unknown {
  return query.rules.length === 0 ? undefined : groupToLogic(query);
}
