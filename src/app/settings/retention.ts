import { MAX_PAGE, MAX_TRANSACTION_OPS, type StoragePort, type TransactOp } from '../../ports/storage.js';
import { executionRef, type ExecutionRecord } from '../executions/execution-record.js';
import { progressRefs, runRef, type ScheduledRun } from '../schedule/run-record.js';
import type { AppSettings } from './settings.js';

const DAY_MS = 86_400_000;
/** Pages deleted per kind and tick: 400 records every five minutes keeps pace with ~115,000 a day. */
const PAGES_PER_TICK = 4;

export type RetentionReport = { executions: number; runs: number };

/**
 * Deletes execution records and scheduled runs older than the admin's retention periods, oldest first through the
 * time indexes, a bounded amount per tick. Records are written with TTLs of the longest period allowed (365 days),
 * so a shorter setting is enforced here, and a longer one by the TTL never firing early.
 */
export async function enforceRetention(storage: StoragePort, settings: AppSettings, now: number): Promise<RetentionReport> {
  const executionsBefore = new Date(now - settings.retention.executionDays * DAY_MS).toISOString();
  const runsBefore = new Date(now - settings.retention.runDays * DAY_MS).toISOString();
  const executions = await sweep(storage, 'execution', executionsBefore, (item: ExecutionRecord) => [{ op: 'delete', ref: executionRef(item.executionId) }]);
  const runs = await sweep(storage, 'scheduled-run', runsBefore, (run: ScheduledRun) => [
    { op: 'delete', ref: runRef(run.runId) },
    ...progressRefs(run.runId).map((ref): TransactOp => ({ op: 'delete', ref })),
  ]);
  return { executions, runs };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T ties the query's items to `deletes`
async function sweep<T>(storage: StoragePort, entity: string, before: string, deletes: (value: T) => TransactOp[]): Promise<number> {
  let deleted = 0;
  for (let page = 0; page < PAGES_PER_TICK; page++) {
    const found = await storage.query<T>({ entity, index: 'by-time', range: { op: 'lessThan', value: before }, sort: 'ASC', limit: MAX_PAGE });
    if (found.items.length === 0) break;
    let ops: TransactOp[] = [];
    for (const item of found.items) {
      const next = deletes(item.value);
      if (ops.length + next.length > MAX_TRANSACTION_OPS) {
        await storage.transact(ops);
        ops = [];
      }
      ops.push(...next);
    }
    if (ops.length > 0) await storage.transact(ops);
    deleted += found.items.length;
    if (found.cursor === undefined) break;
  }
  return deleted;
}
