/**
 * Rule storage: every save makes a new immutable version, and the head (entity `rule`) points at the current one.
 * Each change commits together with its audit entry in one transaction (audit-log.ts), conditioned so that a stale
 * change fails instead of overwriting a newer one, and is followed by a rebuild of the active-ruleset snapshot.
 *
 * Version numbers only grow per rule id, even across a delete and re-create (they continue after the highest
 * version the audit log has seen), so (rule, version) names one document forever: run claims rely on that.
 */
import type { ValidationIssue } from '../../core/rule/issue-codes.js';
import type { Rule } from '../../core/rule/rule-schema.js';
import { validateRule } from '../../core/rule/validate.js';
import { RuleforgeError } from '../../ports/errors.js';
import { MAX_PAGE, MAX_TRANSACTION_OPS, type StoragePort, type TransactOp } from '../../ports/storage.js';
import { rebuildActiveRuleset, type RebuildReport } from './active-ruleset.js';
import { commitAudited, lastAuditedVersion, type AuditAction, type AuditTip } from './audit-log.js';
import { createdSummary, deletedSummary, updatedSummary, withReason } from './change-summary.js';
import { clearHealth } from '../run/rule-health.js';
import {
  APP_FLAGS, headRef, isoAt, isRuleId, makeHead, parseStored, versionInfo, versionRef, VERSION_ENTITY,
  type RuleHead, type RuleVersion, type RuleVersionInfo, type StoredVersion,
} from './rule-records.js';
import { storedStringBytes } from './text-chunks.js';

/** Forge's limit on one stored value; a version carries its document plus a little metadata. */
const MAX_VALUE_BYTES = 240 * 1024;
const VERSION_METADATA_BYTES = 512;
const FLAG_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/** What happened to the snapshot after a change. `stale`: the change is committed but events still see the old set. */
export type RulesetStatus = { state: 'rebuilt' | 'unchanged' } | { state: 'stale'; error: string };

export type SaveInput = {
  document: unknown;
  /** null: create (the rule must not exist); a number: the version the caller edited (must still be current). */
  expectedVersion: number | null;
  actor: string;
};

export type SaveOutcome =
  | { ok: true; unchanged: boolean; head: RuleHead; version: number }
  | { ok: false; code: 'INVALID_RULE'; issues: ValidationIssue[] }
  | { ok: false; code: 'CONFLICT'; currentVersion: number | null };
export type SaveResult = Exclude<SaveOutcome, { ok: true }> | (Extract<SaveOutcome, { ok: true }> & { activeRuleset: RulesetStatus });

export type ChangeResult =
  | { ok: true; changed: boolean; head: RuleHead; activeRuleset: RulesetStatus }
  | { ok: false; code: 'NOT_FOUND' | 'INVALID_FLAG' };
export type DeleteResult = { ok: true; version: number; activeRuleset: RulesetStatus } | { ok: false; code: 'NOT_FOUND' };
export type ImportResult = { results: SaveOutcome[]; activeRuleset: RulesetStatus };

export type PageOptions = { cursor?: string; limit?: number };
export type Paged<T> = { items: T[]; cursor?: string };

export interface RuleStore {
  save(input: SaveInput): Promise<SaveResult>;
  /** Creates or overwrites each document (last writer wins, audited as `import`), then rebuilds the snapshot once. */
  importRules(input: { documents: readonly unknown[]; actor: string }): Promise<ImportResult>;
  /**
   * Enabling a flagged rule also clears its flag: the admin has seen it and wants the rule to run. Enabling also
   * clears the rule's failure streak (run/rule-health.ts), so a re-enabled rule gets FAILURE_LIMIT fresh tries.
   */
  setEnabled(ruleId: string, enabled: boolean, options: { actor: string; reason?: string }): Promise<ChangeResult>;
  /**
   * A flag (e.g. DISABLED_THROTTLED) takes the rule out of the active set until cleared (null) or re-enabled.
   * `onlyIfRunning`: leave a rule that is already disabled or flagged as it is (no change, no audit entry).
   */
  flag(ruleId: string, flag: string | null, options: { actor: string; reason: string; onlyIfRunning?: boolean }): Promise<ChangeResult>;
  delete(ruleId: string, options: { actor: string }): Promise<DeleteResult>;
  get(ruleId: string): Promise<{ head: RuleHead; document: Rule } | undefined>;
  getVersion(ruleId: string, version: number): Promise<RuleVersion | undefined>;
  /** Newest first. */
  listVersions(ruleId: string, options?: PageOptions): Promise<Paged<RuleVersionInfo>>;
  /** By name, a page at a time through the by-name index; `namePrefix` narrows it (case-insensitive). */
  list(options?: PageOptions & { namePrefix?: string }): Promise<Paged<RuleHead>>;
  rebuildActiveRuleset(): Promise<RebuildReport>;
}

const pageLimit = (limit: number | undefined): number => Math.min(MAX_PAGE, Math.max(1, Math.trunc(limit ?? 50)));
const paged = <T>(items: T[], cursor: string | undefined): Paged<T> => (cursor === undefined ? { items } : { items, cursor });
const conflict = (currentVersion: number | null): SaveOutcome => ({ ok: false, code: 'CONFLICT', currentVersion });

export function createRuleStore(deps: { storage: StoragePort; now: () => number }): RuleStore {
  const { storage, now } = deps;

  async function refresh(): Promise<RulesetStatus> {
    try {
      await rebuildActiveRuleset(storage);
      return { state: 'rebuilt' };
    } catch (error) {
      // The change is committed; a storage failure here must not read as "not saved". The next change, or
      // rebuildActiveRuleset(), brings the snapshot up to date.
      if (error instanceof RuleforgeError) return { state: 'stale', error: `${error.code}: ${error.message}` };
      throw error;
    }
  }

  /** Deletes versions up to `upTo` (a deleted rule's, or leftovers found when its id is used again). */
  async function purgeVersions(ruleId: string, upTo: number): Promise<void> {
    try {
      for (;;) {
        const page = await storage.query({ entity: VERSION_ENTITY, index: 'by-rule', partition: [ruleId], range: { op: 'lessThanEqualTo', value: upTo }, limit: MAX_PAGE });
        if (page.items.length === 0) return;
        for (let i = 0; i < page.items.length; i += MAX_TRANSACTION_OPS) {
          await storage.transact(page.items.slice(i, i + MAX_TRANSACTION_OPS).map((item): TransactOp => ({ op: 'delete', ref: { entity: VERSION_ENTITY, key: item.key } })));
        }
      }
    } catch (error) {
      // Leftovers are harmless (no head points at them) and are purged again when the id is reused.
      if (!(error instanceof RuleforgeError)) throw error;
    }
  }

  type SaveMode = { action: 'save'; expectedVersion: number | null } | { action: 'import' };

  type Saved = { outcome: SaveOutcome; purgeUpTo?: number; tip?: AuditTip };

  async function saveOne(document: unknown, actor: string, mode: SaveMode, knownTip?: AuditTip): Promise<Saved> {
    const validated = validateRule(document);
    if (!validated.ok) return { outcome: { ok: false, code: 'INVALID_RULE', issues: validated.issues } };
    const rule = validated.rule;
    const ruleId = rule.id;
    const text = JSON.stringify(rule);
    const bytes = storedStringBytes(text) + VERSION_METADATA_BYTES;
    if (bytes > MAX_VALUE_BYTES) {
      const message = `The rule takes ${Math.ceil(bytes / 1024)} KiB once stored; the limit is ${MAX_VALUE_BYTES / 1024} KiB. Shorten its texts or conditions.`;
      return { outcome: { ok: false, code: 'INVALID_RULE', issues: [{ path: '', code: 'DOCUMENT_TOO_LARGE', message }] } };
    }
    let priorVersion = 0;
    let tip: AuditTip | undefined;
    const outcome = await commitAudited<SaveOutcome>(storage, now, async (at) => {
      const head = await storage.get<RuleHead>(headRef(ruleId));
      if (mode.action === 'save') {
        if (mode.expectedVersion === null && head !== undefined) return { done: conflict(head.version) };
        if (mode.expectedVersion !== null && head?.version !== mode.expectedVersion) return { done: conflict(head?.version ?? null) };
      }
      let before: Rule | undefined;
      if (head !== undefined) {
        const current = await storage.get<StoredVersion>(versionRef(ruleId, head.version));
        if (current?.document === text) return { done: { ok: true, unchanged: true, head, version: head.version } };
        if (current !== undefined) before = parseStored(current).document;
      }
      priorVersion = head === undefined ? await lastAuditedVersion(storage, ruleId) : 0;
      const version = head === undefined ? priorVersion + 1 : head.version + 1;
      const iso = isoAt(at);
      // A new version is the admin's fix for a rule that kept failing: it runs again, with a fresh streak.
      const clearsFailing = head?.flag === APP_FLAGS.failing;
      const next = makeHead(rule, { version, enabled: head?.enabled ?? rule.enabled, at: iso, actor, flag: clearsFailing ? undefined : head?.flag });
      const stored: StoredVersion = { ruleId, version, savedAt: iso, savedBy: actor, document: text };
      const changed = head === undefined ? createdSummary(rule) : before === undefined ? 'updated' : updatedSummary(before, rule);
      const summary = clearsFailing ? `${changed}; flag ${APP_FLAGS.failing} cleared` : changed;
      const action: AuditAction = mode.action === 'import' ? 'import' : head === undefined ? 'create' : 'update';
      return {
        ops: [
          { op: 'set', ref: headRef(ruleId), value: next, condition: head === undefined ? { attribute: 'version', notExists: true } : { attribute: 'version', equalTo: head.version } },
          { op: 'set', ref: versionRef(ruleId, version), value: stored, condition: { attribute: 'version', notExists: true } },
          clearHealth(ruleId),
        ],
        audit: { actor, action, ruleId, version, summary: action === 'import' ? `imported: ${summary}` : summary },
        result: (entry) => {
          tip = { seq: entry.seq, hash: entry.hash };
          return { ok: true, unchanged: false, head: next, version };
        },
      };
    }, knownTip);
    return { outcome, ...(outcome.ok && !outcome.unchanged && priorVersion > 0 ? { purgeUpTo: priorVersion } : {}), ...(tip === undefined ? {} : { tip }) };
  }

  /** A change to the head alone (enable, disable, flag), committed only if the head is still the one read. */
  function changeHead(
    ruleId: string,
    actor: string,
    decide: (head: RuleHead) => { next: Omit<RuleHead, 'updatedAt' | 'updatedBy'>; action: AuditAction; summary: string; also?: TransactOp[] } | undefined,
  ): Promise<ChangeResult> {
    if (!isRuleId(ruleId)) return Promise.resolve({ ok: false, code: 'NOT_FOUND' });
    type Outcome = { found: false } | { found: true; changed: boolean; head: RuleHead };
    const committed = commitAudited<Outcome>(storage, now, async (at) => {
      const head = await storage.get<RuleHead>(headRef(ruleId));
      if (head === undefined) return { done: { found: false } };
      const change = decide(head);
      if (change === undefined) return { done: { found: true, changed: false, head } };
      const next: RuleHead = { ...change.next, updatedAt: isoAt(at), updatedBy: actor };
      return {
        ops: [{ op: 'set', ref: headRef(ruleId), value: next, condition: { attribute: 'version', equalTo: head.version } }, ...(change.also ?? [])],
        audit: { actor, action: change.action, ruleId, version: head.version, summary: change.summary },
        result: () => ({ found: true, changed: true, head: next }),
      };
    });
    return committed.then(async (outcome): Promise<ChangeResult> => {
      if (!outcome.found) return { ok: false, code: 'NOT_FOUND' };
      const activeRuleset: RulesetStatus = outcome.changed ? await refresh() : { state: 'unchanged' };
      return { ok: true, changed: outcome.changed, head: outcome.head, activeRuleset };
    });
  }

  const withoutFlag = (head: RuleHead): RuleHead => {
    const copy = { ...head };
    delete copy.flag;
    return copy;
  };

  return {
    async save(input) {
      const { outcome, purgeUpTo } = await saveOne(input.document, input.actor, { action: 'save', expectedVersion: input.expectedVersion });
      if (!outcome.ok) return outcome;
      if (purgeUpTo !== undefined) await purgeVersions(outcome.head.ruleId, purgeUpTo);
      return { ...outcome, activeRuleset: outcome.unchanged ? { state: 'unchanged' } : await refresh() };
    },

    async importRules(input) {
      const results: SaveOutcome[] = [];
      let tip: AuditTip | undefined;
      for (const document of input.documents) {
        const saved = await saveOne(document, input.actor, { action: 'import' }, tip);
        if (saved.outcome.ok && saved.purgeUpTo !== undefined) await purgeVersions(saved.outcome.head.ruleId, saved.purgeUpTo);
        tip = saved.tip ?? tip;
        results.push(saved.outcome);
      }
      const changed = results.some((result) => result.ok && !result.unchanged);
      return { results, activeRuleset: changed ? await refresh() : { state: 'unchanged' } };
    },

    setEnabled(ruleId, enabled, options) {
      return changeHead(ruleId, options.actor, (head) => {
        const clearsFlag = enabled && head.flag !== undefined;
        if (head.enabled === enabled && !clearsFlag) return undefined;
        const words = enabled ? (clearsFlag ? `enabled; flag ${head.flag ?? ''} cleared` : 'enabled') : 'disabled';
        const next = enabled ? { ...withoutFlag(head), enabled } : { ...head, enabled };
        return { next, action: enabled ? 'enable' : 'disable', summary: withReason(words, options.reason), ...(enabled ? { also: [clearHealth(ruleId)] } : {}) };
      });
    },

    flag(ruleId, flag, options) {
      if (flag !== null && !FLAG_PATTERN.test(flag)) return Promise.resolve({ ok: false, code: 'INVALID_FLAG' });
      return changeHead(ruleId, options.actor, (head) => {
        if ((head.flag ?? null) === flag) return undefined;
        if (options.onlyIfRunning === true && (!head.enabled || head.flag !== undefined)) return undefined;
        const words = flag === null ? `flag ${head.flag ?? ''} cleared` : `flagged ${flag}`;
        return { next: flag === null ? withoutFlag(head) : { ...head, flag }, action: 'flag', summary: withReason(words, options.reason) };
      });
    },

    async delete(ruleId, options) {
      if (!isRuleId(ruleId)) return { ok: false, code: 'NOT_FOUND' };
      const deleted = await commitAudited<RuleHead | undefined>(storage, now, async () => {
        const head = await storage.get<RuleHead>(headRef(ruleId));
        if (head === undefined) return { done: undefined };
        return {
          ops: [{ op: 'delete', ref: headRef(ruleId), condition: { attribute: 'version', equalTo: head.version } }, clearHealth(ruleId)],
          audit: { actor: options.actor, action: 'delete', ruleId, version: head.version, summary: deletedSummary(head.name, head.version) },
          result: () => head,
        };
      });
      if (deleted === undefined) return { ok: false, code: 'NOT_FOUND' };
      await purgeVersions(ruleId, deleted.version);
      return { ok: true, version: deleted.version, activeRuleset: await refresh() };
    },

    async get(ruleId) {
      if (!isRuleId(ruleId)) return undefined;
      const head = await storage.get<RuleHead>(headRef(ruleId));
      if (head === undefined) return undefined;
      const stored = await storage.get<StoredVersion>(versionRef(ruleId, head.version));
      return stored === undefined ? undefined : { head, document: parseStored(stored).document };
    },

    async getVersion(ruleId, version) {
      if (!isRuleId(ruleId) || !Number.isInteger(version) || version < 1) return undefined;
      const stored = await storage.get<StoredVersion>(versionRef(ruleId, version));
      return stored === undefined ? undefined : parseStored(stored);
    },

    async listVersions(ruleId, options = {}) {
      if (!isRuleId(ruleId)) return { items: [] };
      const page = await storage.query<StoredVersion>({
        entity: VERSION_ENTITY, index: 'by-rule', partition: [ruleId], sort: 'DESC', limit: pageLimit(options.limit),
        ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
      });
      return paged(page.items.map((item) => versionInfo(item.value)), page.cursor);
    },

    async list(options = {}) {
      const page = await storage.query<RuleHead>({
        entity: 'rule', index: 'by-name', limit: pageLimit(options.limit), ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
        ...(options.namePrefix === undefined ? {} : { range: { op: 'beginsWith', value: options.namePrefix.toLowerCase() } }),
      });
      return paged(page.items.map((item) => item.value), page.cursor);
    },

    rebuildActiveRuleset: () => rebuildActiveRuleset(storage),
  };
}
