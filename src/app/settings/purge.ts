/**
 * "Delete all app data": queued steps that each delete a bounded amount and queue the next, until no key and no
 * entity item is left. A step keeps no state of its own: it looks for whatever is still stored (always the first
 * page, as deleted items leave it), so a step delivered twice, or one that died half-way, is repeated harmlessly.
 * The marker and the settings item (which keeps the app paused meanwhile) go last, in one transaction.
 */
import { MAX_PAGE, MAX_TRANSACTION_OPS, type ItemRef, type StoragePort, type TransactOp } from '../../ports/storage.js';
import type { AppDeps } from '../deps.js';
import { rebuildActiveRuleset } from '../rules/active-ruleset.js';
import { APP_WIDE, appendAudit } from '../rules/audit-log.js';
import { PURGE_KEY, type PurgeMarker, type PurgeStatus } from './purge-status.js';
import { readSettings, setPaused, settingsRef } from './settings.js';

/**
 * Every entity of manifest.yml, each with an index that has no partition, so its items are found without knowing
 * any id (test/app/settings/delete-all.test.ts fails when an entity of the manifest is missing here). Rules and the
 * snapshot's keys go first, so nothing runs while the rest is deleted. `settings` is one known key, deleted last.
 */
export const PURGE_SOURCES: readonly { entity: string; index: string }[] = [
  { entity: 'rule', index: 'by-name' },
  { entity: 'rule-version', index: 'by-saved' },
  { entity: 'schedule-state', index: 'by-rule' },
  { entity: 'run-claim', index: 'by-time' },
  { entity: 'execution', index: 'by-time' },
  { entity: 'rule-result', index: 'by-time' },
  { entity: 'run-batch', index: 'by-run-all' },
  { entity: 'run-progress', index: 'by-run' },
  { entity: 'scheduled-run', index: 'by-time' },
  { entity: 'rule-counter', index: 'by-hour' },
  { entity: 'rule-health', index: 'by-failure-time' },
  { entity: 'match-tally', index: 'by-hour' },
  { entity: 'audit-entry', index: 'by-seq' },
];
/** Entities with one fixed key, deleted by the last step rather than found through an index. */
export const PURGE_LAST: readonly (ItemRef & { entity: string })[] = [settingsRef];

/** Deletes per step: 20 transactions, well inside a 120 s invocation. */
const DELETES_PER_STEP = 500;
/** Between steps: 500 deletes every 10 s stays under Forge's 4,000 writes a minute, leaving room for the rest. */
export const PURGE_STEP_DELAY_SECONDS = 10;

export type PurgeStepOutcome = { state: 'idle' } | { state: 'continuing'; deleted: number; current: string } | { state: 'finished'; deleted: number };

/** Plain keys (the active-ruleset chunks and any other), without the marker, which goes last. */
async function keyPage(storage: StoragePort, limit: number): Promise<ItemRef[]> {
  let cursor: string | undefined;
  do {
    const page = await storage.listKeys('', { limit: MAX_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    const keys = page.items.filter((item) => item.key !== PURGE_KEY).map((item) => ({ key: item.key }));
    // A page holding only the marker says nothing about the keys after it.
    if (keys.length > 0) return keys.slice(0, limit);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return [];
}

async function entityPage(storage: StoragePort, entity: string, index: string, limit: number): Promise<ItemRef[]> {
  const page = await storage.query({ entity, index, limit });
  return page.items.map((item) => ({ entity, key: item.key }));
}

async function deleteAll(storage: StoragePort, refs: readonly ItemRef[]): Promise<void> {
  for (let i = 0; i < refs.length; i += MAX_TRANSACTION_OPS) {
    await storage.transact(refs.slice(i, i + MAX_TRANSACTION_OPS).map((ref): TransactOp => ({ op: 'delete', ref })));
  }
}

/** Starts a deletion (or joins the one under way): marks it, pauses the app, and queues the first step. */
export async function startPurge(deps: AppDeps, actor: string): Promise<PurgeStatus> {
  const at = new Date(deps.now()).toISOString();
  const marker: PurgeMarker = { startedAt: at, requestedBy: actor, steps: 0, deleted: 0, current: 'starting', updatedAt: at };
  const created = await deps.storage.create({ key: PURGE_KEY }, marker);
  if (!created) {
    // Under way already; queue a step anyway, in case the start that wrote the marker died before queueing one
    // (a step more is harmless: each looks for what is left).
    const status = await purgeStatus(deps.storage);
    if (status.state === 'deleting') await deps.queue.push([{ body: { kind: 'purge', step: status.steps } }]);
    return status;
  }
  // Audited like any pause, though the log is about to go too: while the deletion runs, the log says why.
  await setPaused(deps.storage, deps.now, actor, true);
  await appendAudit(deps.storage, deps.now, { actor, action: 'settings', ruleId: APP_WIDE, version: 0, summary: 'Deleting all app data' });
  await rebuildActiveRuleset(deps.storage);
  await deps.queue.push([{ body: { kind: 'purge', step: 0 } }]);
  return { state: 'deleting', ...marker };
}

export async function purgeStatus(storage: StoragePort): Promise<PurgeStatus> {
  const marker = await storage.get<PurgeMarker>({ key: PURGE_KEY });
  return marker === undefined ? { state: 'idle' } : { state: 'deleting', ...marker };
}

/** One step: delete up to `budget` items, then queue the next step, or finish with the marker and settings. */
export async function purgeStep(deps: AppDeps, step: number, budget = DELETES_PER_STEP): Promise<PurgeStepOutcome> {
  const { storage } = deps;
  const marker = await storage.get<PurgeMarker>({ key: PURGE_KEY });
  // No marker: the deletion finished (this is a late copy of a step) or never started. Nothing to do.
  if (marker === undefined) return { state: 'idle' };
  // Someone resumed meanwhile: pause again, so no new data arrives behind the deletion.
  if (!(await readSettings(storage)).paused) {
    await setPaused(storage, deps.now, marker.requestedBy, true);
    await rebuildActiveRuleset(storage);
  }
  let deleted = 0;
  let current = 'keys';
  const sources: ((limit: number) => Promise<ItemRef[]>)[] = [
    (limit) => keyPage(storage, limit),
    ...PURGE_SOURCES.map(({ entity, index }) => (limit: number) => entityPage(storage, entity, index, limit)),
  ];
  const names = ['keys', ...PURGE_SOURCES.map((source) => source.entity)];
  // A source counts as done only when a query finds it empty, so finishing means every source was empty at once.
  let s = 0;
  while (s < sources.length && deleted < budget) {
    const refs = await (sources[s] as (limit: number) => Promise<ItemRef[]>)(Math.min(MAX_PAGE, budget - deleted));
    if (refs.length === 0) {
      s++;
      continue;
    }
    current = names[s] ?? current;
    await deleteAll(storage, refs);
    deleted += refs.length;
  }
  const total = marker.deleted + deleted;
  if (s === sources.length) {
    // Every source was found empty: only the settings and the marker remain.
    await storage.transact([...PURGE_LAST.map((ref): TransactOp => ({ op: 'delete', ref })), { op: 'delete', ref: { key: PURGE_KEY } }]);
    return { state: 'finished', deleted: total };
  }
  const next: PurgeMarker = { ...marker, steps: step + 1, deleted: total, current, updatedAt: new Date(deps.now()).toISOString() };
  await storage.set({ key: PURGE_KEY }, next);
  await deps.queue.push([{ body: { kind: 'purge', step: step + 1 }, delayInSeconds: PURGE_STEP_DELAY_SECONDS }]);
  return { state: 'continuing', deleted, current };
}
