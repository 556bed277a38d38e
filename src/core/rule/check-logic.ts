import { isOperator, OPERATORS, OPERATOR_NAMES, REFUSED_OPERATORS, type OperatorName } from '../logic/operators.js';
import { checkPattern } from '../logic/pattern-safety.js';
import type { IssueCode, ValidationIssue } from './issue-codes.js';
import { child } from './json-pointer.js';
import { DATA_ROOTS, LOGIC_LIMITS } from './limits.js';
import { didYouMean } from './suggest.js';

/**
 * The grammar of a rule's JSON-Logic: operators from the allow-list with the right number of arguments, `var` paths
 * that are literal, safe and rooted in the data a rule reads, `let` references to earlier names only, `matches`
 * patterns that cannot backtrack catastrophically, and the size limits. Reads untrusted input defensively: the
 * document has passed inspectDocument (JSON, depth <= 100), nothing more.
 */
export type LogicScope =
  /** The rule's data: issue, changelog, comment, event, schedule, now, rule, let. */
  | 'data'
  /** Inside map/filter/all/none/some: the current element, whatever it is. */
  | 'element'
  /** Inside reduce: {current, accumulator}. */
  | 'reduce';

export type LogicPosition = {
  scope: LogicScope;
  /** Every name the rule's `let` declares, in order. */
  letNames: readonly string[];
  /** When checking let[i]: i. References to let names at or after it are errors. */
  letIndex?: number;
  /**
   * setField values: an object that is not a single-operator expression is a literal Jira REST value
   * (e.g. {"name":"High"}); its members may still be expressions. docs/decisions/0001-setfield-values.md.
   */
  literalObjects?: boolean;
};

/** Shared by every expression of one rule, so the node limit applies to the rule as a whole. */
export class LogicBudget {
  nodes = 0;
  exceeded = false;
}

const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const TOO_BROAD = new Set(['', 'issue', 'issue.fields']);
const REDUCE_ROOTS = ['current', 'accumulator'];

export function checkLogic(
  value: unknown,
  path: string,
  position: LogicPosition,
  budget: LogicBudget,
  issues: ValidationIssue[],
): void {
  walk(value, path, position, 0, budget, issues);
}

function walk(value: unknown, path: string, pos: LogicPosition, depth: number, budget: LogicBudget, issues: ValidationIssue[]): void {
  if (budget.exceeded) return;
  if (++budget.nodes > LOGIC_LIMITS.nodes) {
    budget.exceeded = true;
    issues.push({ path, code: 'LOGIC_TOO_LARGE', message: `A rule's expressions have at most ${LOGIC_LIMITS.nodes} values in all; simplify them or use "let".` });
    return;
  }
  if (typeof value === 'string' && value.length > LOGIC_LIMITS.stringLength) {
    issues.push({ path, code: 'STRING_TOO_LONG', message: `This text has ${value.length} characters; an expression's texts have at most ${LOGIC_LIMITS.stringLength}.` });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => { walk(item, child(path, i), pos, depth, budget, issues); });
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const op = keys.length === 1 ? (keys[0] as string) : undefined;
  if (op === undefined || (pos.literalObjects === true && !isOperator(op) && !(op in REFUSED_OPERATORS))) {
    if (pos.literalObjects === true) {
      for (const key of keys) walk(record[key], child(path, key), pos, depth, budget, issues);
      return;
    }
    issues.push({
      path,
      code: 'INVALID_EXPRESSION',
      message: keys.length === 0
        ? 'An empty object is not an expression: write one operator, e.g. {"==": [a, b]}.'
        : `An expression has exactly one operator; this object has ${keys.length} (${keys.slice(0, 5).join(', ')}). Combine them with "and" or "or".`,
    });
    return;
  }
  const opPath = child(path, op);
  const refused = REFUSED_OPERATORS[op];
  if (refused !== undefined && Object.hasOwn(REFUSED_OPERATORS, op)) {
    issues.push({ path: opPath, code: 'OPERATOR_NOT_ALLOWED', message: refused });
    return;
  }
  if (!isOperator(op)) {
    issues.push({ path: opPath, code: 'UNKNOWN_OPERATOR', message: `"${op}" is not an operator a rule can use.${didYouMean(op, OPERATOR_NAMES)}` });
    return;
  }
  if (depth + 1 > LOGIC_LIMITS.depth) {
    issues.push({ path: opPath, code: 'LOGIC_TOO_DEEP', message: `Expressions nest at most ${LOGIC_LIMITS.depth} operators deep; split this one with "let".` });
    return;
  }
  const raw = record[op];
  const args = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const argPath = (i: number): string => (Array.isArray(raw) ? child(opPath, i) : opPath);
  const spec = OPERATORS[op];
  if (args.length < spec.min || args.length > spec.max) {
    issues.push({ path: opPath, code: 'INVALID_ARITY', message: arityMessage(op, args.length) });
    return;
  }
  const inner = { ...pos, literalObjects: false };
  const next = (arg: unknown, i: number, at: LogicPosition = inner): void => { walk(arg, argPath(i), at, depth + 1, budget, issues); };

  switch (op) {
    case 'var':
      checkVar(args, argPath, pos, issues);
      if (args.length > 1) next(args[1], 1);
      return;
    case 'missing':
      checkMissingPaths(Array.isArray(args[0]) && args.length === 1 ? (args[0] as unknown[]) : args, Array.isArray(args[0]) && args.length === 1 ? (i) => child(argPath(0), i) : argPath, pos, issues);
      return;
    case 'missing_some': {
      next(args[0], 0);
      const paths = args[1];
      if (!Array.isArray(paths)) issues.push({ path: argPath(1), code: 'VAR_PATH_NOT_LITERAL', message: '"missing_some" takes [need, ["path", ...]]: the paths must be a literal list.' });
      else checkMissingPaths(paths as unknown[], (i) => child(argPath(1), i), pos, issues);
      return;
    }
    case 'matches': {
      next(args[0], 0);
      const pattern = args[1];
      if (typeof pattern !== 'string') {
        issues.push({ path: argPath(1), code: 'PATTERN_NOT_LITERAL', message: 'The pattern of "matches" must be a literal string, so it can be checked when the rule is saved.' });
        return;
      }
      const verdict = checkPattern(pattern);
      if (!verdict.ok) issues.push({ path: argPath(1), code: verdict.code, message: verdict.message });
      return;
    }
    default: {
      const iterates = (spec as { iterates?: 'element' | 'reduce' }).iterates;
      args.forEach((arg, i) => {
        const scope: LogicScope | undefined = iterates !== undefined && i === 1 ? iterates : undefined;
        next(arg, i, scope ? { ...inner, scope } : inner);
      });
    }
  }
}

function arityMessage(op: OperatorName, count: number): string {
  const { min, max } = OPERATORS[op];
  const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  return `"${op}" takes ${wanted} argument${min === 1 && max === 1 ? '' : 's'}; found ${count}. (${OPERATORS[op].description}.)`;
}

function checkVar(args: unknown[], argPath: (i: number) => string, pos: LogicPosition, issues: ValidationIssue[]): void {
  const path = args[0];
  const at = argPath(0);
  if (path === undefined || path === null) {
    checkPath('', at, pos, issues);
  } else if (typeof path === 'string' || typeof path === 'number') {
    checkPath(String(path), at, pos, issues);
  } else {
    issues.push({ path: at, code: 'VAR_PATH_NOT_LITERAL', message: 'A "var" path must be a literal string such as "issue.fields.priority.name", so the rule can be checked and only the fields it reads are fetched.' });
  }
}

function checkMissingPaths(paths: unknown[], at: (i: number) => string, pos: LogicPosition, issues: ValidationIssue[]): void {
  paths.forEach((p, i) => {
    if (typeof p === 'string' || typeof p === 'number') checkPath(String(p), at(i), pos, issues);
    else issues.push({ path: at(i), code: 'VAR_PATH_NOT_LITERAL', message: 'The paths "missing" checks must be literal strings.' });
  });
}

function checkPath(text: string, path: string, pos: LogicPosition, issues: ValidationIssue[]): void {
  const push = (code: IssueCode, message: string): void => { issues.push({ path, code, message }); };
  const segments = text === '' ? [] : text.split('.');
  const unsafe = segments.find((s) => UNSAFE_SEGMENTS.has(s));
  if (unsafe !== undefined) {
    push('UNSAFE_VAR_PATH', `"${unsafe}" can never be read: a path reads a value's own data only.`);
    return;
  }
  if (segments.some((s) => s === '')) {
    push('INVALID_ARGUMENT', `The path "${text}" has an empty part; separate names with single dots.`);
    return;
  }
  const root = segments[0];
  if (pos.scope === 'element') return;
  if (pos.scope === 'reduce') {
    if (root !== undefined && !REDUCE_ROOTS.includes(root)) {
      push('UNKNOWN_VAR_ROOT', `Inside "reduce", paths start with "current" or "accumulator"; found "${root}".`);
    }
    return;
  }
  if (TOO_BROAD.has(text)) {
    push('VAR_PATH_TOO_BROAD', `Name the data you read (e.g. "issue.fields.status.name"): reading ${text === '' ? 'all the data' : `"${text}"`} as a whole would fetch every field of the issue.`);
    return;
  }
  if (root === undefined || !(DATA_ROOTS as readonly string[]).includes(root)) {
    const hint = root !== undefined && ['fields', 'key', 'id'].includes(root) ? ` Did you mean "issue.${text}"?` : didYouMean(root ?? '', DATA_ROOTS);
    push('UNKNOWN_VAR_ROOT', `"${text}" reads nothing: paths start with one of ${DATA_ROOTS.join(', ')}.${hint}`);
    return;
  }
  if (root === 'let' && segments.length > 1) checkLetReference(segments[1] ?? '', pos, push);
}

function checkLetReference(name: string, pos: LogicPosition, push: (code: IssueCode, message: string) => void): void {
  const index = pos.letNames.indexOf(name);
  if (index < 0) {
    push('LET_UNKNOWN_REFERENCE', `"let.${name}" is not defined in this rule's "let".${didYouMean(name, pos.letNames)}`);
  } else if (pos.letIndex !== undefined && index === pos.letIndex) {
    push('LET_SELF_REFERENCE', `"let.${name}" cannot read itself.`);
  } else if (pos.letIndex !== undefined && index > pos.letIndex) {
    push('LET_FORWARD_REFERENCE', `"let.${name}" is defined after this value; a "let" value can read only the ones before it. Move it earlier.`);
  }
}
