/**
 * The local Forge storage: KVS, secrets and the Custom Entity Store behind the KVS wire protocol, in one SQLite file
 * (or `:memory:`). See docs/decisions/0008-local-storage-emulation.md for what is exact and what is approximated.
 */
import type { Clock } from '../runtime/clock.js';
import type { WireService } from '../runtime/wire.js';
import { EntityCatalog, type EntityDefinition } from './entities.js';
import { KvsService } from './kvs-service.js';
import { SqliteStore } from './sqlite-store.js';

export type { AttributeType, EntityDefinition, EntityIndex } from './entities.js';
export { entitiesFromManifest } from './entities.js';
export { Codes as StorageCodes } from './errors.js';

/** One stored item as the store holds it, whatever API wrote it. */
export type StoredRow = { ns: 'kvs' | 'secret' | 'entity'; entity?: string; key: string; value: unknown; expiresAt: number | null };

export interface StorageEmulator extends WireService {
  /** Everything live in the store, read past every API (no index, no page): how tests check what the app keeps. */
  contents(): StoredRow[];
  close(): void;
}

export function openStorage(options: { path: string; entities: EntityDefinition[]; clock: Pick<Clock, 'now'> }): StorageEmulator {
  const store = new SqliteStore(options.path);
  try {
    store.purgeExpired(options.clock.now());
  } catch (error) {
    store.close();
    throw error;
  }
  const service = new KvsService(store, new EntityCatalog(options.entities), options.clock);
  return {
    handle: (request) => service.handle(request),
    contents: () => store.everything(options.clock.now()).map((row) => {
      const value = JSON.parse(row.value) as unknown;
      if (row.ns.startsWith('entity:')) return { ns: 'entity', entity: row.ns.slice('entity:'.length), key: row.key, value, expiresAt: row.expiresAt };
      return { ns: row.ns === 'secret' ? 'secret' : 'kvs', key: row.key, value, expiresAt: row.expiresAt };
    }),
    close: () => {
      store.close();
    },
  };
}
