import { describe, expect, it } from 'vitest';
import { finalStatus, writeExecution, type ExecutionStatus } from '../../../src/app/executions/execution-record.js';
import { listAudit } from '../../../src/app/rules/audit-log.js';
import { createRuleStore } from '../../../src/app/rules/rule-store.js';
import { type Claim, CLAIM_TTL_SECONDS, claimRef, freshClaim } from '../../../src/app/run/claim.js';
import { commitWithStreak, FAILURE_LIMIT } from '../../../src/app/run/failure-streak.js';
import { healthRef, type RuleHealth } from '../../../src/app/run/rule-health.js';
import type { StoragePort, TransactOp } from '../../../src/ports/storage.js';
import { createMemoryStorage } from '../../support/memory-storage.js';
import { counting, ruleDoc, testClock, transactBarrier } from '../rules/support.js';

// The streak's storage costs and its races, on the final-record commit itself (auto-disable.test.ts runs it end to
// end through the app).
const RULE = 'fragile';

function finishedRun(executionId: string, outcome: 'done' | 'failed'): Claim {
  const claim = freshClaim({
    ruleId: RULE, ruleVersion: 1, executionId, issueKey: 'RF-1',
    trigger: { kind: 'event', eventType: 'avi:jira:updated:issue', actorAccountId: null, eventId: executionId },
    plan: { decision: 'matched', actions: [{ type: 'transition', to: 'Nowhere' }], let: {} }, trace: null,
  }, Date.parse('2026-03-02T09:00:00Z'));
  const done = outcome === 'done' ? { status: 'done' as const } : { status: 'failed' as const, error: { code: 'TRANSITION_NOT_AVAILABLE', message: 'no such status' } };
  return { ...claim, state: 'done', done: { '0': done } };
}

/** The final record as carry-out.ts writes it, and the commit with the streak. */
async function commit(storage: StoragePort, claim: Claim, status: ExecutionStatus = finalStatus(claim)): Promise<boolean> {
  const clock = testClock();
  await storage.set(claimRef(claim.executionId), { ...claim, state: 'running' }, { ttlSeconds: CLAIM_TTL_SECONDS });
  const ops: TransactOp[] = [
    writeExecution(claim, status, 5),
    { op: 'set', ref: claimRef(claim.executionId), value: claim, options: { ttlSeconds: CLAIM_TTL_SECONDS }, condition: { attribute: 'attempt', equalTo: claim.attempt } },
  ];
  return commitWithStreak({ storage, now: clock.now }, claim, status, ops, () => Promise.resolve(true));
}

async function setup(): Promise<StoragePort> {
  const storage = createMemoryStorage();
  await createRuleStore({ storage, now: testClock().now }).save({ document: ruleDoc(RULE), expectedVersion: null, actor: 'admin' });
  return storage;
}

const streakOf = async (storage: StoragePort): Promise<number | undefined> => (await storage.get<RuleHealth>(healthRef(RULE)))?.streak;

describe('the failure streak on the final record', () => {
  it('costs a SUCCESS no read and no extra call, a failure one read, any other status nothing', async () => {
    const storage = await setup();
    const counted = counting(storage);
    const commitCounted = (claim: Claim, status?: ExecutionStatus) => {
      counted.reset();
      return commit(counted.storage, claim, status);
    };
    // commit() itself stores the running claim first: one set before the counted commit.
    expect(await commitCounted(finishedRun('e1', 'failed'))).toBe(true);
    expect(counted.calls).toMatchObject({ get: 1, getMany: 0, transact: 1, query: 0 });
    expect(await streakOf(storage)).toBe(1);

    expect(await commitCounted(finishedRun('e2', 'done'))).toBe(true);
    expect(counted.calls).toMatchObject({ get: 0, getMany: 0, transact: 1, query: 0 });
    expect(await streakOf(storage)).toBeUndefined();

    await commit(storage, finishedRun('e3', 'failed'));
    expect(await commitCounted(finishedRun('e4', 'failed'), 'THROTTLED')).toBe(true);
    expect(counted.calls).toMatchObject({ get: 0, getMany: 0, transact: 1, query: 0 });
    expect(await streakOf(storage)).toBe(1);
  });

  it('counts every one of 10 failures that commit at the same moment, and flags the rule once', async () => {
    const storage = await setup();
    const racing = transactBarrier(storage, FAILURE_LIMIT);
    const claims = Array.from({ length: FAILURE_LIMIT }, (_, i) => finishedRun(`race-${String(i)}`, 'failed'));
    expect(await Promise.all(claims.map((claim) => commit(racing, claim)))).toEqual(Array<boolean>(FAILURE_LIMIT).fill(true));
    expect(await streakOf(storage)).toBe(FAILURE_LIMIT);
    // More failures racing past the limit ask to flag again: still one flag, one audit entry.
    const later = Array.from({ length: 4 }, (_, i) => finishedRun(`late-${String(i)}`, 'failed'));
    const racingAgain = transactBarrier(storage, later.length);
    await Promise.all(later.map((claim) => commit(racingAgain, claim)));
    const head = await createRuleStore({ storage, now: testClock().now }).get(RULE);
    expect(head?.head.flag).toBe('DISABLED_FAILING');
    const flags = (await listAudit(storage, { ruleId: RULE })).entries.filter((entry) => entry.action === 'flag');
    expect(flags).toHaveLength(1);
  });

  it('leaves the record uncommitted, and the streak as it was, when the run was taken over', async () => {
    const storage = await setup();
    await commit(storage, finishedRun('e1', 'failed'));
    const claim = finishedRun('e2', 'failed');
    await storage.set(claimRef('e2'), { ...claim, state: 'running', attempt: 1 }, { ttlSeconds: CLAIM_TTL_SECONDS });
    const ops: TransactOp[] = [{ op: 'set', ref: claimRef('e2'), value: claim, condition: { attribute: 'attempt', equalTo: 0 } }];
    expect(await commitWithStreak({ storage, now: testClock().now }, claim, 'FAILED', ops, () => Promise.resolve(false))).toBe(false);
    expect(await streakOf(storage)).toBe(1);
  });
});
