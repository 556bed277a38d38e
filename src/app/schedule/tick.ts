import { decideDue } from '../../core/schedule/due-decision.js';
import { TICK_MINUTES } from '../../core/schedule/cron.js';
import { MAX_BATCH_ITEMS } from '../../ports/storage.js';
import { MAX_EVENTS_PER_PUSH, type QueueEvent } from '../../ports/queue.js';
import { EMPTY_RETENTION_REPORT, enforceRetention, type RetentionReport } from '../settings/retention.js';
import { readSettings } from '../settings/settings.js';
import type { AppDeps } from '../deps.js';
import { readScheduledRules, type ActiveRule } from '../rules/active-ruleset.js';
import { newRun } from './new-run.js';
import { runRef, scheduleRunId } from './run-record.js';
import { ttlFor } from '../settings/retention-now.js';
import { sweepStalledRuns } from './sweep.js';

/** The last due time handled per schedule rule (entity `schedule-state`), in UTC: the anchor of the next decision. */
export type ScheduleState = { ruleId: string; lastDueAt: string; lastRunId: string; updatedAt: string; writes: number };

export const stateRef = (ruleId: string) => ({ entity: 'schedule-state', key: ruleId });

const TICK_MS = TICK_MINUTES * 60_000;
/** Runs started per tick: with the sweep's pushes this stays well under Forge's 500 events per minute. */
const MAX_STARTS_PER_TICK = 300;
const PARALLEL_CLAIMS = 4;

export type TickReport = {
  at: string;
  /** What retention deleted this tick. */
  retention?: RetentionReport;
  rules: number;
  started: { ruleId: string; runId: string; dueAt: string; missed: number }[];
  /** Due times another tick had already claimed (Forge delivered the tick twice, or two overlapped). */
  alreadyClaimed: number;
  /** Rules due but left for the next tick (over MAX_STARTS_PER_TICK). */
  deferred: number;
  problems: { ruleId: string; code: string; message: string }[];
  resumed: number;
};

/**
 * The fiveMinute scheduled trigger's use case: decide which schedule rules are due and queue one run per due time.
 * It does no Jira work itself. Each due time is claimed by one transaction that creates the run (only if no run of
 * that rule and due time exists) and moves the rule's last due time on (only if nobody moved it since it was read),
 * so a tick delivered twice, or two ticks overlapping, start it once.
 */
export async function scheduleTick(deps: AppDeps): Promise<TickReport> {
  const now = deps.now();
  const report: TickReport = { at: new Date(now).toISOString(), rules: 0, started: [], alreadyClaimed: 0, deferred: 0, problems: [], resumed: 0 };
  const { rules } = await readScheduledRules(deps.storage);
  report.rules = rules.length;
  const states = await readStates(deps, rules);
  const due: { rule: ActiveRule; state: ScheduleState | undefined; dueAt: string; missed: number; missedCapped: boolean }[] = [];
  for (const [i, rule] of rules.entries()) {
    const { trigger } = rule.document;
    if (trigger.type !== 'schedule') continue;
    const state = states[i];
    const decision = decideDue(trigger.cron, trigger.timezone, new Date(anchorOf(rule, state, now)), new Date(now));
    if (decision.kind === 'problem') report.problems.push({ ruleId: rule.ruleId, ...decision.problem });
    if (decision.kind === 'due') due.push({ rule, state, dueAt: decision.dueAt, missed: decision.missed, missedCapped: decision.missedCapped });
  }
  report.deferred = Math.max(0, due.length - MAX_STARTS_PER_TICK);
  const starts: QueueEvent[] = [];
  const claims = due.slice(0, MAX_STARTS_PER_TICK);
  for (let i = 0; i < claims.length; i += PARALLEL_CLAIMS) {
    await Promise.all(claims.slice(i, i + PARALLEL_CLAIMS).map(async (claim) => {
      const runId = await claimDueTime(deps, claim.rule, claim.state, claim, now);
      if (runId === undefined) {
        report.alreadyClaimed += 1;
        return;
      }
      report.started.push({ ruleId: claim.rule.ruleId, runId, dueAt: claim.dueAt, missed: claim.missed });
      starts.push({ body: { kind: 'run-page', runId, step: 0 } });
    }));
  }
  // A push that fails leaves its runs QUEUED; the next tick's sweep pushes them again.
  for (let i = 0; i < starts.length; i += MAX_EVENTS_PER_PUSH) await deps.queue.push(starts.slice(i, i + MAX_EVENTS_PER_PUSH)).catch(() => undefined);
  const settings = await readSettings(deps.storage);
  // Paused runs re-queue themselves (continue-run.ts); pushing them again meanwhile would only multiply them.
  if (!settings.paused) report.resumed = await sweepStalledRuns(deps, now);
  // Housekeeping rides on the tick: Forge's only clock. A failure here must not cost the next tick its starts.
  report.retention = await enforceRetention(deps.storage, settings, now).catch(() => EMPTY_RETENTION_REPORT);
  return report;
}

/**
 * Due times strictly after the anchor are due. The anchor is the last due time handled, but never earlier than one
 * tick before the rule last became active: a rule enabled after a week off does not run the week's due times, while
 * one saved at 08:58 for 09:00 still runs at the first tick after 09:00.
 */
function anchorOf(rule: ActiveRule, state: ScheduleState | undefined, now: number): number {
  const since = rule.since === undefined ? Number.NaN : Date.parse(rule.since);
  const activeFrom = (Number.isNaN(since) ? now : since) - TICK_MS;
  const last = state === undefined ? Number.NaN : Date.parse(state.lastDueAt);
  return Number.isNaN(last) ? activeFrom : Math.max(last, activeFrom);
}

async function readStates(deps: AppDeps, rules: readonly ActiveRule[]): Promise<(ScheduleState | undefined)[]> {
  const chunks: Promise<(ScheduleState | undefined)[]>[] = [];
  for (let i = 0; i < rules.length; i += MAX_BATCH_ITEMS) {
    chunks.push(deps.storage.getMany<ScheduleState>(rules.slice(i, i + MAX_BATCH_ITEMS).map((rule) => stateRef(rule.ruleId))));
  }
  return (await Promise.all(chunks)).flat();
}

type Due = { dueAt: string; missed: number; missedCapped: boolean };

/** The run's id when this tick claimed the due time; undefined when another tick did. */
async function claimDueTime(deps: AppDeps, rule: ActiveRule, state: ScheduleState | undefined, due: Due, now: number): Promise<string | undefined> {
  const { trigger } = rule.document;
  if (trigger.type !== 'schedule') return undefined;
  const runId = scheduleRunId(rule.ruleId, due.dueAt);
  const firedAt = new Date(now).toISOString();
  const run = newRun({
    runId, ruleId: rule.ruleId, ruleVersion: rule.version, document: rule.document, kind: 'schedule', dryRun: false,
    jql: trigger.jql, dueAt: due.dueAt, firedAt, requestedBy: 'app:ruleforge', missed: due.missed, missedCapped: due.missedCapped,
  });
  const next: ScheduleState = { ruleId: rule.ruleId, lastDueAt: due.dueAt, lastRunId: runId, updatedAt: firedAt, writes: (state?.writes ?? 0) + 1 };
  const result = await deps.storage.transact([
    { op: 'set', ref: runRef(runId), value: run, options: await ttlFor(deps.storage, 'run'), condition: { attribute: 'runId', notExists: true } },
    {
      op: 'set',
      ref: stateRef(rule.ruleId),
      value: next,
      condition: state === undefined ? { attribute: 'ruleId', notExists: true } : { attribute: 'writes', equalTo: state.writes },
    },
  ]);
  return result.ok ? runId : undefined;
}
