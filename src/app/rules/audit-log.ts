/**
 * The hash-chained audit log of rule changes (entity `audit-entry`). Entry n holds the hash of entry n-1, and its own
 * hash covers every other field, so editing, removing or reordering an entry breaks the chain at that entry.
 *
 * Seq numbers are claimed by a conditional create (`seq` notExists on the next key) in the same transaction as the
 * change it records: two concurrent changes that read the same tip cannot both commit, so the chain stays linear
 * and every change has exactly one entry. The loser re-reads and tries again (`commitAudited`).
 *
 * What the chain cannot show on its own: someone with storage access rewriting the newest entries wholesale
 * (recomputing every hash). Anchoring the tip's hash outside the store would catch that; nothing does yet.
 */
import { createHash } from 'node:crypto';
import { TransientError } from '../../ports/errors.js';
import type { StoragePort, TransactOp, WriteOptions } from '../../ports/storage.js';
import { ttlFor } from '../settings/retention-now.js';
import { isoAt } from './rule-records.js';

export const AUDIT_ENTITY = 'audit-entry';
export const GENESIS_HASH = '0'.repeat(64);
export const AUDIT_ACTIONS = ['create', 'update', 'import', 'enable', 'disable', 'flag', 'delete', 'pause', 'resume', 'settings'] as const;
/** The ruleId of entries about the whole app (settings), not one rule. */
export const APP_WIDE = '*';
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  seq: number;
  at: string;
  /** An Atlassian account id (the app's own for changes it makes, such as throttling). */
  actor: string;
  action: AuditAction;
  ruleId: string;
  version: number;
  summary: string;
  prevHash: string;
  hash: string;
};

/** What a change says about itself; the log adds seq, time and the chain. */
export type AuditDraft = Pick<AuditEntry, 'actor' | 'action' | 'ruleId' | 'version' | 'summary'>;

/** The newest entry, or the empty log's tip. */
export type AuditTip = { seq: number; hash: string };

// A contended log (many admins and throttling at once) settles in a few rounds; past this, let the caller retry later.
const MAX_ATTEMPTS = 12;
export const SUMMARY_MAX = 300;
export const ACTOR_MAX = 128;

// Fixed width, so keys sort as numbers too (32-bit seq: 10 digits).
export const auditKey = (seq: number): string => String(seq).padStart(10, '0');

/** JSON with object keys sorted at every level: the one byte sequence the hash is taken over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, ruleId, version, summary, prevHash } = entry;
  return createHash('sha256').update(canonicalJson({ seq, at, actor, action, ruleId, version, summary, prevHash }), 'utf8').digest('hex');
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function sealEntry(tip: AuditTip, draft: AuditDraft, at: number): AuditEntry {
  const body = {
    seq: tip.seq + 1,
    at: isoAt(at),
    actor: clip(draft.actor, ACTOR_MAX),
    action: draft.action,
    ruleId: draft.ruleId,
    version: draft.version,
    summary: clip(draft.summary, SUMMARY_MAX),
    prevHash: tip.hash,
  };
  return { ...body, hash: hashEntry(body) };
}

/**
 * The write that appends `entry`, and fails the whole transaction when its seq is taken. Its TTL is the audit
 * period in force (decision 0015): entries expire oldest first, so what remains is still a chain.
 */
export function appendOp(entry: AuditEntry, options?: WriteOptions): TransactOp {
  return { op: 'set', ref: { entity: AUDIT_ENTITY, key: auditKey(entry.seq) }, value: entry, condition: { attribute: 'seq', notExists: true }, ...(options === undefined ? {} : { options }) };
}

export async function auditTip(storage: StoragePort): Promise<AuditTip> {
  const page = await storage.query<AuditEntry>({ entity: AUDIT_ENTITY, index: 'by-seq', sort: 'DESC', limit: 1 });
  const newest = page.items[0]?.value;
  return newest === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: newest.seq, hash: newest.hash };
}

/** The highest version the log has seen for a rule, 0 if none: a re-created rule continues after its old versions. */
export async function lastAuditedVersion(storage: StoragePort, ruleId: string): Promise<number> {
  const page = await storage.query<AuditEntry>({ entity: AUDIT_ENTITY, index: 'by-rule', partition: [ruleId], sort: 'DESC', limit: 1 });
  return page.items[0]?.value.version ?? 0;
}

/**
 * What a change wants to do, decided from a fresh read: either an outcome with nothing to write (a conflict, a
 * no-op), or the writes plus what the audit entry should say.
 */
export type ChangePlan<R> = { done: R } | { ops: TransactOp[]; audit: AuditDraft; result: (entry: AuditEntry) => R };

/**
 * Commits a change and its audit entry in one transaction, re-planning when the transaction's conditions fail.
 * The tip is read before `plan` reads anything: if `plan` read state older than a concurrent commit, the tip is
 * older too, so the seq claim fails and `plan` runs again on fresh state. No change is lost or recorded twice.
 * `plan` gets the attempt's time (epoch ms).
 */
export async function commitAudited<R>(
  storage: StoragePort,
  now: () => number,
  plan: (at: number) => Promise<ChangePlan<R>>,
  knownTip?: AuditTip,
): Promise<R> {
  const ttl = await ttlFor(storage, 'audit');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // A tip the caller just wrote saves a query when it commits changes in a row (an import); if anything was
    // appended since, the claim fails and the next attempt reads the tip.
    const tip = attempt === 0 && knownTip !== undefined ? knownTip : await auditTip(storage);
    // One instant per attempt: the change's own timestamps and its entry's agree.
    const at = now();
    const planned = await plan(at);
    if ('done' in planned) return planned.done;
    const entry = sealEntry(tip, planned.audit, at);
    const outcome = await storage.transact([...planned.ops, appendOp(entry, ttl)]);
    if (outcome.ok) return planned.result(entry);
  }
  throw new TransientError('AUDIT_CONTENDED', `The audit log stayed contended over ${MAX_ATTEMPTS} attempts; try the change again.`);
}

/** Appends an entry on its own, for events with no other write. */
export function appendAudit(storage: StoragePort, now: () => number, draft: AuditDraft): Promise<AuditEntry> {
  return commitAudited(storage, now, () => Promise.resolve({ ops: [], audit: draft, result: (entry) => entry }));
}

export type AuditPage = { entries: AuditEntry[]; cursor?: string };

/** Newest first; for one rule through the by-rule index, else the whole log. */
export async function listAudit(storage: StoragePort, options: { ruleId?: string; cursor?: string; limit?: number } = {}): Promise<AuditPage> {
  const page = await storage.query<AuditEntry>({
    entity: AUDIT_ENTITY,
    ...(options.ruleId === undefined ? { index: 'by-seq' } : { index: 'by-rule', partition: [options.ruleId] }),
    sort: 'DESC',
    limit: options.limit ?? 50,
    ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
  });
  const entries = page.items.map((item) => item.value);
  return page.cursor === undefined ? { entries } : { entries, cursor: page.cursor };
}

/** `from`: the oldest entry still stored (1 unless retention removed older ones); `entries` counts from there. */
export type AuditVerdict =
  | { ok: true; entries: number; from: number; tip: AuditTip }
  | { ok: false; seq: number; reason: 'MALFORMED' | 'KEY_MISMATCH' | 'SEQ_GAP' | 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH'; message: string };

function isEntry(value: unknown): value is AuditEntry {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const strings = ['at', 'actor', 'action', 'ruleId', 'summary', 'prevHash', 'hash'].every((name) => typeof v[name] === 'string');
  return strings && Number.isInteger(v.seq) && Number.isInteger(v.version);
}

/**
 * Walks the log in seq order (pages of 100, never all at once) and checks every link, from the oldest entry still
 * stored: retention removes the oldest entries, so the first one left links to an entry that is gone, and only its
 * own hash is checked (entry 1's link to the genesis hash is checked as ever).
 */
export async function verifyAuditLog(storage: StoragePort): Promise<AuditVerdict> {
  let tip: AuditTip = { seq: 0, hash: GENESIS_HASH };
  let from = 1;
  let cursor: string | undefined;
  do {
    const page = await storage.query({ entity: AUDIT_ENTITY, index: 'by-seq', limit: 100, ...(cursor === undefined ? {} : { cursor }) });
    for (const item of page.items) {
      const entry = item.value;
      if (tip.seq === 0 && isEntry(entry) && entry.seq > 1) {
        from = entry.seq;
        tip = { seq: entry.seq - 1, hash: entry.prevHash };
      }
      const expected = tip.seq + 1;
      if (!isEntry(entry)) return { ok: false, seq: expected, reason: 'MALFORMED', message: `The entry stored at "${item.key}" is not an audit entry.` };
      if (entry.seq !== expected) return { ok: false, seq: expected, reason: 'SEQ_GAP', message: `Entry ${expected} is missing (next is ${entry.seq}).` };
      if (item.key !== auditKey(entry.seq)) return { ok: false, seq: entry.seq, reason: 'KEY_MISMATCH', message: `Entry ${entry.seq} is stored under "${item.key}".` };
      if (entry.prevHash !== tip.hash) return { ok: false, seq: entry.seq, reason: 'PREV_HASH_MISMATCH', message: `Entry ${entry.seq} does not link to entry ${tip.seq}.` };
      if (hashEntry(entry) !== entry.hash) return { ok: false, seq: entry.seq, reason: 'HASH_MISMATCH', message: `Entry ${entry.seq} was changed after it was written.` };
      tip = { seq: entry.seq, hash: entry.hash };
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return { ok: true, entries: tip.seq === 0 ? 0 : tip.seq - from + 1, from, tip };
}
