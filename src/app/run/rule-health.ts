import type { ItemRef, TransactOp } from '../../ports/storage.js';

/**
 * A rule's streak of consecutive failed executions (entity `rule-health`, one item per rule). The item exists only
 * while the streak is above 0: a success deletes it, and so do re-enabling the rule, saving a new version of it and
 * deleting it. Kept apart from failure-streak.ts so the rule store can clear it without importing the run path.
 */
export type RuleHealth = {
  ruleId: string;
  streak: number;
  lastFailureAt: string;
  /** The execution counted last: a run is counted once, however often its final record is attempted. */
  lastExecutionId: string;
  /** The last failure's error code, for the audit entry that disables the rule. */
  lastError: string;
  writes: number;
};

export const HEALTH_ENTITY = 'rule-health';

export const healthRef = (ruleId: string): ItemRef & { entity: string } => ({ entity: HEALTH_ENTITY, key: ruleId });

/** Unconditional: deleting an absent item succeeds, so a clear costs one more op in a transaction and no read. */
export const clearHealth = (ruleId: string): TransactOp => ({ op: 'delete', ref: healthRef(ruleId) });
