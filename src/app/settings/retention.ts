import { MAX_PAGE, MAX_TRANSACTION_OPS, type RangeCondition, type StoragePort, type TransactOp } from '../../ports/storage.js';
import { executionRef, type ExecutionRecord } from '../executions/execution-record.js';
import { AUDIT_ENTITY, auditKey, type AuditEntry } from '../rules/audit-log.js';
import { CLAIM_TTL_SECONDS, type Claim } from '../run/claim.js';
import { BATCH_ENTITY, progressRefs, runRef, type ScheduledRun } from '../schedule/run-record.js';
import type { Retention } from './retention-policy.js';

const DAY_MS = 86_400_000;
/** Pages handled per kind and tick: 400 records every five minutes keeps pace with ~115,000 a day. */
const PAGES_PER_TICK = 4;
/** How far trace stripping got (startedAt / claimedAt), so a tick never re-reads records it already stripped. */
export const TRACE_MARK_KEY = 'retention:traces';

export type RetentionReport = { executions: number; results: number; traces: number; runs: number; audit: number };
export const EMPTY_RETENTION_REPORT: RetentionReport = { executions: 0, results: 0, traces: 0, runs: 0, audit: 0 };

type TraceMark = { executions?: string | undefined; claims?: string | undefined };

/**
 * Applies the admin's periods to records already stored, a bounded amount per tick, oldest first through the
 * unpartitioned time indexes. Every record also carries its kind's TTL from when it was written (retention-now.ts),
 * so a longer period reaches new records only, and a shorter one reaches old records here.
 */
export async function enforceRetention(storage: StoragePort, settings: { retention: Retention }, now: number): Promise<RetentionReport> {
  const before = (days: number): string => new Date(now - days * DAY_MS).toISOString();
  const { retention } = settings;
  const executions = await sweep<ExecutionRecord>(storage, 'execution', { op: 'lessThan', value: before(retention.executionDays) }, (item) => [{ op: 'delete', ref: executionRef(item.executionId) }]);
  const results = await sweep<{ key: string }>(storage, 'rule-result', { op: 'lessThan', value: before(retention.resultDays) }, (item) => [{ op: 'delete', ref: { entity: 'rule-result', key: item.key } }]);
  const runs = await sweep<ScheduledRun>(storage, 'scheduled-run', { op: 'lessThan', value: before(retention.runDays) }, async (run) => [
    { op: 'delete', ref: runRef(run.runId) },
    ...progressRefs(run.runId).map((ref): TransactOp => ({ op: 'delete', ref })),
    ...(run.batches > 0 ? await batchDeletes(storage, run.runId) : []),
  ]);
  const traces = await stripTraces(storage, before(retention.traceDays), retention.executionDays, now);
  const audit = await pruneAudit(storage, before(retention.auditDays));
  return { executions, results, traces, runs, audit };
}

async function batchDeletes(storage: StoragePort, runId: string): Promise<TransactOp[]> {
  const ops: TransactOp[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.query({ entity: BATCH_ENTITY, index: 'by-run', partition: [runId], limit: MAX_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    ops.push(...page.items.map((item): TransactOp => ({ op: 'delete', ref: { entity: BATCH_ENTITY, key: item.key } })));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return ops;
}

async function commitAll(storage: StoragePort, ops: readonly TransactOp[]): Promise<void> {
  for (let i = 0; i < ops.length; i += MAX_TRANSACTION_OPS) await storage.transact(ops.slice(i, i + MAX_TRANSACTION_OPS));
}

/** Deletes the first pages matching `range` on the entity's `by-time` index (deleted items leave the first page). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T ties the query's items to `deletes`
async function sweep<T>(
  storage: StoragePort, entity: string, range: RangeCondition, deletes: (value: T & { key: string }) => TransactOp[] | Promise<TransactOp[]>,
): Promise<number> {
  let deleted = 0;
  for (let page = 0; page < PAGES_PER_TICK; page++) {
    const found = await storage.query<T>({ entity, index: 'by-time', range, sort: 'ASC', limit: MAX_PAGE });
    if (found.items.length === 0) break;
    const ops: TransactOp[] = [];
    for (const item of found.items) ops.push(...(await deletes({ ...item.value, key: item.key })));
    await commitAll(storage, ops);
    deleted += found.items.length;
    if (found.cursor === undefined) break;
  }
  return deleted;
}

/** The seconds left of a record's life, so rewriting it without its trace does not extend it. */
const remaining = (since: string, lifeSeconds: number, now: number): number => Math.max(1, Math.ceil((Date.parse(since) + lifeSeconds * 1000 - now) / 1000));

/**
 * Removes the explain trace from execution records and run claims older than the trace period; the records stay.
 * Between the mark and the cutoff only: what is before the mark was stripped by an earlier tick.
 */
async function stripTraces(storage: StoragePort, cutoff: string, executionDays: number, now: number): Promise<number> {
  const mark = (await storage.get<TraceMark>({ key: TRACE_MARK_KEY })) ?? {};
  const executions = await stripFrom<ExecutionRecord>(storage, 'execution', mark.executions, cutoff, (record) => record.startedAt, (key, record) => ({
    op: 'set', ref: { entity: 'execution', key }, value: { ...record, trace: null }, options: { ttlSeconds: remaining(record.startedAt, executionDays * 86_400, now) },
  }));
  const claims = await stripFrom<Claim>(storage, 'run-claim', mark.claims, cutoff, (claim) => claim.claimedAt, (key, claim) => ({
    // Only if no attempt moved on meanwhile: a live run's own write wins, and the next tick strips it.
    op: 'set', ref: { entity: 'run-claim', key }, value: { ...claim, trace: null }, options: { ttlSeconds: remaining(claim.claimedAt, CLAIM_TTL_SECONDS, now) }, condition: { attribute: 'attempt', equalTo: claim.attempt },
  }));
  const next: TraceMark = { executions: executions.mark, claims: claims.mark };
  // Nothing old enough yet: no mark either (the key appears once there is something to remember).
  if (executions.scanned + claims.scanned > 0) await storage.set({ key: TRACE_MARK_KEY }, next);
  return executions.stripped + claims.stripped;
}

async function stripFrom<T extends { trace: unknown }>(
  storage: StoragePort, entity: string, from: string | undefined, cutoff: string, at: (value: T) => string, strip: (key: string, value: T) => TransactOp,
): Promise<{ stripped: number; scanned: number; mark: string | undefined }> {
  let stripped = 0;
  let scanned = 0;
  let mark = from;
  let cursor: string | undefined;
  const range: RangeCondition = from === undefined ? { op: 'lessThan', value: cutoff } : { op: 'between', from, to: cutoff };
  for (let page = 0; page < PAGES_PER_TICK; page++) {
    const found = await storage.query<T>({ entity, index: 'by-time', range, sort: 'ASC', limit: MAX_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    const ops = found.items.filter((item) => item.value.trace !== null && item.value.trace !== undefined).map((item) => strip(item.key, item.value));
    // Claims are written conditionally; one refused write must not cost the others, so each goes on its own there.
    if (entity === 'run-claim') for (const op of ops) await storage.transact([op]);
    else await commitAll(storage, ops);
    stripped += ops.length;
    scanned += found.items.length;
    const last = found.items.at(-1);
    if (last !== undefined) mark = at(last.value);
    cursor = found.cursor;
    if (cursor === undefined) return { stripped, scanned, mark: cutoff };
  }
  return { stripped, scanned, mark };
}

/**
 * Deletes the oldest audit entries older than the audit period: a prefix of the chain in seq order, stopping at the
 * first newer entry, so what remains still verifies (verifyAuditLog starts at the oldest entry left). The newest
 * entry always stays: it is the tip the next entry links to, so seq numbers never start over.
 */
async function pruneAudit(storage: StoragePort, cutoff: string): Promise<number> {
  let deleted = 0;
  for (let page = 0; page < PAGES_PER_TICK; page++) {
    const found = await storage.query<AuditEntry>({ entity: AUDIT_ENTITY, index: 'by-seq', sort: 'ASC', limit: MAX_PAGE });
    const tip = await storage.query<AuditEntry>({ entity: AUDIT_ENTITY, index: 'by-seq', sort: 'DESC', limit: 1 });
    const newest = tip.items[0]?.value.seq;
    const old: AuditEntry[] = [];
    for (const item of found.items) {
      if (item.value.at >= cutoff || item.value.seq === newest) break;
      old.push(item.value);
    }
    // Oldest first, transaction by transaction: a failure half-way still leaves a prefix removed.
    await commitAll(storage, old.map((entry): TransactOp => ({ op: 'delete', ref: { entity: AUDIT_ENTITY, key: auditKey(entry.seq) } })));
    deleted += old.length;
    if (old.length < found.items.length || found.cursor === undefined) break;
  }
  return deleted;
}
