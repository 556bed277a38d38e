import type { Rule } from '../../core/rule/rule-schema.js';

/** A rule as the hot path sees it: an enabled, unflagged rule's current version, validated. */
export type ActiveRule = { ruleId: string; version: number; document: Rule };

/** Where runs get their rules and report a rule that must stop (the rule store implements it). */
export interface RuleSource {
  /** The active rules whose trigger lists this event type, in one storage round trip. */
  rulesFor(eventType: string): Promise<ActiveRule[]>;
  /** Disables a rule that keeps breaching its rate limit, audited as done by the app, and flags it for the admin. */
  disableThrottled(ruleId: string, reason: string): Promise<void>;
}
