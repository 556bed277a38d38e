import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { forgeStorage } from '../../../src/adapters/forge/kvs-storage.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { LocalRuntime } from '../../../src/local/runtime/local-runtime.js';
import type { StoragePort } from '../../../src/ports/storage.js';
import { ruleStoreSuite } from './rule-store.suite.js';

const root = new URL('../../../', import.meta.url);
const manifest = parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as unknown;

let open: LocalRuntime[] = [];
afterEach(() => {
  for (const runtime of open) runtime.close();
  open = [];
});

// The same behaviour through the real @forge/kvs SDK, each call inside an invocation of the local runtime.
ruleStoreSuite('Forge adapter (@forge/kvs) over the local runtime', () => {
  const clock = new Clock({ start: Date.parse('2026-03-02T09:00:00Z'), frozen: true });
  const runtime = new LocalRuntime({ manifest, load: () => Promise.resolve(() => undefined), storagePath: ':memory:', clock });
  open.push(runtime);
  const adapter = forgeStorage() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return Object.fromEntries(
    Object.entries(adapter).map(([name, method]) => [name, (...args: unknown[]) => runtime.runInInvocation(() => method(...args))]),
  ) as unknown as StoragePort;
});
