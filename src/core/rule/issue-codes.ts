/**
 * The closed set of validation issue codes. Codes are stable: tools and admins match on them, so one is never
 * renamed or reused for another meaning. docs/validation-codes.md documents each (a test keeps the two in sync).
 */
export const ISSUE_CODES = [
  // The document as a whole
  'NOT_JSON',
  'DOCUMENT_TOO_DEEP',
  'DOCUMENT_TOO_LARGE',
  'ARRAY_TOO_LONG',
  'STRING_TOO_LONG',
  'TOO_MANY_PROPERTIES',
  // Structure
  'REQUIRED',
  'INVALID_TYPE',
  'UNKNOWN_PROPERTY',
  'INVALID_VALUE',
  'INVALID_FORMAT',
  'TOO_SMALL',
  'TOO_BIG',
  'NOT_AN_INTEGER',
  'DUPLICATE_VALUE',
  'UNSUPPORTED_SCHEMA_VERSION',
  'UNKNOWN_TRIGGER_TYPE',
  'UNKNOWN_ACTION_TYPE',
  // Triggers
  'UNKNOWN_EVENT',
  'FIELDS_WITHOUT_UPDATED_EVENT',
  'INVALID_CRON',
  'UNSUPPORTED_CRON_FEATURE',
  'CRON_NEVER_DUE',
  'CRON_TOO_FREQUENT',
  'UNKNOWN_TIMEZONE',
  // Conditions (JSON-Logic)
  'UNKNOWN_OPERATOR',
  'OPERATOR_NOT_ALLOWED',
  'INVALID_ARITY',
  'INVALID_ARGUMENT',
  'INVALID_EXPRESSION',
  'LOGIC_TOO_DEEP',
  'LOGIC_TOO_LARGE',
  'UNSAFE_VAR_PATH',
  'VAR_PATH_NOT_LITERAL',
  'UNKNOWN_VAR_ROOT',
  'VAR_PATH_TOO_BROAD',
  'LET_FORWARD_REFERENCE',
  'LET_SELF_REFERENCE',
  'LET_UNKNOWN_REFERENCE',
  'PATTERN_NOT_LITERAL',
  'INVALID_PATTERN',
  'UNSAFE_PATTERN',
  // The validator itself
  'INTERNAL_ERROR',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/** One problem in a rule document: where (a JSON Pointer), what (a stable code) and what to change (words). */
export type ValidationIssue = { path: string; code: IssueCode; message: string };
