/**
 * The parsed form of a JQL query, before any field or value is looked up. It keeps what Jira's own parser keeps:
 * AND and OR are n-ary (a parenthesised group stays its own node), field names are kept as written (Jira's
 * messages quote them that way) and EMPTY and NULL are one operand.
 */
export type JqlQuery = { where: JqlClause | null; orderBy: JqlSort[] };

export type JqlClause =
  | { type: 'and'; clauses: JqlClause[] }
  | { type: 'or'; clauses: JqlClause[] }
  | { type: 'not'; clause: JqlClause }
  | JqlTerminal;

export type JqlTerminal = { type: 'terminal'; field: JqlFieldRef; operator: JqlOperator; operand: JqlOperand };

/** `cf[10010]` is `{kind: 'cf', id: '10010'}`; every other spelling (quoted or not) is a name. */
export type JqlFieldRef = { kind: 'name'; name: string } | { kind: 'cf'; id: string };

export const OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', '~', '!~', 'is', 'is not'] as const;
export type JqlOperator = (typeof OPERATORS)[number];

/**
 * A bare run of digits is a number (Jira's lexer makes it a Long, which matters for dates: `created > 5` is
 * 5 ms after the epoch, `created > "5"` is five minutes from now); every other value is a string.
 */
export type JqlOperand =
  | { type: 'string'; value: string }
  | { type: 'number'; value: string }
  | { type: 'empty' }
  | { type: 'function'; name: string; args: string[] }
  | { type: 'list'; items: JqlOperand[] };

/** `direction: null` means the field's own default order, as in Jira (created and priority sort descending). */
export type JqlSort = { field: JqlFieldRef; direction: 'asc' | 'desc' | null };

export function fieldLabel(field: JqlFieldRef): string {
  return field.kind === 'cf' ? `cf[${field.id}]` : field.name;
}
