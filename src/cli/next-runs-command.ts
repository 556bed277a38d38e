import { readFileSync, statSync } from 'node:fs';
import { describeCron, nextDueTimes } from '../core/schedule/due-times.js';
import type { CliIo } from './io.js';

export type NextRunsArgs = {
  /** A rule file, or else a cron. */
  target: string;
  /** Overrides the rule's zone; the zone of a bare cron (default UTC). */
  tz?: string;
  from?: Date;
  count: number;
};

type Schedule = { cron: string; timezone: string };

/**
 * `ruleforge next-runs <rule.json | "cron">`: when a schedule will be due, in UTC and in its zone, so an admin
 * can check a cron (and its daylight-saving days) before importing the rule. Exit 1 when the rule or cron is
 * not usable, 2 when the argument names a rule file that is not there.
 */
export async function nextRunsCommand(args: NextRunsArgs, io: CliIo): Promise<number> {
  const stat = statSync(args.target, { throwIfNoEntry: false });
  if (stat?.isDirectory() === true || (stat === undefined && args.target.endsWith('.json'))) {
    // Read as a cron, a mistyped file name would only get "cron needs five fields; found 1".
    io.stderr(`ruleforge next-runs: ${args.target} is not a rule file. Give a rule file or a quoted cron such as "0 9 * * 1-5".`);
    return 2;
  }
  const schedule = stat?.isFile() === true ? await scheduleFromRule(args.target, io) : { cron: args.target, timezone: 'UTC' };
  if (schedule === undefined) return 1;
  const timezone = args.tz ?? schedule.timezone;
  const result = nextDueTimes(schedule.cron, timezone, args.from ?? io.now(), args.count);
  if (!result.ok) {
    io.stderr(`${result.problem.code} ${result.problem.message}`);
    return 1;
  }
  io.stdout(`${describeCron(schedule.cron)} (${timezone})`);
  for (const time of result.times) io.stdout(`${time.utc}  ${time.local}`);
  return 0;
}

async function scheduleFromRule(file: string, io: CliIo): Promise<Schedule | undefined> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    io.stderr(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  // Loaded only for rule files: previewing a bare cron needs neither zod nor the validator.
  const { checkRuleText, formatIssue } = await import('./rule-file.js');
  const result = checkRuleText(text);
  if (!result.ok) {
    for (const issue of result.issues) io.stderr(formatIssue(file, issue));
    return undefined;
  }
  const { trigger } = result.rule;
  if (trigger.type !== 'schedule') {
    io.stderr(`${file}: the rule's trigger is "${trigger.type}", not "schedule"; next-runs needs a scheduled rule.`);
    return undefined;
  }
  return { cron: trigger.cron, timezone: trigger.timezone };
}
