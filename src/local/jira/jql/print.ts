import type { JqlClause, JqlFieldRef, JqlOperand, JqlQuery, JqlSort } from './ast.js';
import { isSafeBareWord } from './reserved.js';

/**
 * Writes a query back as JQL that parses to the same AST: strings are always quoted, and a group is
 * parenthesised whenever leaving the parentheses out would change how the parser nests it.
 */
export function printJql(query: JqlQuery): string {
  const where = query.where ? printClause(query.where) : '';
  if (query.orderBy.length === 0) return where;
  const order = `ORDER BY ${query.orderBy.map(printSort).join(', ')}`;
  return where ? `${where} ${order}` : order;
}

export function printClause(clause: JqlClause): string {
  switch (clause.type) {
    case 'and':
      // Any group inside an AND needs parentheses: without them an inner AND would merge into this one.
      return clause.clauses.map((c) => (c.type === 'and' || c.type === 'or' ? `(${printClause(c)})` : printClause(c))).join(' AND ');
    case 'or':
      return clause.clauses.map((c) => (c.type === 'or' ? `(${printClause(c)})` : printClause(c))).join(' OR ');
    case 'not':
      return clause.clause.type === 'and' || clause.clause.type === 'or'
        ? `NOT (${printClause(clause.clause)})`
        : `NOT ${printClause(clause.clause)}`;
    case 'terminal':
      return `${printField(clause.field)} ${clause.operator.toUpperCase()} ${printOperand(clause.operand)}`;
  }
}

export function printField(field: JqlFieldRef): string {
  if (field.kind === 'cf') return `cf[${field.id}]`;
  return isSafeBareWord(field.name) ? field.name : quote(field.name);
}

export function printOperand(operand: JqlOperand): string {
  switch (operand.type) {
    case 'string':
      return quote(operand.value);
    case 'number':
      return operand.value;
    case 'empty':
      return 'EMPTY';
    case 'function':
      return `${operand.name}(${operand.args.map(quote).join(', ')})`;
    case 'list':
      return `(${operand.items.map(printOperand).join(', ')})`;
  }
}

function printSort(sort: JqlSort): string {
  return sort.direction ? `${printField(sort.field)} ${sort.direction.toUpperCase()}` : printField(sort.field);
}

/** A double-quoted JQL string; control characters go out as \uXXXX so the lexer accepts them back. */
export function quote(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xfdd0 && code <= 0xfdef) || code === 0xfffe || code === 0xffff) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return `${out}"`;
}
