/**
 * Every limit a rule document is held to, in one place. The spec names the first group; the rest are ours, chosen
 * so that one rule (with its versions' metadata) fits comfortably in one Forge KVS value (240 KiB) and evaluates in
 * microseconds. docs/validation-codes.md explains each to admins.
 */
export const RULE_LIMITS = {
  // Linear: the repeated part is bounded ({0,62}) and unnested; safe-regex counts the optional group as nesting.
  // eslint-disable-next-line security/detect-unsafe-regex
  idPattern: /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
  nameMax: 120,
  descriptionMax: 2000,
  letMax: 20,
  // The names a data path can never reach (read-data.ts) cannot name a let value either.
  letNamePattern: /^(?!(?:__proto__|constructor|prototype)$)[A-Za-z_][A-Za-z0-9_]{0,39}$/,
  actionsMin: 1,
  actionsMax: 10,
  maxIssuesDefault: 1000,
  maxIssuesMax: 100_000,
  maxRunsPerHourDefault: 500,
  maxRunsPerHourMax: 10_000,
  cronMax: 100,
  timezoneDefault: 'UTC',
  timezoneMax: 64,
  jqlMax: 2000,
  // Jira's project key rule: an uppercase letter, then uppercase letters, digits or underscores.
  projectKeyPattern: /^[A-Z][A-Z0-9_]{0,254}$/,
  scopeProjectsMax: 100,
  scopeIssueTypesMax: 50,
  issueTypeNameMax: 255,
  fieldsMax: 50,
  fieldNameMax: 255,
  labelsMax: 20,
  // Jira rejects labels with whitespace and longer than 255 characters.
  labelPattern: /^\S{1,255}$/,
  commentBodyMax: 10_000,
  recordNamePattern: /^[a-z][a-z0-9_-]{0,63}$/,
  accountIdMax: 128,
  transitionMax: 255,
} as const;

/** Limits on the document as a whole, checked before anything else reads it (so hostile input is cheap to reject). */
export const DOCUMENT_LIMITS = {
  /** JSON nesting depth. Logic depth (below) is the binding limit; this one guards every recursive reader. */
  depth: 100,
  /** Values of any kind (objects, arrays, primitives). */
  nodes: 20_000,
  /** Approximate serialised size in UTF-16 code units. */
  bytes: 128 * 1024,
  /** Elements of one array anywhere in the document. */
  arrayLength: 1000,
  /** Characters of one string anywhere in the document: a guard, ten times the longest legitimate text. */
  stringLength: 100_000,
  /** Properties of one object anywhere in the document. */
  objectKeys: 1000,
} as const;

/** Limits on JSON-Logic expressions (all of a rule's expressions together for the node count). */
export const LOGIC_LIMITS = {
  /** Operators nested inside one another. */
  depth: 32,
  /** Values in all of a rule's expressions together. */
  nodes: 2000,
  /** Characters of one text literal in an expression (the same as a comment body). */
  stringLength: 10_000,
  /** A `matches` pattern's length. */
  patternLength: 500,
} as const;

/** The Jira product events a rule may listen to (spec: Triggers). */
export const SUPPORTED_EVENTS = [
  'avi:jira:created:issue',
  'avi:jira:updated:issue',
  'avi:jira:deleted:issue',
  'avi:jira:assigned:issue',
  'avi:jira:commented:issue',
] as const;
export type SupportedEvent = (typeof SUPPORTED_EVENTS)[number];

/** The roots of the data a rule reads (spec: What a rule reads). */
export const DATA_ROOTS = ['issue', 'changelog', 'comment', 'event', 'schedule', 'now', 'rule', 'let'] as const;
