// A StoragePort wrapper that counts round trips (every port call is one; getMany counts once), sorts them by what
// they touch, and adds up the time spent inside the wrapped in-memory store (the emulator, not the app).
import type { ItemRef, StoragePort, TransactOp } from '../../src/ports/storage.js';

/** What a round trip was for: the snapshot read, a matching rule's run, a non-matching rule's counter, other. */
export type TripKind = 'snapshot' | 'run' | 'counter-matching' | 'counter-other' | 'other';

export type StorageTally = {
  trips: number;
  byKind: Record<TripKind, number>;
  /** `<method> <entity or "kvs">`, e.g. "transact rule-counter": for the report's precise attribution. */
  byCall: Map<string, number>;
  emulatorMs: number;
};

export const emptyTally = (): StorageTally => ({
  trips: 0,
  byKind: { snapshot: 0, run: 0, 'counter-matching': 0, 'counter-other': 0, other: 0 },
  byCall: new Map(),
  emulatorMs: 0,
});

const RUN_ENTITIES = new Set(['run-claim', 'execution', 'rule-result']);

function kindOf(ref: ItemRef | undefined, matching: ReadonlySet<string>): TripKind {
  if (ref === undefined) return 'other';
  if (ref.entity === undefined) return ref.key.startsWith('active-rules:') ? 'snapshot' : 'other';
  if (RUN_ENTITIES.has(ref.entity)) return 'run';
  if (ref.entity === 'rule-counter') return matching.has(ref.key.split('#')[0] ?? '') ? 'counter-matching' : 'counter-other';
  return 'other';
}

/** `tally` is read and replaced by the caller between events; `matching` holds the ids of the rules meant to match. */
export function countingStorage(inner: StoragePort, matching: ReadonlySet<string>): { storage: StoragePort; take(): StorageTally } {
  let tally = emptyTally();
  function note<T>(method: string, ref: ItemRef | undefined, call: () => Promise<T>): Promise<T> {
    tally.trips += 1;
    tally.byKind[kindOf(ref, matching)] += 1;
    const name = `${method} ${ref?.entity ?? 'kvs'}`;
    tally.byCall.set(name, (tally.byCall.get(name) ?? 0) + 1);
    // The in-memory store does its work synchronously, before it returns its (settled) promise.
    const start = performance.now();
    const pending = call();
    tally.emulatorMs += performance.now() - start;
    return pending;
  }
  const firstRef = (ops: readonly TransactOp[]): ItemRef | undefined => ops[0]?.ref;
  const storage: StoragePort = {
    get: (ref) => note('get', ref, () => inner.get(ref)),
    getMany: (refs) => note('getMany', refs[0], () => inner.getMany(refs)),
    set: (ref, value, options) => note('set', ref, () => inner.set(ref, value, options)),
    create: (ref, value, options) => note('create', ref, () => inner.create(ref, value, options)),
    delete: (ref) => note('delete', ref, () => inner.delete(ref)),
    query: (query) => note('query', { entity: query.entity, key: '' }, () => inner.query(query)),
    listKeys: (prefix, options) => note('listKeys', { key: prefix }, () => inner.listKeys(prefix, options)),
    transact: (ops) => note('transact', firstRef(ops), () => inner.transact(ops)),
  };
  return {
    storage,
    take() {
      const taken = tally;
      tally = emptyTally();
      return taken;
    },
  };
}
