/** Jira's 400 body for a rejected JQL query. JQL problems never fill `errors`; they are all `errorMessages`. */
export type JqlError = { errorMessages: string[]; errors: Record<string, string> };

export function jqlError(messages: readonly string[]): JqlError {
  return { errorMessages: [...messages], errors: {} };
}

/**
 * Thrown inside the lexer and parser only; parseJql turns it into a JqlError. A syntax error stops parsing, so
 * there is exactly one message, as in Jira.
 */
export class JqlSyntaxError extends Error {
  constructor(readonly jqlMessage: string) {
    super(jqlMessage);
    this.name = 'JqlSyntaxError';
  }
}

/** Where a token starts, as Jira counts it: line from 1, character from 1. */
export type Position = { line: number; char: number };

const PREFIX = 'Error in the JQL Query: ';
const at = (pos: Position): string => ` (line ${pos.line}, character ${pos.char})`;
const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const VALID_ESCAPES = "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";

/**
 * Syntax messages. The wording is Jira's where a real response was found (see docs/decisions/0010-jql-subset.md);
 * `got` is the offending token exactly as written, `null` meaning the end of the query.
 */
export const syntax = {
  unfinishedString: (text: string, pos: Position): string =>
    text.trim() === ''
      ? `${PREFIX}The quoted string has not been completed.${at(pos)}`
      : `${PREFIX}The quoted string '${text.replace(/[\r\n]/g, ' ')}' has not been completed.${at(pos)}`,
  illegalEscape: (escape: string, pos: Position): string =>
    escape === '\\'
      ? `${PREFIX}The escape sequence has not been completed. ${VALID_ESCAPES}${at(pos)}`
      : `${PREFIX}'${escape}' is an illegal JQL escape sequence. ${VALID_ESCAPES}${at(pos)}`,
  reservedCharacter: (char: string, pos: Position): string =>
    `${PREFIX}The character '${char}' is a reserved JQL character. You must enclose it in a string or use the escape '${unicodeEscape(char)}' instead.${at(pos)}`,
  illegalCharacter: (char: string, pos: Position): string =>
    `${PREFIX}The character '${printable(char)}' must be escaped. Use the escape '${unicodeEscape(char)}' instead.${at(pos)}`,
  reservedWord: (word: string, pos: Position): string =>
    `${PREFIX}'${word}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.${at(pos)}`,
  illegalNumber: (text: string, pos: Position): string =>
    `${PREFIX}'${text}' is not a valid number. Numbers must be between -9223372036854775808 and 9223372036854775807.${at(pos)}`,
  expectingField: (got: string | null, pos: Position): string =>
    got === null
      ? `${PREFIX}Expecting a field name before the end of the query.`
      : `${PREFIX}Expecting a field name but got '${got}'. You must surround '${got}' in quotation marks to use it as a field name.${at(pos)}`,
  emptyFieldName: (pos: Position): string => `${PREFIX}The field name must not be empty.${at(pos)}`,
  expectingCustomFieldId: (got: string | null, pos: Position): string =>
    `${PREFIX}Expecting a custom field id enclosed by '[ ]' after 'cf'. Example: 'cf[10021]'.${got === null ? '' : at(pos)}`,
  expectingOperator: (got: string | null, pos: Position): string =>
    got === null
      ? `${PREFIX}Expecting operator before the end of the query. ${VALID_OPERATORS}`
      : `${PREFIX}Expecting operator but got '${got}'. ${VALID_OPERATORS}${at(pos)}`,
  expectingOperand: (got: string | null, pos: Position): string =>
    got === null
      ? `${PREFIX}Expecting either a value, list or function before the end of the query.`
      : `${PREFIX}Expecting either a value, list or function but got '${got}'. You must surround '${got}' in quotation marks to use it as a value.${at(pos)}`,
  expectingLogical: (got: string, pos: Position): string => `${PREFIX}Expecting either 'OR' or 'AND' but got '${got}'.${at(pos)}`,
  expectingToken: (token: string, got: string | null, pos: Position): string =>
    got === null ? `${PREFIX}Expecting '${token}' before the end of the query.` : `${PREFIX}Expecting '${token}' but got '${got}'.${at(pos)}`,
  expectingEither: (first: string, second: string, got: string | null, pos: Position): string =>
    got === null
      ? `${PREFIX}Expecting '${first}' or '${second}' before the end of the query.`
      : `${PREFIX}Expecting '${first}' or '${second}' but got '${got}'.${at(pos)}`,
  expectingArgument: (got: string | null, pos: Position): string =>
    got === null
      ? `${PREFIX}Expecting a function argument before the end of the query.`
      : `${PREFIX}Expecting a function argument but got '${got}'. You must surround '${got}' in quotation marks to use it as a value.${at(pos)}`,
  tooDeep: (limit: number): string => `${PREFIX}The query nests parentheses and NOT more than ${limit} levels deep.`,
  unsupportedOperator: (operator: string): string =>
    `The operator '${operator}' is not supported by this simulated Jira site: history searches (WAS, CHANGED) are outside its JQL subset.`,
};

function unicodeEscape(char: string): string {
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

function printable(char: string): string {
  if (char === '\t') return 'TAB';
  const code = char.codePointAt(0) ?? 0;
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(char) ? char : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
