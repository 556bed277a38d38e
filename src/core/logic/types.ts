/**
 * The evaluator's public shapes. Expected failures are data (zod's model): a compile or a run either succeeds or
 * returns one coded error with the JSON Pointer of the node that failed, relative to the expression's root.
 */

export const LOGIC_ERROR_CODES = [
  /** An operator outside the catalogue (src/core/logic/operators.ts). */
  'UNKNOWN_OPERATOR',
  /** An operator other engines have that rules may not use (`log`, `method`, ...). */
  'REFUSED_OPERATOR',
  /** Arguments the operator cannot take at all (a `matches` pattern that is not a literal string, ...). */
  'INVALID_ARGUMENTS',
  /** A `matches` pattern that does not parse, or that could backtrack catastrophically. */
  'INVALID_PATTERN',
  /** The expression is deeper or larger than an expression may be. */
  'LOGIC_TOO_LARGE',
  /** The run performed more operations (iterations included) than its budget. */
  'BUDGET_EXCEEDED',
  /** A value built during the run (array or string) grew past its limit. */
  'RESULT_TOO_LARGE',
] as const;
export type LogicErrorCode = (typeof LOGIC_ERROR_CODES)[number];

export type LogicError = { code: LogicErrorCode; message: string; path: string };

/** One evaluated node: what the admin page renders as a tree and the execution log stores (capped, see trace.ts). */
export type TraceNode = {
  op: string;
  /** JSON Pointer of the node inside the expression. */
  path: string;
  /** Argument values as the operator saw them (lazy operators list only the arguments they evaluated). */
  args: unknown[];
  result: unknown;
  /** The error code when this node is where the run failed. */
  error?: LogicErrorCode;
  children?: TraceNode[];
  /** Present on the root when nodes were left out to respect the cap. */
  omitted?: number;
};

export type RunOptions = {
  /** Record an explain trace. Slower; the untraced path pays nothing for it. */
  trace?: boolean;
  /** Operations this run may perform; defaults to the engine's budget. */
  budget?: number;
};

export type EvalResult =
  | { ok: true; value: unknown; operations: number; trace?: TraceNode }
  | { ok: false; error: LogicError; operations: number; trace?: TraceNode };

export interface Program {
  run(data: unknown, options?: RunOptions): EvalResult;
}

export type CompileResult = { ok: true; program: Program } | { ok: false; error: LogicError };
