import { createLogicEngine } from '../core/logic/engine.js';
import type { LogicError } from '../core/logic/types.js';
import type { CliIo } from './io.js';
import { parseJsonText } from './json-text.js';

export type EvalArgs = { logic: string; data?: string; trace: boolean };

/**
 * `ruleforge eval '<logic>' ['<data>'] [--trace]`: one expression through the evaluator rules use, so an admin can
 * try a condition before putting it in a rule. Exit 0 with the result, 1 when an argument is not JSON or the
 * expression fails (compile or run).
 */
export function evalCommand(args: EvalArgs, io: CliIo): number {
  const logic = parseArgument(args.logic, 'expression', io);
  if (logic === undefined) return 1;
  const data = args.data === undefined ? { value: {} } : parseArgument(args.data, 'data', io);
  if (data === undefined) return 1;

  const result = createLogicEngine().evaluate(logic.value, data.value, { trace: args.trace });
  if (!result.ok) {
    io.stderr(formatLogicError(result.error));
    if (args.trace) io.stdout(printJson({ error: result.error, trace: result.trace ?? null }));
    return 1;
  }
  io.stdout(printJson(args.trace ? { result: result.value, trace: result.trace ?? null } : result.value));
  return 0;
}

/** `<CODE>: <message> (at <pointer>)`; the location is left out when the failure is the expression as a whole. */
export function formatLogicError(error: Pick<LogicError, 'message' | 'path'> & { code: string }): string {
  return `${error.code}: ${error.message}${error.path === '' ? '' : ` (at ${error.path})`}`;
}

/** JSON with two-space indentation. NaN and Infinity print as null and a missing value as null, as JSON has them. */
export function printJson(value: unknown): string {
  // JSON.stringify returns undefined (not text) for undefined; the evaluator never returns functions or symbols.
  return value === undefined ? 'null' : JSON.stringify(value, null, 2);
}

function parseArgument(text: string, what: string, io: CliIo): { value: unknown } | undefined {
  const parsed = parseJsonText(text);
  if (parsed.ok) return { value: parsed.value };
  io.stderr(`NOT_JSON: The ${what} is not valid JSON: ${parsed.issue.message.replace(/^Not valid JSON: /, '')}`);
  return undefined;
}
