/**
 * How rules sit in the Custom Entity Store (manifest.yml entities `rule` and `rule-version`): item keys, the stored
 * shapes, and their conversions. A head holds only declared attributes (Forge refuses any other).
 */
import type { Rule } from '../../core/rule/rule-schema.js';
import { RULE_LIMITS } from '../../core/rule/limits.js';
import type { ItemRef } from '../../ports/storage.js';

export const RULE_ENTITY = 'rule';
export const VERSION_ENTITY = 'rule-version';

/** The head of a rule: its current version and switches. `enabled` here is authoritative, not the document's. */
export type RuleHead = {
  ruleId: string;
  name: string;
  /** The by-name index's sort key: the name in lower case, so the list reads alphabetically. */
  nameKey: string;
  enabled: boolean;
  version: number;
  triggerType: Rule['trigger']['type'];
  updatedAt: string;
  updatedBy: string;
  /** Set when the rule was taken out of service (the app's own: APP_FLAGS); absent otherwise. */
  flag?: string;
  /** What the rules list shows without loading documents: the trigger (without a schedule's JQL) and the scope. */
  trigger?: TriggerSummary;
  scope?: { projects?: string[]; issueTypes?: string[] };
};

/**
 * The flags the app sets by itself: a sustained breach of the rule's hourly limit, and FAILURE_LIMIT consecutive
 * failed executions (src/app/run/failure-streak.ts). Flags are otherwise free-form (the store checks their shape).
 */
export const APP_FLAGS = { throttled: 'DISABLED_THROTTLED', failing: 'DISABLED_FAILING' } as const;
export type AppFlag = (typeof APP_FLAGS)[keyof typeof APP_FLAGS];

export type TriggerSummary =
  | { type: 'event'; events: string[]; fields?: string[] }
  | { type: 'schedule'; cron: string; timezone: string }
  | { type: 'manual' };

function triggerSummary(trigger: Rule['trigger']): TriggerSummary {
  switch (trigger.type) {
    case 'event':
      return trigger.fields === undefined ? { type: 'event', events: [...trigger.events] } : { type: 'event', events: [...trigger.events], fields: [...trigger.fields] };
    case 'schedule':
      return { type: 'schedule', cron: trigger.cron, timezone: trigger.timezone };
    case 'manual':
      return { type: 'manual' };
  }
}

/** One saved version as stored. */
export type StoredVersion = {
  ruleId: string;
  version: number;
  savedAt: string;
  savedBy: string;
  /**
   * The validated document (defaults applied) as JSON text. Text, not an object: Forge refuses values nested deeper
   * than 32 levels, and a valid rule's logic may nest 32 operators (64+ JSON levels).
   */
  document: string;
};

export type RuleVersionInfo = Omit<StoredVersion, 'document'>;
export type RuleVersion = RuleVersionInfo & { document: Rule };

/** Rule ids are the only thing put in keys; anything else (say, a resolver's raw input) never reaches storage. */
export const isRuleId = (value: unknown): value is string => typeof value === 'string' && RULE_LIMITS.idPattern.test(value);

export const headRef = (ruleId: string): ItemRef & { entity: string } => ({ entity: RULE_ENTITY, key: ruleId });

/** `#` separates: rule ids never contain it, and it is in Forge's key alphabet. */
export const versionRef = (ruleId: string, version: number): ItemRef & { entity: string } => ({
  entity: VERSION_ENTITY,
  key: `${ruleId}#${version}`,
});

export function makeHead(rule: Rule, fields: { version: number; enabled: boolean; at: string; actor: string; flag?: string | undefined }): RuleHead {
  const head: RuleHead = {
    ruleId: rule.id,
    name: rule.name,
    nameKey: rule.name.toLowerCase(),
    enabled: fields.enabled,
    version: fields.version,
    triggerType: rule.trigger.type,
    updatedAt: fields.at,
    updatedBy: fields.actor,
    trigger: triggerSummary(rule.trigger),
  };
  if (rule.scope !== undefined) head.scope = { ...(rule.scope.projects === undefined ? {} : { projects: [...rule.scope.projects] }), ...(rule.scope.issueTypes === undefined ? {} : { issueTypes: [...rule.scope.issueTypes] }) };
  if (fields.flag !== undefined) head.flag = fields.flag;
  return head;
}

export function versionInfo(stored: StoredVersion): RuleVersionInfo {
  return { ruleId: stored.ruleId, version: stored.version, savedAt: stored.savedAt, savedBy: stored.savedBy };
}

/** Stored documents were validated when saved; they are parsed, not validated again. */
export function parseStored(stored: StoredVersion): RuleVersion {
  return { ...versionInfo(stored), document: JSON.parse(stored.document) as Rule };
}

export const isoAt = (epochMs: number): string => new Date(epochMs).toISOString();
