/**
 * The operator catalogue: every operator a rule may use, with its arity and a one-line description. The validator
 * checks rules against it, the JSON Schema offers it to editors, and the evaluator (issue 3) implements exactly it.
 * Arity is stricter than json-logic-js where a looser call can only be a mistake in a rule (`{"if":[x]}`, `{"==":[a]}`);
 * docs/decisions/0002-operator-arity.md lists those choices.
 */
export type OperatorSpec = {
  /** Fewest and most arguments; `Infinity` for variadic. */
  min: number;
  max: number;
  kind: 'core' | 'jira';
  /** How the second argument is evaluated: against each element (`element`) or {current, accumulator} (`reduce`). */
  iterates?: 'element' | 'reduce';
  description: string;
};

const core = (min: number, max: number, description: string, iterates?: 'element' | 'reduce'): OperatorSpec =>
  iterates ? { min, max, kind: 'core', iterates, description } : { min, max, kind: 'core', description };
const jira = (min: number, max: number, description: string): OperatorSpec => ({ min, max, kind: 'jira', description });

export const OPERATORS = {
  var: core(0, 2, 'Read a value from the data by dotted path, with an optional default'),
  missing: core(1, Infinity, 'The listed paths that have no value'),
  missing_some: core(2, 2, '[need, paths]: the missing paths if fewer than `need` are present'),
  if: core(2, Infinity, '[cond, then, cond2, then2, ..., else]'),
  '==': core(2, 2, 'Equal, with JSON-Logic type coercion'),
  '===': core(2, 2, 'Strictly equal'),
  '!=': core(2, 2, 'Not equal, with coercion'),
  '!==': core(2, 2, 'Strictly not equal'),
  '!': core(1, 1, 'Not (falsy test)'),
  '!!': core(1, 1, 'Truthy test'),
  or: core(1, Infinity, 'The first truthy argument, or the last'),
  and: core(1, Infinity, 'The first falsy argument, or the last'),
  '>': core(2, 2, 'Greater than'),
  '>=': core(2, 2, 'Greater than or equal'),
  '<': core(2, 3, 'Less than; with three arguments, strictly between'),
  '<=': core(2, 3, 'Less than or equal; with three arguments, between inclusive'),
  max: core(1, Infinity, 'The largest number'),
  min: core(1, Infinity, 'The smallest number'),
  '+': core(1, Infinity, 'Sum (one argument: convert to a number)'),
  '-': core(1, 2, 'Difference (one argument: negate)'),
  '*': core(1, Infinity, 'Product'),
  '/': core(2, 2, 'Quotient'),
  '%': core(2, 2, 'Remainder'),
  map: core(2, 2, '[array, logic]: logic applied to each element', 'element'),
  filter: core(2, 2, '[array, logic]: the elements for which logic is truthy', 'element'),
  reduce: core(3, 3, '[array, logic, initial]: fold with {current, accumulator}; the initial value is required (decision 0005)', 'reduce'),
  all: core(2, 2, '[array, logic]: true when logic holds for every element of a non-empty array', 'element'),
  none: core(2, 2, '[array, logic]: true when logic holds for no element', 'element'),
  some: core(2, 2, '[array, logic]: true when logic holds for some element', 'element'),
  merge: core(0, Infinity, 'Arrays flattened one level into one'),
  in: core(2, 2, '[needle, haystack]: substring of a string or element of an array'),
  cat: core(1, Infinity, 'Strings joined'),
  substr: core(2, 3, '[string, start, length]: part of a string'),
  date: jira(1, 1, 'An ISO-8601 string or epoch ms as epoch ms; null when not a date'),
  daysSince: jira(1, 1, 'Days from a date to now, fractional; null when not a date'),
  hoursSince: jira(1, 1, 'Hours from a date to now, fractional; null when not a date'),
  lower: jira(1, 1, 'The string in lower case'),
  upper: jira(1, 1, 'The string in upper case'),
  startsWith: jira(2, 2, '[string, prefix]: case-sensitive'),
  endsWith: jira(2, 2, '[string, suffix]: case-sensitive'),
  contains: jira(2, 2, '[string, part]: case-sensitive'),
  length: jira(1, 1, 'Length of a string or array; 0 for anything else'),
  matches: jira(2, 2, '[string, pattern]: regular expression test; the pattern must be a literal'),
  changed: jira(1, 1, 'True when the changelog has that field (name or fieldId)'),
  changedFrom: jira(2, 2, '[field, value]: the field changed from value'),
  changedTo: jira(2, 2, '[field, value]: the field changed to value'),
} as const satisfies Record<string, OperatorSpec>;

export type OperatorName = keyof typeof OPERATORS;
export const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[];

export function isOperator(name: string): name is OperatorName {
  return Object.hasOwn(OPERATORS, name);
}

/** Operators other JSON-Logic implementations have that a rule may not use, with the reason an admin is given. */
export const REFUSED_OPERATORS: Readonly<Record<string, string>> = {
  log: '"log" is not allowed: rules never write to the console; use a "record" action to keep a value.',
  method: '"method" is not allowed: rules cannot call functions.',
  '?:': 'Use "if" instead of "?:".',
  preserve: '"preserve" is not supported.',
  val: '"val" is not supported; use "var".',
  exists: '"exists" is not supported; use "missing".',
  '??': '"??" is not supported; use {"var": [path, default]} or "if".',
  try: '"try" is not supported.',
  throw: '"throw" is not supported.',
  some_missing: 'Use "missing_some".',
};
