import { isOperator, OPERATORS, OPERATOR_NAMES, REFUSED_OPERATORS, type OperatorName, type OperatorSpec } from '../logic/operators.js';
import { checkPattern, type PatternVerdict } from '../logic/pattern-safety.js';
import type { IssueCode, ValidationIssue } from './issue-codes.js';
import { down, render, type LazyPath } from './json-pointer.js';
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
  walk(value, path, position, 0, { budget, issues });
}

type Sink = { budget: LogicBudget; issues: ValidationIssue[] };

function report(sink: Sink, path: LazyPath, code: IssueCode, message: string): void {
  sink.issues.push({ path: render(path), code, message });
}

function walk(value: unknown, path: LazyPath, pos: LogicPosition, depth: number, sink: Sink): void {
  const { budget } = sink;
  if (budget.exceeded) return;
  if (++budget.nodes > LOGIC_LIMITS.nodes) {
    budget.exceeded = true;
    report(sink, path, 'LOGIC_TOO_LARGE', `A rule's expressions have at most ${LOGIC_LIMITS.nodes} values in all; simplify them or use "let".`);
    return;
  }
  if (typeof value === 'string' && value.length > LOGIC_LIMITS.stringLength) {
    report(sink, path, 'STRING_TOO_LONG', `This text has ${value.length} characters; an expression's texts have at most ${LOGIC_LIMITS.stringLength}.`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], down(path, i), pos, depth, sink);
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const op = keys.length === 1 ? (keys[0] as string) : undefined;
  if (op === undefined || (pos.literalObjects === true && !isOperator(op) && !Object.hasOwn(REFUSED_OPERATORS, op))) {
    if (pos.literalObjects === true) {
      for (const key of keys) walk(record[key], down(path, key), pos, depth, sink);
      return;
    }
    report(sink, path, 'INVALID_EXPRESSION', keys.length === 0
      ? 'An empty object is not an expression: write one operator, e.g. {"==": [a, b]}.'
      : `An expression has exactly one operator; this object has ${keys.length} (${keys.slice(0, 5).join(', ')}). Combine them with "and" or "or".`);
    return;
  }
  const opPath = down(path, op);
  if (Object.hasOwn(REFUSED_OPERATORS, op)) {
    report(sink, opPath, 'OPERATOR_NOT_ALLOWED', REFUSED_OPERATORS[op] ?? '');
    return;
  }
  if (!isOperator(op)) {
    report(sink, opPath, 'UNKNOWN_OPERATOR', `"${op}" is not an operator a rule can use.${didYouMean(op, OPERATOR_NAMES)}`);
    return;
  }
  if (depth + 1 > LOGIC_LIMITS.depth) {
    report(sink, opPath, 'LOGIC_TOO_DEEP', `Expressions nest at most ${LOGIC_LIMITS.depth} operators deep; split this one with "let".`);
    return;
  }
  const raw = record[op];
  const listed = Array.isArray(raw);
  const args = listed ? (raw as unknown[]) : [raw];
  // {"op": x} is {"op": [x]}; the argument's path is then the operator's own.
  const argPath = (i: number): LazyPath => (listed ? down(opPath, i) : opPath);
  const spec: OperatorSpec = OPERATORS[op];
  if (args.length < spec.min || args.length > spec.max) {
    report(sink, opPath, 'INVALID_ARITY', arityMessage(op, args.length));
    return;
  }
  const inner = pos.literalObjects === true ? { ...pos, literalObjects: false } : pos;

  switch (op) {
    case 'var':
      checkVar(args[0], argPath(0), pos, sink);
      if (args.length > 1) walk(args[1], argPath(1), inner, depth + 1, sink);
      return;
    case 'missing': {
      // JSON-Logic also takes one list of paths: {"missing": [["a", "b"]]}.
      const single = args.length === 1 && Array.isArray(args[0]);
      checkPathList(single ? (args[0] as unknown[]) : args, single ? argPath(0) : undefined, argPath, pos, sink);
      return;
    }
    case 'missing_some': {
      walk(args[0], argPath(0), inner, depth + 1, sink);
      const paths = args[1];
      if (Array.isArray(paths)) checkPathList(paths as unknown[], argPath(1), argPath, pos, sink);
      else report(sink, argPath(1), 'VAR_PATH_NOT_LITERAL', '"missing_some" takes [need, ["path", ...]]: the paths must be a literal list.');
      return;
    }
    case 'matches': {
      walk(args[0], argPath(0), inner, depth + 1, sink);
      const pattern = args[1];
      if (typeof pattern !== 'string') {
        report(sink, argPath(1), 'PATTERN_NOT_LITERAL', 'The pattern of "matches" must be a literal string, so it can be checked when the rule is saved.');
        return;
      }
      const verdict = checkPatternOnce(pattern);
      if (!verdict.ok) report(sink, argPath(1), verdict.code, verdict.message);
      return;
    }
    default:
      for (let i = 0; i < args.length; i++) {
        // The second argument of an iterator is read against each element (or {current, accumulator}).
        const at = spec.iterates !== undefined && i === 1 ? { ...inner, scope: spec.iterates } : inner;
        walk(args[i], argPath(i), at, depth + 1, sink);
      }
  }
}

// Rules are validated again on every save, import and ruleset rebuild; a pattern's verdict never changes, and the
// analysis costs far more than the lookup. Bounded, because documents are untrusted.
const patternVerdicts = new Map<string, PatternVerdict>();

function checkPatternOnce(pattern: string): PatternVerdict {
  let verdict = patternVerdicts.get(pattern);
  if (verdict === undefined) {
    verdict = checkPattern(pattern);
    if (patternVerdicts.size >= 500) patternVerdicts.clear();
    patternVerdicts.set(pattern, verdict);
  }
  return verdict;
}

function arityMessage(op: OperatorName, count: number): string {
  const { min, max } = OPERATORS[op];
  const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  return `"${op}" takes ${wanted} argument${min === 1 && max === 1 ? '' : 's'}; found ${count}. (${OPERATORS[op].description}.)`;
}

function checkVar(path: unknown, at: LazyPath, pos: LogicPosition, sink: Sink): void {
  if (path === undefined || path === null) {
    checkPath('', at, pos, sink);
  } else if (typeof path === 'string' || typeof path === 'number') {
    checkPath(String(path), at, pos, sink);
  } else {
    report(sink, at, 'VAR_PATH_NOT_LITERAL', 'A "var" path must be a literal string such as "issue.fields.priority.name", so the rule can be checked and only the fields it reads are fetched.');
  }
}

/** Paths of missing/missing_some: in a list at `listPath`, or (no list) each the operator's i-th argument. */
function checkPathList(paths: unknown[], listPath: LazyPath | undefined, argPath: (i: number) => LazyPath, pos: LogicPosition, sink: Sink): void {
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    const at = listPath === undefined ? argPath(i) : down(listPath, i);
    if (typeof p === 'string' || typeof p === 'number') checkPath(String(p), at, pos, sink);
    else report(sink, at, 'VAR_PATH_NOT_LITERAL', 'The paths "missing" checks must be literal strings.');
  }
}

function checkPath(text: string, at: LazyPath, pos: LogicPosition, sink: Sink): void {
  const segments = text === '' ? [] : text.split('.');
  for (const s of segments) {
    if (UNSAFE_SEGMENTS.has(s)) {
      report(sink, at, 'UNSAFE_VAR_PATH', `"${s}" can never be read: a path reads a value's own data only.`);
      return;
    }
    if (s === '') {
      report(sink, at, 'INVALID_ARGUMENT', `The path "${text}" has an empty part; separate names with single dots.`);
      return;
    }
  }
  const root = segments[0];
  if (pos.scope === 'element') return;
  if (pos.scope === 'reduce') {
    if (root !== undefined && !REDUCE_ROOTS.includes(root)) {
      report(sink, at, 'UNKNOWN_VAR_ROOT', `Inside "reduce", paths start with "current" or "accumulator"; found "${root}".`);
    }
    return;
  }
  if (TOO_BROAD.has(text)) {
    report(sink, at, 'VAR_PATH_TOO_BROAD', `Name the data you read (e.g. "issue.fields.status.name"): reading ${text === '' ? 'all the data' : `"${text}"`} as a whole would fetch every field of the issue.`);
    return;
  }
  if (root === undefined || !(DATA_ROOTS as readonly string[]).includes(root)) {
    const hint = root !== undefined && ['fields', 'key', 'id'].includes(root) ? ` Did you mean "issue.${text}"?` : didYouMean(root ?? '', DATA_ROOTS);
    report(sink, at, 'UNKNOWN_VAR_ROOT', `"${text}" reads nothing: paths start with one of ${DATA_ROOTS.join(', ')}.${hint}`);
    return;
  }
  if (root === 'let' && segments.length > 1) checkLetReference(segments[1] ?? '', at, pos, sink);
}

function checkLetReference(name: string, at: LazyPath, pos: LogicPosition, sink: Sink): void {
  const index = pos.letNames.indexOf(name);
  if (index < 0) {
    report(sink, at, 'LET_UNKNOWN_REFERENCE', `"let.${name}" is not defined in this rule's "let".${didYouMean(name, pos.letNames)}`);
  } else if (pos.letIndex !== undefined && index === pos.letIndex) {
    report(sink, at, 'LET_SELF_REFERENCE', `"let.${name}" cannot read itself.`);
  } else if (pos.letIndex !== undefined && index > pos.letIndex) {
    report(sink, at, 'LET_FORWARD_REFERENCE', `"let.${name}" is defined after this value; a "let" value can read only the ones before it. Move it earlier.`);
  }
}
