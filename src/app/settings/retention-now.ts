/**
 * The retention periods in force, for writers on hot paths. An event already reads the active ruleset with one
 * getMany; that same getMany carries the `settings` item (17 of its 25 slots), and what it finds is noted here
 * against the invocation's storage, so the event's writes know their TTLs without another round trip. Only a
 * writer whose invocation read nothing yet pays one `get` (admin calls, the first step of queued work).
 *
 * Keyed by the StoragePort object: each invocation wires its own, so nothing leaks between installations, and the
 * note is as fresh as the invocation's own read of the settings.
 */
import type { ItemRef, StoragePort, WriteOptions } from '../../ports/storage.js';
import { normalizeRetention, ttlSeconds, type Retention } from './retention-policy.js';

export const settingsRef = { entity: 'settings', key: 'app' } as const satisfies ItemRef;

const noted = new WeakMap<StoragePort, Retention>();

/** Called with every read of the settings item (its retention, as stored, however old its shape). */
export function noteRetention(storage: StoragePort, stored: Partial<Retention> | undefined): Retention {
  const retention = normalizeRetention(stored);
  noted.set(storage, retention);
  return retention;
}

export async function retentionNow(storage: StoragePort): Promise<Retention> {
  const known = noted.get(storage);
  if (known !== undefined) return known;
  const stored = await storage.get<{ retention?: Partial<Retention> }>(settingsRef);
  return noteRetention(storage, stored?.retention);
}

export type RecordKind = 'execution' | 'result' | 'run' | 'audit';

const FIELD: Record<RecordKind, keyof Retention> = { execution: 'executionDays', result: 'resultDays', run: 'runDays', audit: 'auditDays' };

/** The write options of a record of `kind` written now: a TTL of its kind's period. */
export async function ttlFor(storage: StoragePort, kind: RecordKind): Promise<WriteOptions & { ttlSeconds: number }> {
  return { ttlSeconds: ttlSeconds((await retentionNow(storage))[FIELD[kind]]) };
}
