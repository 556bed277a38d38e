import { readFileSync } from 'node:fs';
import { compileRule, planRun, type PlanResult, type RunInput } from '../core/engine/index.js';
import { jiraEventSchema, parseJiraEvent, toJsonPointer } from '../core/event/jira-event-payload.js';
import { createLogicEngine } from '../core/logic/engine.js';
import type { Rule } from '../core/rule/rule-schema.js';
import { formatLogicError, printJson } from './eval-command.js';
import type { CliIo } from './io.js';
import { parseJsonText } from './json-text.js';
import { checkRuleText, formatIssue } from './rule-file.js';

export type TestArgs = { rule: string; now: Date } & ({ event: string; issue?: never } | { issue: string; event?: never });

/** A rule file is not a saved version: its runs read rule.version 0 and never share the compiled-rule cache. */
const FILE_VERSION = 0;

/**
 * `ruleforge test <rule.json> --event <event.json> | --issue <issue.json> [--now ISO]`: a dry run. Exit 0 when the
 * run completed (whatever it decided), 1 when the rule is invalid or the run failed, 2 when a file is missing or
 * is not the event or issue it should be.
 */
export function testCommand(args: TestArgs, io: CliIo): number {
  const ruleText = readText(args.rule, io);
  if (ruleText === undefined) return 2;
  const validated = checkRuleText(ruleText);
  if (!validated.ok) {
    for (const issue of validated.issues) io.stderr(formatIssue(args.rule, issue));
    return 1;
  }
  const input = args.event === undefined ? issueInput(args.issue, validated.rule, args.now, io) : eventInput(args.event, args.now, io);
  if (input === undefined) return 2;

  const compiled = compileRule(createLogicEngine(), validated.rule, FILE_VERSION, { cache: false });
  if (!compiled.ok) {
    io.stderr(formatLogicError(compiled.error));
    return 1;
  }
  const result = planRun(compiled.rule, input, { trace: true });
  io.stdout(printJson(report(result)));
  if (result.error === undefined) return 0;
  io.stderr(formatLogicError(result.error));
  return 1;
}

function report(result: PlanResult): Record<string, unknown> {
  return {
    matched: result.decision === 'matched',
    status: result.decision,
    let: result.let,
    actions: result.actions,
    trace: result.trace ?? null,
    ...(result.error !== undefined && { error: result.error }),
  };
}

function eventInput(file: string, now: Date, io: CliIo): RunInput | undefined {
  const json = readJson(file, io);
  if (json === undefined) return undefined;
  const parsed = parseJiraEvent(json.value);
  if (!parsed.ok) {
    for (const issue of parsed.issues) io.stderr(`${file}:${issue.path} ${issue.code} ${issue.message}`);
    return undefined;
  }
  return { kind: 'event', now: now.getTime(), event: parsed.event };
}

const issueSchema = jiraEventSchema.shape.issue;

/** An issue runs a schedule rule as one tick due and fired at `now`, and any other rule by hand. */
function issueInput(file: string, rule: Rule, now: Date, io: CliIo): RunInput | undefined {
  const json = readJson(file, io);
  if (json === undefined) return undefined;
  const parsed = issueSchema.safeParse(json.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) io.stderr(`${file}:${toJsonPointer(issue.path)} MALFORMED_ISSUE ${issue.message}`);
    return undefined;
  }
  const at = now.toISOString();
  return rule.trigger.type === 'schedule'
    ? { kind: 'schedule', now: now.getTime(), issue: parsed.data, schedule: { dueAt: at, firedAt: at } }
    : { kind: 'manual', now: now.getTime(), issue: parsed.data };
}

function readText(file: string, io: CliIo): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const missing = err instanceof Error && 'code' in err && err.code === 'ENOENT';
    const detail = missing ? 'no such file' : err instanceof Error ? err.message : String(err);
    io.stderr(`ruleforge test: ${file}: ${detail}.`);
    return undefined;
  }
}

function readJson(file: string, io: CliIo): { value: unknown } | undefined {
  const text = readText(file, io);
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text);
  if (parsed.ok) return { value: parsed.value };
  io.stderr(`${file}: ${parsed.issue.code} ${parsed.issue.message}`);
  return undefined;
}
