import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseInstant } from './instant.js';
import { processIo, type CliIo } from './io.js';
import { USAGE } from './usage.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;
type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/**
 * Runs the command line and returns the exit code; never calls process.exit, so output is flushed and tests
 * can call it in-process. Command modules are imported on demand: `ruleforge next-runs "0 9 * * *"` never
 * loads the validator.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`ruleforge: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See "ruleforge --help".`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    // A bug, not a verdict on the rules: a distinct code (EX_SOFTWARE) so CI does not read it as "invalid".
    io.stderr(`ruleforge: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 70;
  }
}

const COMMANDS: Partial<Record<string, Command>> = {
  validate: (argv, io) =>
    withArgs('validate', argv, io, { json: { type: 'boolean' } }, true, async ({ values, positionals }) => {
      const { validateCommand } = await import('./validate-command.js');
      return validateCommand({ paths: positionals, json: values['json'] === true }, io);
    }),
  schema: (argv, io) =>
    withArgs('schema', argv, io, {}, false, async () => {
      const { schemaCommand } = await import('./schema-command.js');
      return schemaCommand(io);
    }),
  'next-runs': (argv, io) =>
    withArgs('next-runs', argv, io, NEXT_RUNS_OPTIONS, true, async ({ values, positionals }) => {
      const [target, ...extra] = positionals;
      if (target === undefined || extra.length > 0) {
        return usageError('next-runs', 'give one rule file or one quoted cron, e.g. ruleforge next-runs "0 9 * * 1-5".', io);
      }
      const count = parseCount(values['count']);
      if (count === undefined) return usageError('next-runs', '-n must be a whole number from 1 to 100.', io);
      const from = parseInstant(values['from']);
      if (from === null) {
        return usageError('next-runs', '--from must be an ISO date-time with Z or an offset, e.g. 2026-03-28T00:00:00Z.', io);
      }
      const { nextRunsCommand } = await import('./next-runs-command.js');
      const tz = values['tz'];
      return nextRunsCommand({ target, count, ...(typeof tz === 'string' && { tz }), ...(from && { from }) }, io);
    }),
  eval: (argv, io) =>
    withArgs('eval', argv, io, { trace: { type: 'boolean' } }, true, async ({ values, positionals }) => {
      const [logic, data, ...extra] = positionals;
      if (logic === undefined || extra.length > 0) {
        return usageError('eval', `give one expression and optionally its data, each as quoted JSON, e.g. ruleforge eval '{"in": ["a", {"var": "labels"}]}' '{"labels": ["a"]}'.`, io);
      }
      const { evalCommand } = await import('./eval-command.js');
      return evalCommand({ logic, ...(data !== undefined && { data }), trace: values['trace'] === true }, io);
    }),
  test: (argv, io) =>
    withArgs('test', argv, io, TEST_OPTIONS, true, async ({ values, positionals }) => {
      const [rule, ...extra] = positionals;
      if (rule === undefined || extra.length > 0) return usageError('test', 'give one rule file.', io);
      const event = values['event'];
      const issue = values['issue'];
      if (typeof event === typeof issue) return usageError('test', 'give either --event <event.json> or --issue <issue.json>.', io);
      const now = parseInstant(values['now']);
      if (now === null) return usageError('test', '--now must be an ISO date-time with Z or an offset, e.g. 2026-03-28T09:00:00Z.', io);
      const { testCommand } = await import('./test-command.js');
      const at = now ?? io.now();
      return testCommand(typeof event === 'string' ? { rule, event, now: at } : { rule, issue: String(issue), now: at }, io);
    }),
};

const TEST_OPTIONS = {
  event: { type: 'string' },
  issue: { type: 'string' },
  now: { type: 'string' },
} satisfies ParseArgsConfig['options'];

const NEXT_RUNS_OPTIONS = {
  tz: { type: 'string' },
  from: { type: 'string' },
  count: { type: 'string', short: 'n' },
} satisfies ParseArgsConfig['options'];

/** Parses one command's arguments strictly; unknown options and stray arguments are usage errors (exit 2). */
async function withArgs(
  name: string,
  argv: string[],
  io: CliIo,
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals: boolean,
  body: (parsed: Parsed) => Promise<number>,
): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    return usageError(name, err instanceof Error ? err.message : String(err), io);
  }
  if (parsed.values['help'] === true) {
    io.stdout(USAGE);
    return 0;
  }
  return body(parsed);
}

function usageError(name: string, message: string, io: CliIo): number {
  io.stderr(`ruleforge ${name}: ${message} See "ruleforge --help".`);
  return 2;
}

function parseCount(text: string | boolean | undefined): number | undefined {
  if (text === undefined) return 5;
  if (typeof text !== 'string' || !/^\d{1,3}$/.test(text)) return undefined;
  const count = Number(text);
  return count >= 1 && count <= 100 ? count : undefined;
}
