/**
 * Checks a store file against the ledger: opens it as the local runtime does, reads every key the ledger knows through
 * the wire service (as the app reads), runs PRAGMA integrity_check, and decides what became of the in-doubt write.
 * It only reads and reports; the caller settles the ledger, so it can be pointed at a doctored file to see it count.
 */
import Database from 'better-sqlite3';
import { Clock } from '../../src/local/runtime/clock.js';
import type { Caller } from '../../src/local/runtime/wire.js';
import { openStorage, type EntityDefinition, type StorageEmulator } from '../../src/local/storage/index.js';
import type { InDoubtOutcome, Ledger } from './ledger.js';
import { digest, type Effect } from './workload.js';

export type LostKey = { writeId: string; ns: string; key: string; expected: string | null; found: string | null };
export type Verdict = {
  /** Acknowledged states not found: a missing key, a wrong value, or a key present that was acknowledged deleted. */
  lost: LostKey[];
  inDoubt: InDoubtOutcome;
  /** The in-doubt write's keys as found (digests), for Ledger.settle. */
  observed: Effect[];
  /** "ok", or what PRAGMA integrity_check reported. */
  integrity: string;
  checkedKeys: number;
};

const CALLER: Caller = { appId: 'app', environmentId: 'env', appVersion: '1.0.0', installationId: 'installation', functionKey: 'verify', invocationId: 'verify' };

/** The digest of the stored value, or null when the key is absent; anything but 200 or 404 is a failed read. */
async function read(storage: StorageEmulator, ns: string, key: string): Promise<string | null> {
  const entityName = ns.startsWith('entity:') ? ns.slice('entity:'.length) : undefined;
  const path = entityName === undefined ? '/api/v1/get' : '/api/v1/entity/get';
  const body = JSON.stringify(entityName === undefined ? { key } : { key, entityName });
  const response = await storage.handle({ path, method: 'POST', headers: { 'content-type': 'application/json' }, body }, CALLER);
  if (response.status === 404) return null;
  if (response.status !== 200) throw new Error(`reading ${ns} ${key}: ${String(response.status)} ${response.body ?? ''}`);
  return digest(JSON.stringify((JSON.parse(response.body ?? '{}') as { value?: unknown }).value));
}

export function integrityOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Throws when the store cannot be opened: the caller counts that as a failed open. */
export async function verifyStore(path: string, entities: EntityDefinition[], ledger: Ledger): Promise<Verdict> {
  const storage = openStorage({ path, entities, clock: new Clock() });
  try {
    const expected = new Map(ledger.expected().map((entry) => [`${entry.ns}\u0000${entry.key}`, entry]));
    const inDoubt = ledger.inDoubt;
    const doubtful = new Set(inDoubt?.effects.map((effect) => `${effect.ns}\u0000${effect.key}`));
    const lost: LostKey[] = [];
    for (const [id, entry] of expected) {
      if (doubtful.has(id)) continue;
      const found = await read(storage, entry.ns, entry.key);
      if (found !== entry.value) lost.push({ writeId: entry.writeId, ns: entry.ns, key: entry.key, expected: entry.value, found });
    }
    const observed: Effect[] = [];
    let after = 0;
    let before = 0;
    let neither = false;
    for (const effect of inDoubt?.effects ?? []) {
      const found = await read(storage, effect.ns, effect.key);
      observed.push({ ns: effect.ns, key: effect.key, value: found });
      const previous = expected.get(`${effect.ns}\u0000${effect.key}`);
      const old = previous?.value ?? null;
      if (found === effect.value && found !== old) after += 1;
      else if (found === old && found !== effect.value) before += 1;
      else if (found !== effect.value && previous !== undefined) lost.push({ writeId: previous.writeId, ns: effect.ns, key: effect.key, expected: old, found });
      else if (found !== effect.value) neither = true; // a state nobody wrote, where nothing was acknowledged: torn
    }
    const outcome: InDoubtOutcome = inDoubt === undefined ? 'none' : neither || (after > 0 && before > 0) ? 'torn' : before > 0 ? 'absent' : 'applied';
    const checkedKeys = new Set([...expected.keys(), ...doubtful]).size;
    return { lost, inDoubt: outcome, observed, integrity: integrityOf(path), checkedKeys };
  } finally {
    storage.close();
  }
}
