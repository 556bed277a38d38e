import type { JqlQuery } from './ast.js';
import { isValidTimeZone } from './dates.js';
import { JqlSyntaxError, jqlError, type JqlError } from './errors.js';
import { compileWhere } from './evaluate.js';
import { fieldTable } from './fields.js';
import { compileOrder } from './order.js';
import { parseQuery } from './parser.js';
import type { JqlContext, JqlIssue } from './types.js';

export type { JqlClause, JqlFieldRef, JqlOperand, JqlOperator, JqlQuery, JqlSort, JqlTerminal } from './ast.js';
export type { JqlError } from './errors.js';
export type { JqlCatalog, JqlContext, JqlCustomField, JqlIssue } from './types.js';
export { printJql } from './print.js';

export type ParseResult = { ok: true; query: JqlQuery } | { ok: false; error: JqlError };
export type CompileResult =
  | { ok: true; query: JqlQuery; matches: (issue: JqlIssue) => boolean; compare: (a: JqlIssue, b: JqlIssue) => number }
  | { ok: false; error: JqlError };

/** What Jira's /search/jql answers (400) for a query without a search restriction: empty, or ORDER BY only. */
export const UNBOUNDED_JQL_MESSAGE = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
/** /search/jql takes at most this many ORDER BY fields (OpenAPI: "orderBy clause can contain a maximum of 7 fields"). */
export const MAX_ORDER_BY_FIELDS = 7;

/** Syntax only: no field or value is looked up. Never throws. */
export function parseJql(text: string): ParseResult {
  try {
    return { ok: true, query: parseQuery(text) };
  } catch (err) {
    if (err instanceof JqlSyntaxError) return { ok: false, error: jqlError([err.jqlMessage]) };
    throw err;
  }
}

/**
 * Parses and checks a query against the context and returns its test and its order. An empty query matches
 * every issue; without ORDER BY, issues come in Jira's default order (key, descending). All validation
 * problems are reported together, as Jira does. Never throws for any input text.
 */
export function compileJql(text: string, context: JqlContext): CompileResult {
  if (!isValidTimeZone(context.timeZone)) {
    return { ok: false, error: jqlError([`The time zone '${context.timeZone}' is not a known IANA time zone.`]) };
  }
  const parsed = parseJql(text);
  if (!parsed.ok) return parsed;
  const fields = fieldTable(context);
  const where = parsed.query.where ? compileWhere(parsed.query.where, context, fields) : { ok: true as const, value: () => true };
  const order = compileOrder(parsed.query.orderBy, context, fields);
  const messages = [...(where.ok ? [] : where.messages), ...(order.ok ? [] : order.messages)];
  if (!where.ok || !order.ok) return { ok: false, error: jqlError(messages) };
  return { ok: true, query: parsed.query, matches: where.value, compare: order.value };
}

/** Jira's "bounded" test: a query needs at least one search restriction, not just ORDER BY. */
export function isBoundedQuery(query: JqlQuery): boolean {
  return query.where !== null;
}
