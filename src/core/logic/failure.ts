import type { LogicError, LogicErrorCode } from './types.js';

/** How much one run may do. A rule over these fails that run with a code; the process never hangs or runs dry. */
export const EVAL_LIMITS = {
  /** Operations per run: every operator evaluated, every iteration of map/filter/reduce/all/none/some, every
   *  item merge copies or `in` scans. */
  budget: 100_000,
  /** Items in an array a run builds (map, filter, merge, missing). */
  arrayItems: 10_000,
  /** Characters in a string a run builds (cat, substr, lower, upper). */
  stringLength: 100_000,
  /**
   * Nesting of operators and arrays in one expression: the compiler recurses, the data walk does not. Above the rule
   * document's own depth limit (100), so every expression a validated rule holds compiles: at 64, arrays nested 64
   * deep passed the validator (which counts operators only) and then failed to compile (reliability suite).
   */
  depth: 128,
  /** Operator nodes in one expression. */
  nodes: 5_000,
} as const;

/**
 * Thrown inside a run and caught by Program.run, which turns it into `{ ok: false, error }`: unwinding a closure tree
 * with an exception costs nothing on the success path, unlike returning a failure from every node.
 */
export class LogicFailure extends Error {
  /** Set once the trace has marked the node where the failure happened, so its ancestors are not marked too. */
  traced = false;

  constructor(
    readonly code: LogicErrorCode,
    message: string,
    /** Filled in by the innermost operator node when the failure comes from a helper that knows no path. */
    public path: string,
  ) {
    super(message);
    this.name = 'LogicFailure';
  }

  toError(): LogicError {
    return { code: this.code, message: this.message, path: this.path };
  }
}

export function budgetExceeded(path: string, budget: number): LogicFailure {
  return new LogicFailure(
    'BUDGET_EXCEEDED',
    `The expression needed more than ${String(budget)} operations for this data, so the run was stopped. ` +
      'Iterate over fewer items or simplify the condition.',
    path,
  );
}

export function arrayTooLarge(path: string, length: number): LogicFailure {
  return new LogicFailure(
    'RESULT_TOO_LARGE',
    `The expression built a list of ${String(length)} items; at most ${String(EVAL_LIMITS.arrayItems)} are allowed.`,
    path,
  );
}

export function stringTooLarge(path: string, length: number): LogicFailure {
  return new LogicFailure(
    'RESULT_TOO_LARGE',
    `The expression built a text of ${String(length)} characters; at most ${String(EVAL_LIMITS.stringLength)} are allowed.`,
    path,
  );
}
