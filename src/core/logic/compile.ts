import { escapeSegment as escapePointerToken } from '../rule/json-pointer.js';
import { budgetExceeded, EVAL_LIMITS, LogicFailure } from './failure.js';
import { preview, type Tracer } from './trace.js';

/** What a compiled node reads besides its scope: the run's root data (Jira operators read `now` and `changelog`
 *  there even inside iterators), the operations left, and the tracer when the run is traced. */
export type RunContext = { root: unknown; left: number; budget: number; tracer: Tracer | undefined };
export type Evaluate = (scope: unknown, ctx: RunContext) => unknown;

export type NodeInfo = {
  op: string;
  /** JSON Pointer of the operator key inside the expression. */
  path: string;
  /** The arguments as written, for operators that need literals (var paths, matches patterns). */
  raw: readonly unknown[];
  /** The path of argument i. */
  argPath(i: number): string;
};

export type OperatorImpl = {
  build(args: readonly Evaluate[], node: NodeInfo): Evaluate;
  /** Arguments evaluated against another scope (an iterator's per-item logic): traced as children, not arguments. */
  scoped?: readonly number[];
  /** The result depends on the argument values alone (not on the scope, the root data or `now`): with constant
   *  arguments the node is evaluated once, at compile time. */
  pure?: boolean;
  /** The built closure spends its own operation, so no counting wrapper is needed. */
  counts?: boolean;
};

export type Registry = ReadonlyMap<string, OperatorImpl>;
export type RefusedOperators = Readonly<Record<string, string>>;

/** JSON Logic's test for an operation: a plain object with exactly one key. Anything else is a value. */
export function operatorOf(logic: unknown): string | undefined {
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) return undefined;
  let found: string | undefined;
  for (const key in logic) {
    if (!Object.hasOwn(logic, key)) continue;
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}

/** A value with no operation anywhere inside: arrays are searched, objects that are not operations are values. */
export function isLiteral(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.every(isLiteral);
  return operatorOf(logic) === undefined;
}

const constants = new WeakMap<Evaluate, unknown>();
function constant(value: unknown): Evaluate {
  const fn: Evaluate = () => value;
  constants.set(fn, value);
  return fn;
}
/** Whether a compiled argument always yields the same value, and which (lets operators fold at compile time). */
export function constantOf(fn: Evaluate): { value: unknown } | undefined {
  return constants.has(fn) ? { value: constants.get(fn) } : undefined;
}

type State = { registry: Registry; refused: RefusedOperators; traced: boolean; nodes: number };

/** Compiles an expression into closures. Throws LogicFailure for an expression that cannot run at all. */
export function compileLogic(logic: unknown, registry: Registry, refused: RefusedOperators, traced: boolean): Evaluate {
  return compileNode(logic, '', 0, { registry, refused, traced, nodes: 0 });
}

function compileNode(logic: unknown, path: string, depth: number, state: State): Evaluate {
  if (depth > EVAL_LIMITS.depth) {
    throw new LogicFailure('LOGIC_TOO_LARGE', `Expressions may nest at most ${String(EVAL_LIMITS.depth)} levels.`, path);
  }
  if (Array.isArray(logic)) return compileArray(logic, path, depth, state);
  const op = operatorOf(logic);
  if (op === undefined) return constant(logic);
  const opPath = `${path}/${escapePointerToken(op)}`;
  const impl = state.registry.get(op);
  if (impl === undefined) {
    const reason = Object.hasOwn(state.refused, op) ? state.refused[op] : undefined;
    throw reason === undefined
      ? new LogicFailure('UNKNOWN_OPERATOR', `Unknown operator "${op}".`, opPath)
      : new LogicFailure('REFUSED_OPERATOR', reason, opPath);
  }
  if (++state.nodes > EVAL_LIMITS.nodes) {
    throw new LogicFailure('LOGIC_TOO_LARGE', `Expressions may have at most ${String(EVAL_LIMITS.nodes)} operators.`, opPath);
  }
  const values = (logic as Record<string, unknown>)[op];
  const raw = Array.isArray(values) ? values : [values];
  const argPath = Array.isArray(values) ? (i: number) => `${opPath}/${String(i)}` : () => opPath;
  const args = raw.map((arg, i) => compileNode(arg, argPath(i), depth + 1, state));
  const node: NodeInfo = { op, path: opPath, raw, argPath };
  if (state.traced) return traceNode(impl, args, node);
  const run = impl.build(args, node);
  if (impl.pure === true && args.every((arg) => constants.has(arg))) {
    const folded = fold(run);
    if (folded) return folded;
  }
  return impl.counts === true ? run : countNode(run, opPath);
}

/**
 * A pure operator on constants is evaluated once, at compile time (json-logic-engine does the same). A failure (a
 * size limit, say) is left to happen at run time, where it is reported like any other.
 */
function fold(run: Evaluate): Evaluate | undefined {
  const ctx: RunContext = { root: undefined, left: EVAL_LIMITS.budget, budget: EVAL_LIMITS.budget, tracer: undefined };
  try {
    const value = run(undefined, ctx);
    return constant(typeof value === 'object' && value !== null ? Object.freeze(value) : value);
  } catch (error) {
    if (error instanceof LogicFailure) return undefined;
    throw error;
  }
}

function compileArray(items: readonly unknown[], path: string, depth: number, state: State): Evaluate {
  const parts = items.map((item, i) => compileNode(item, `${path}/${String(i)}`, depth + 1, state));
  if (parts.every((part) => constants.has(part))) {
    // json-logic-js builds a new array per run; one frozen array serves every run and nobody can change it.
    return constant(Object.freeze(parts.map((part) => constants.get(part))));
  }
  return (scope, ctx) => {
    const out = new Array<unknown>(parts.length);
    for (let i = 0; i < parts.length; i++) out[i] = (parts[i] as Evaluate)(scope, ctx);
    return out;
  };
}

function countNode(run: Evaluate, path: string): Evaluate {
  return (scope, ctx) => {
    if (--ctx.left < 0) throw budgetExceeded(path, ctx.budget);
    try {
      return run(scope, ctx);
    } catch (error) {
      placeFailure(error, path);
      throw error;
    }
  };
}

/** Coercions deep inside an operator fail without knowing where they are; the nearest node says. */
function placeFailure(error: unknown, path: string): void {
  if (error instanceof LogicFailure && error.path === '') error.path = path;
}

/** placeFailure for a closure's own catch block: returns the error to rethrow. */
export function placed(error: unknown, path: string): unknown {
  placeFailure(error, path);
  return error;
}

function traceNode(impl: OperatorImpl, args: readonly Evaluate[], node: NodeInfo): Evaluate {
  const scoped = impl.scoped ?? [];
  const recorded = args.map((arg, i): Evaluate => {
    if (scoped.includes(i)) return arg;
    return (scope, ctx) => {
      const value = arg(scope, ctx);
      ctx.tracer?.arg(value);
      return value;
    };
  });
  const run = impl.build(recorded, node);
  const { op, path } = node;
  const spends = impl.counts !== true;
  return (scope, ctx) => {
    if (spends && --ctx.left < 0) throw budgetExceeded(path, ctx.budget);
    const tracer = ctx.tracer as Tracer;
    const parent = tracer.enter(op, path);
    const here = tracer.node;
    try {
      const value = run(scope, ctx);
      here.result = preview(value);
      return value;
    } catch (error) {
      placeFailure(error, path);
      if (error instanceof LogicFailure && !error.traced) {
        error.traced = true;
        here.error = error.code;
      }
      throw error;
    } finally {
      tracer.exit(parent);
    }
  };
}
