import { constantOf, placed, type Evaluate, type RunContext } from './compile.js';
import { budgetExceeded } from './failure.js';
import { readSegments } from './read-data.js';

/**
 * Fused operands. `{"var": "a.b"}` (a literal path, no default) is the most frequent argument of every operator; an
 * operator that knows its argument is one reads the path itself instead of calling the var node's closure. It spends
 * the var node's operation too, and fails at the node that would have run out, so budgets, operation counts and
 * error paths are exactly those of the unfused tree. Traced programs are never fused (their arguments are wrappers).
 */
export type PathOperand = { segments: readonly string[]; path: string };

const operands = new WeakMap<Evaluate, PathOperand>();

export function markPath(fn: Evaluate, operand: PathOperand): Evaluate {
  operands.set(fn, operand);
  return fn;
}

/** The literal path a compiled argument reads, when it is a plain `var` node. */
export function pathOf(fn: Evaluate): PathOperand | undefined {
  return operands.get(fn);
}

/** {"var": path}'s value: null when a step is absent. */
export function readOperand(scope: unknown, segments: readonly string[]): unknown {
  return readSegments(scope, segments) ?? null;
}

/**
 * One operation for each of `paths` (the nodes evaluated together, in evaluation order); when the budget runs out,
 * the error names the first node past it, as spending one at a time would.
 */
export function spendEach(c: RunContext, paths: readonly string[]): void {
  c.left -= paths.length;
  if (c.left < 0) throw budgetExceeded(paths[paths.length + c.left] ?? '', c.budget);
}

function tick(c: RunContext, path: string): void {
  if (--c.left < 0) throw budgetExceeded(path, c.budget);
}

/**
 * The closure of a two-operand node computing `f(a, b)`, by the shapes of a and b: a path read in place, a literal
 * used as its value, anything else called. A coercion that fails inside `f` is placed at the node.
 */
export function binaryOf(f: (a: unknown, b: unknown) => unknown, a: Evaluate, b: Evaluate, path: string): Evaluate {
  const left = pathOf(a), right = pathOf(b), literal = constantOf(b);
  if (left !== undefined && literal !== undefined) {
    const { segments } = left, value = literal.value, paths = [path, left.path];
    return (s, c) => {
      spendEach(c, paths);
      try {
        return f(readOperand(s, segments), value);
      } catch (error) {
        throw placed(error, path);
      }
    };
  }
  if (left !== undefined && right !== undefined) {
    const paths = [path, left.path, right.path];
    return (s, c) => {
      spendEach(c, paths);
      try {
        return f(readOperand(s, left.segments), readOperand(s, right.segments));
      } catch (error) {
        throw placed(error, path);
      }
    };
  }
  if (literal !== undefined) {
    const value = literal.value;
    return (s, c) => {
      tick(c, path);
      try {
        return f(a(s, c), value);
      } catch (error) {
        throw placed(error, path);
      }
    };
  }
  return (s, c) => {
    tick(c, path);
    try {
      const x = a(s, c), y = b(s, c);
      return f(x, y);
    } catch (error) {
      throw placed(error, path);
    }
  };
}

/** The closure of a one-operand node computing `f(a)`; `f` must not fail (the Jira operators' neutral answers). */
export function unaryOf(f: (a: unknown, c: RunContext) => unknown, a: Evaluate, path: string): Evaluate {
  const operand = pathOf(a);
  if (operand !== undefined) {
    const { segments } = operand, paths = [path, operand.path];
    return (s, c) => {
      spendEach(c, paths);
      return f(readOperand(s, segments), c);
    };
  }
  return (s, c) => {
    tick(c, path);
    return f(a(s, c), c);
  };
}
