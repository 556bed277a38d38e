import { RuleforgeError } from '../../ports/errors.js';
import type { StoragePort, TransactOp } from '../../ports/storage.js';
import type { AppDeps } from '../deps.js';
import type { ExecutionStatus } from '../executions/execution-record.js';
import { APP_FLAGS, isoAt } from '../rules/rule-records.js';
import { createRuleStore } from '../rules/rule-store.js';
import type { Claim } from './claim.js';
import { clearHealth, healthRef, type RuleHealth } from './rule-health.js';
import { APP_ACTOR } from './store-rule-source.js';

/** Consecutive failed executions that take a rule out of service (Jira Automation's number). */
export const FAILURE_LIMIT = 10;

/** As long as the rule's hourly counters: a streak idle that long is history, not a trend. */
const HEALTH_TTL_SECONDS = 400 * 24 * 3600;

/** Rounds lost to concurrent failures of the same rule before the record commits without its count. */
const STREAK_TRIES = 10;

type StreakStep = { ops: TransactOp[]; contended: boolean; reached?: RuleHealth };

const NOTHING: StreakStep = { ops: [], contended: false };

/**
 * What a final record does to its rule's streak, as ops for the record's own transaction. FAILED and SOME_ERRORS
 * add one (a read, then a write conditioned on nobody else having counted since); SUCCESS deletes the streak without
 * reading it; any other status leaves it alone.
 */
async function streakStep(storage: StoragePort, claim: Claim, status: ExecutionStatus, at: string): Promise<StreakStep> {
  if (status === 'SUCCESS') return { ops: [clearHealth(claim.ruleId)], contended: false };
  if (status !== 'FAILED' && status !== 'SOME_ERRORS') return NOTHING;
  const current = await storage.get<RuleHealth>(healthRef(claim.ruleId));
  if (current?.lastExecutionId === claim.executionId) return NOTHING;
  const next: RuleHealth = {
    ruleId: claim.ruleId, streak: (current?.streak ?? 0) + 1, lastFailureAt: at, lastExecutionId: claim.executionId,
    lastError: errorCodeOf(claim), writes: (current?.writes ?? 0) + 1,
  };
  const op: TransactOp = {
    op: 'set', ref: healthRef(claim.ruleId), value: next, options: { ttlSeconds: HEALTH_TTL_SECONDS },
    condition: current === undefined ? { attribute: 'ruleId', notExists: true } : { attribute: 'writes', equalTo: current.writes },
  };
  return { ops: [op], contended: true, ...(next.streak >= FAILURE_LIMIT ? { reached: next } : {}) };
}

function errorCodeOf(claim: Claim): string {
  if (claim.plan.error !== undefined) return claim.plan.error.code;
  const failed = Object.values(claim.done).filter((record) => record.status === 'failed');
  return failed.at(-1)?.error.code ?? 'UNKNOWN';
}

/**
 * Commits a run's final record (`recordOps`, conditioned on the run still being this invocation's) in one
 * transaction with its rule's failure streak, so a run counts exactly once: a redelivery finds the run finished and
 * never reaches here, and a run taken over commits nothing. false: the record's own condition failed. When the
 * streak reaches FAILURE_LIMIT, the rule is flagged DISABLED_FAILING (audited, active ruleset rebuilt).
 */
export async function commitWithStreak(
  deps: Pick<AppDeps, 'storage' | 'now'>,
  claim: Claim,
  status: ExecutionStatus,
  recordOps: readonly TransactOp[],
  recordStillOurs: () => Promise<boolean>,
): Promise<boolean> {
  for (let tries = 0; ; tries += 1) {
    // Past STREAK_TRIES lost races, one failure goes uncounted rather than a run that cannot finish.
    const step = tries < STREAK_TRIES ? await streakStep(deps.storage, claim, status, isoAt(deps.now())) : NOTHING;
    const result = await deps.storage.transact([...recordOps, ...step.ops]);
    if (result.ok) {
      if (step.reached !== undefined) await disableFailing(deps, step.reached);
      return true;
    }
    if (!step.contended || !(await recordStillOurs())) return false;
  }
}

/**
 * Every failure at or past the limit asks, not only the one that reached it: if that invocation died before flagging,
 * the next failure does it. The store makes the repeats no-ops (no second flag or audit entry), and never replaces
 * another flag or flags a rule the admin has disabled.
 */
async function disableFailing(deps: Pick<AppDeps, 'storage' | 'now'>, health: RuleHealth): Promise<void> {
  const reason = `${String(health.streak)} consecutive failed executions, the last with ${health.lastError}`;
  try {
    await createRuleStore({ storage: deps.storage, now: deps.now }).flag(health.ruleId, APP_FLAGS.failing, { actor: APP_ACTOR, reason, onlyIfRunning: true });
  } catch (error) {
    // The run's record is committed; failing it now would only bring a redelivery that finds it finished. The streak
    // stays at or past the limit, so the rule's next failure tries again.
    if (!(error instanceof RuleforgeError)) throw error;
  }
}
