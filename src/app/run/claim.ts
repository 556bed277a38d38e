import type { JsonValue, PlannedAction, RuleTrace, RunError } from '../../core/engine/index.js';
import type { QueuePort } from '../../ports/queue.js';
import type { StoragePort } from '../../ports/storage.js';
import type { ActionError } from './perform-action.js';

/**
 * The idempotency record of one run: one per (event, rule, version), keyed by runKey(). It holds the plan made on
 * the first delivery (retries carry it out instead of deciding again on a changed issue) and each action's outcome,
 * so no delivery or retry repeats a finished action. It expires after CLAIM_TTL_SECONDS: Forge's redeliveries and
 * our retries all end well within that.
 *
 * state: `running` — an invocation holds it until `leaseUntil`; `waiting` — a queued retry (`attempt`) will carry on,
 * by `leaseUntil` at the latest; `done` — the execution record is written. A running or waiting claim whose lease ran
 * out was abandoned (its holder died, before or after queueing the retry) and is taken over.
 */
export type ActionRecord =
  | { status: 'started' }
  | { status: 'done'; detail?: string }
  | { status: 'failed'; error: ActionError };

export type RunTrigger =
  | { kind: 'event'; eventType: string; actorAccountId: string | null; eventId: string }
  /** One issue of a run over a JQL set (src/app/schedule): the run it belongs to, and its due time. */
  | { kind: 'schedule' | 'manual'; runId: string; dueAt: string; requestedBy: string };

export type RunPlan = { decision: 'matched' | 'failed'; actions: PlannedAction[]; let: Record<string, JsonValue>; error?: RunError };

export type Claim = {
  ruleId: string;
  ruleVersion: number;
  executionId: string;
  issueKey: string;
  state: 'running' | 'waiting' | 'done';
  attempt: number;
  leaseUntil: string;
  claimedAt: string;
  trigger: RunTrigger;
  plan: RunPlan;
  trace: RuleTrace | null;
  done: Record<string, ActionRecord>;
};

export const CLAIM_TTL_SECONDS = 7 * 24 * 3600;
/** Longer than any invocation that may hold it (a trigger gets 25 s, the work consumer 120 s). */
export const LEASE_MS = 150_000;

export const claimRef = (key: string) => ({ entity: 'run-claim', key });

/** A claim as its first holder takes it: running, attempt 0, leased from `now`, nothing done yet. */
export function freshClaim(run: Pick<Claim, 'ruleId' | 'ruleVersion' | 'executionId' | 'issueKey' | 'trigger' | 'plan' | 'trace'>, now: number): Claim {
  return { ...run, state: 'running', attempt: 0, leaseUntil: new Date(now + LEASE_MS).toISOString(), claimedAt: new Date(now).toISOString(), done: {} };
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'busy'; claim: Claim }
  | { kind: 'finished'; claim: Claim }
  | { kind: 'gone' };

/**
 * Takes the run for this invocation. A new run is created with FAIL_IF_EXISTS; an existing one is taken over only
 * when its holder's lease ran out (it died mid-run) or when this is the queued retry it is waiting for, and only
 * through a conditional write on `attempt`, so two deliveries racing for it never both act.
 */
export async function claimRun(storage: StoragePort, key: string, fresh: Claim | undefined, now: number, retryOf?: number): Promise<ClaimOutcome> {
  if (fresh !== undefined && (await storage.create(claimRef(key), fresh, { ttlSeconds: CLAIM_TTL_SECONDS }))) return { kind: 'claimed', claim: fresh };
  const existing = await storage.get<Claim>(claimRef(key));
  if (existing === undefined) {
    if (fresh === undefined) return { kind: 'gone' };
    // Expired between our two reads, or a retry whose run is gone: start again as new.
    return (await storage.create(claimRef(key), fresh, { ttlSeconds: CLAIM_TTL_SECONDS })) ? { kind: 'claimed', claim: fresh } : { kind: 'busy', claim: fresh };
  }
  if (existing.state === 'done') return { kind: 'finished', claim: existing };
  const abandoned = Date.parse(existing.leaseUntil) <= now;
  const ours = retryOf === undefined ? abandoned : existing.attempt === retryOf && (existing.state === 'waiting' || abandoned);
  if (!ours) return { kind: 'busy', claim: existing };
  const taken: Claim = { ...existing, state: 'running', attempt: existing.attempt + 1, leaseUntil: new Date(now + LEASE_MS).toISOString() };
  const result = await storage.transact([{ op: 'set', ref: claimRef(key), value: taken, options: { ttlSeconds: CLAIM_TTL_SECONDS }, condition: { attribute: 'attempt', equalTo: existing.attempt } }]);
  return result.ok ? { kind: 'claimed', claim: taken } : { kind: 'busy', claim: existing };
}

/**
 * Queues a look at a run someone else holds or parked, for just after its lease ends: if that holder died (before
 * queueing its retry, too), nothing else may ever come for the run. A live holder finishes well before, and the
 * check then finds the run done. The check takes the run only if the lease has run out (continue-run.ts).
 */
export async function queueLeaseCheck(queue: QueuePort, key: string, claim: Claim, now: number): Promise<void> {
  const delay = Math.ceil((Date.parse(claim.leaseUntil) - now) / 1000) + 1;
  await queue.push([{ body: { kind: 'continue-run', key, attempt: claim.attempt, check: true }, delayInSeconds: Math.min(900, Math.max(1, delay)) }]);
}

export async function saveClaim(storage: StoragePort, key: string, claim: Claim): Promise<void> {
  await storage.set(claimRef(key), claim, { ttlSeconds: CLAIM_TTL_SECONDS });
}
