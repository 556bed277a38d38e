import { scheduleTick, type TickReport } from '../app/schedule/tick.js';
import { forgeDeps } from './forge-deps.js';

export type ScheduleTickResult = TickReport | { ok: false; code: string };

/**
 * Forge's fiveMinute scheduled trigger. It only decides which schedule rules are due and queues their runs; the
 * work consumer does the Jira work. Forge does not retry a failed tick: the next tick decides again from the
 * stored last due times, so a failure delays due runs by one tick and loses none.
 */
export async function onScheduleTick(): Promise<ScheduleTickResult> {
  try {
    const report = await scheduleTick(forgeDeps());
    // Rule ids and codes only: no issue data is in a tick.
    for (const problem of report.problems) console.warn(`schedule-tick: rule ${problem.ruleId}: ${problem.code}`);
    return report;
  } catch (error) {
    const code = error instanceof Error ? ((error as { code?: unknown }).code as string | undefined) ?? error.name : 'UNKNOWN';
    console.error(`schedule-tick: ${code}; due rules will be decided again at the next tick`);
    return { ok: false, code };
  }
}
