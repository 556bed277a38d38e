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

export interface StorageEmulator extends WireService {
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
    close: () => {
      store.close();
    },
  };
}
