import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../src/local/storage/index.js';
import { storageContract } from './contract.js';
import { testEntities } from './fixtures/entities.js';

storageContract('in memory', (clock) => {
  const storage = openStorage({ path: ':memory:', entities: testEntities(), clock });
  return {
    storage,
    dispose: () => {
      storage.close();
    },
  };
});

storageContract('SQLite file', (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'ruleforge-storage-'));
  // A path whose directory does not exist yet: openStorage creates it.
  const storage = openStorage({ path: join(dir, 'nested', 'storage.sqlite'), entities: testEntities(), clock });
  return {
    storage,
    dispose: () => {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
