import { fieldLabel, type JqlClause, type JqlOperand, type JqlOperator, type JqlTerminal } from './ast.js';
import { RANGES, type FieldSpec, type Prepared, type Unit } from './domains.js';
import { lookupField } from './fields.js';
import { callFunction } from './functions.js';
import { printOperand } from './print.js';
import { compileTextQuery, type TextMatcher } from './text.js';
import type { JqlContext, JqlIssue } from './types.js';

export type Predicate = (issue: JqlIssue) => boolean;
export type Compiled<T> = { ok: true; value: T } | { ok: false; messages: string[] };

/** A checked clause; `build(negated)` makes its test, with NOT already pushed into it. */
type Built = (negated: boolean) => Predicate;

const LIST_OPERATORS = new Set<JqlOperator>(['in', 'not in']);

/**
 * Jira's DeMorgansVisitor: NOT is pushed down to the terminal clauses, where it flips the operator (= to !=,
 * IN to NOT IN, ~ to !~, < to >=, IS to IS NOT). Since != and the ranges never match an empty field, NOT
 * A = x keeps only issues that have a value for A, exactly as A != x does.
 */
const NEGATED: Record<JqlOperator, JqlOperator> = {
  '=': '!=', '!=': '=', in: 'not in', 'not in': 'in', '~': '!~', '!~': '~', is: 'is not', 'is not': 'is',
  '>': '<=', '<=': '>', '<': '>=', '>=': '<',
};

/** Checks every clause (all problems are reported together, as Jira does) and builds the test. */
export function compileWhere(clause: JqlClause, context: JqlContext, fields: ReadonlyMap<string, FieldSpec>): Compiled<Predicate> {
  const messages: string[] = [];
  const built = check(clause, context, fields, messages);
  return messages.length > 0 ? { ok: false, messages } : { ok: true, value: built(false) };
}

function check(clause: JqlClause, context: JqlContext, fields: ReadonlyMap<string, FieldSpec>, messages: string[]): Built {
  switch (clause.type) {
    case 'not': {
      const inner = check(clause.clause, context, fields, messages);
      return (negated) => inner(!negated);
    }
    case 'and':
    case 'or': {
      const parts = clause.clauses.map((c) => check(c, context, fields, messages));
      return (negated) => {
        const tests = parts.map((part) => part(negated));
        // De Morgan: a negated AND is an OR of negations, and the other way round.
        return (clause.type === 'and') !== negated ? (i) => tests.every((t) => t(i)) : (i) => tests.some((t) => t(i));
      };
    }
    case 'terminal':
      return checkTerminal(clause, context, fields, messages);
  }
}

type Item = { empty: true } | { empty: false; prepared: Prepared } | { empty: false; text: TextMatcher };

function checkTerminal(clause: JqlTerminal, context: JqlContext, fields: ReadonlyMap<string, FieldSpec>, messages: string[]): Built {
  const failed: Built = () => () => false;
  const label = fieldLabel(clause.field);
  const { operator, operand } = clause;
  const lookup = lookupField(clause.field, context, fields);
  if (!lookup.ok) return fail(messages, lookup.message, failed);
  const spec = lookup.spec;
  const isList = operand.type === 'list' || operand.type === 'function';
  if (LIST_OPERATORS.has(operator) && !isList) {
    return fail(messages, `Operator '${operator}' does not support the non-list value '${printOperand(operand)}' for field '${label}'.`, failed);
  }
  if (!LIST_OPERATORS.has(operator) && operand.type === 'list') {
    return fail(messages, `Operator '${operator}' does not support the list value '${printOperand(operand)}' for field '${label}'.`, failed);
  }
  if (!spec.operators.has(operator)) {
    const message = spec.jiraOnly?.has(operator)
      ? `The operator '${operator}' on the field '${label}' is not supported by this simulated Jira site.`
      : `The operator '${operator}' is not supported by the '${label}' field.`;
    return fail(messages, message, failed);
  }
  const items: Item[] = [];
  for (const unit of flatten(operand)) {
    const item = prepareItem(unit, clause, spec, label, context);
    if (typeof item === 'string') return fail(messages, item, failed);
    items.push(...item);
  }
  return (negated) => predicate(negated ? NEGATED[operator] : operator, items, spec);
}

function fail(messages: string[], message: string, failed: Built): Built {
  messages.push(message);
  return failed;
}

function flatten(operand: JqlOperand): (JqlOperand & { type: 'string' | 'number' | 'empty' | 'function' })[] {
  return operand.type === 'list' ? operand.items.flatMap(flatten) : [operand];
}

/** The items one operand value stands for (a function may stand for none), or an error message. */
function prepareItem(
  operand: JqlOperand & { type: 'string' | 'number' | 'empty' | 'function' },
  clause: JqlTerminal,
  spec: FieldSpec,
  label: string,
  context: JqlContext,
): Item[] | string {
  const operator = clause.operator;
  if (operand.type === 'empty') {
    if (!spec.emptyable) return `The field '${label}' does not support searching for EMPTY values.`;
    if (RANGES.has(operator) || operator === '~' || operator === '!~') {
      return `The operator '${operator}' does not support searching for EMPTY values on the field '${label}'.`;
    }
    return [{ empty: true }];
  }
  let units: Unit[];
  if (operand.type === 'function') {
    const result = callFunction(operand.name, operand.args, label, spec.valueKind, context);
    if (!result.ok) return result.message;
    units = result.values.map((value) => (value.kind === 'instant' ? { kind: 'instant', ms: value.ms } : { kind: 'user', accountId: value.accountId }));
  } else {
    units = [operand.type === 'number' ? { kind: 'number', value: operand.value } : { kind: 'string', value: operand.value }];
  }
  const items: Item[] = [];
  for (const unit of units) {
    if (operator === '~' || operator === '!~') {
      const query = unit.kind === 'string' || unit.kind === 'number' ? unit.value : '';
      const text = compileTextQuery(query, label);
      if (!text.ok) return text.message;
      items.push({ empty: false, text: text.matches });
      continue;
    }
    const prepared = spec.prepare?.(unit, label, operator) ?? { error: `The operator '${operator}' is not supported by the '${label}' field.` };
    if ('error' in prepared) return prepared.error;
    items.push({ empty: false, prepared });
  }
  return items;
}

function predicate(operator: JqlOperator, items: readonly Item[], spec: FieldSpec): Predicate {
  const empty = spec.isEmpty;
  const values = items.flatMap((item) => ('prepared' in item ? [item.prepared] : []));
  const texts = items.flatMap((item) => ('text' in item ? [item.text] : []));
  const wantsEmpty = items.some((item) => item.empty);
  const anyEquals = (i: JqlIssue): boolean => values.some((value) => value.equals(i));
  const ordered = (test: (order: number) => boolean): Predicate => (i) =>
    values.some((value) => { const order = value.compare?.(i) ?? null; return order !== null && test(order); });
  const read = (i: JqlIssue): string[] => spec.texts?.(i) ?? [];
  switch (operator) {
    case '=':
    case 'in':
      return (i) => (wantsEmpty && empty(i)) || anyEquals(i);
    case '!=':
    case 'not in':
      // Jira: != and NOT IN never match an issue without a value, even NOT IN (EMPTY, x) and currentUser()
      // for an anonymous searcher, where there is nothing to exclude.
      return (i) => !empty(i) && !anyEquals(i);
    case 'is':
      return empty;
    case 'is not':
      return (i) => !empty(i);
    case '>':
      return ordered((order) => order > 0);
    case '>=':
      return ordered((order) => order >= 0);
    case '<':
      return ordered((order) => order < 0);
    case '<=':
      return ordered((order) => order <= 0);
    case '~':
      return (i) => !empty(i) && texts.some((matches) => matches(read(i)));
    case '!~':
      return (i) => !empty(i) && !texts.some((matches) => matches(read(i)));
  }
}
