import type { QueueEvent } from '../../ports/queue.js';
import type { AppDeps } from '../deps.js';
import { progressRefs, RUN_ENTITY, type RunProgress, type ScheduledRun } from './run-record.js';

/** A queued run whose first page has not started by then lost its start message (a failed push). */
const QUEUED_STALL_MS = 4 * 60_000;
/**
 * A running run with no write to it or its progress for this long lost its continuation: the invocation holding it
 * died in a way Forge did not redeliver. Longer than any wait the app sets itself (900 s) plus a consumer's timeout.
 */
const RUNNING_STALL_MS = 20 * 60_000;
const SWEPT_PER_TICK = 20;

/**
 * Safety net, run by every scheduler tick: runs that stopped moving are pushed on from where their stored state
 * says they are. Every run message is idempotent against that state, so a run that was only slow, not lost, is
 * unharmed by the extra message. Returns how many runs were pushed on.
 */
export async function sweepStalledRuns(deps: AppDeps, now: number): Promise<number> {
  const [queued, running] = await Promise.all([stalled(deps, 'QUEUED', now - QUEUED_STALL_MS), stalled(deps, 'RUNNING', now - RUNNING_STALL_MS)]);
  const events: QueueEvent[] = queued.map((run) => ({ body: { kind: 'run-page', runId: run.runId, step: 0 } }));
  for (const run of running) {
    if (run.phase === 'paging') {
      events.push({ body: { kind: 'run-page', runId: run.runId, step: run.pages } });
      continue;
    }
    if (run.phase !== 'acting') continue;
    const shards = await deps.storage.getMany<RunProgress>(progressRefs(run.runId));
    const latest = Math.max(...shards.map((shard) => (shard === undefined ? 0 : Date.parse(shard.updatedAt))));
    if (latest > now - RUNNING_STALL_MS) continue;
    // Every batch again, from the first: finished ones acknowledge at once; lost ones get carried out.
    events.push({ body: { kind: 'run-dispatch', runId: run.runId, from: 0 } });
  }
  if (events.length > 0) await deps.queue.push(events).catch(() => undefined);
  return events.length;
}

async function stalled(deps: AppDeps, status: 'QUEUED' | 'RUNNING', before: number): Promise<ScheduledRun[]> {
  const page = await deps.storage.query<ScheduledRun>({
    entity: RUN_ENTITY,
    index: 'by-status-time',
    partition: [status],
    range: { op: 'lessThan', value: new Date(before).toISOString() },
    limit: SWEPT_PER_TICK,
  });
  return page.items.map((item) => item.value);
}
