/**
 * One crash-test child. It opens the shared store file (after the previous child's kill -9, this open is what is
 * under test), tells the parent, waits for `go` on stdin (the parent verifies the file meanwhile), then writes until
 * it is killed. Lines on stdout: `opening`, `opened`, then per write `w <intent>` before sending it and `a <id>` only
 * after the service answered 2xx; `open-failed …` / `write-failed …` end the child with a non-zero code.
 * Usage: writer <config.json> <child index>.
 */
import { readFileSync, writeSync } from 'node:fs';
import { Random } from '../../src/local/jira/site/random.js';
import { Clock } from '../../src/local/runtime/clock.js';
import type { Caller } from '../../src/local/runtime/wire.js';
import { openStorage, type EntityDefinition, type StorageEmulator } from '../../src/local/storage/index.js';
import { KnownState, Workload } from './workload.js';

export type WriterConfig = { path: string; seed: number; entities: EntityDefinition[] };

const CALLER: Caller = { appId: 'app', environmentId: 'env', appVersion: '1.0.0', installationId: 'installation', functionKey: 'crash', invocationId: 'crash' };

/** Synchronous and complete, so no line can be acknowledged to the parent before the write it reports committed. */
function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(1, bytes, done);
    } catch (error) {
      // A full non-blocking pipe: wait for the parent to drain it.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

function goSignal(): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('go\n')) resolve();
    });
  });
}

const [configPath, childArg] = process.argv.slice(2);
if (configPath === undefined || childArg === undefined) throw new Error('usage: writer <config.json> <child index>');
const config = JSON.parse(readFileSync(configPath, 'utf8')) as WriterConfig;
const child = Number(childArg);
const go = goSignal();

say('opening');
let storage: StorageEmulator;
try {
  storage = openStorage({ path: config.path, entities: config.entities, clock: new Clock() });
} catch (error) {
  say(`open-failed ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
}
const rows = storage.contents().map((row) => ({ ns: row.ns === 'entity' ? `entity:${row.entity ?? ''}` : row.ns, key: row.key, value: row.value }));
const state = new KnownState(rows);
const workload = new Workload(new Random(config.seed * 7919 + child), child, state);
say('opened');
await go;

for (;;) {
  const write = workload.next();
  say(`w ${JSON.stringify(write.intent)}`);
  const response = await storage.handle(write.request, CALLER);
  const failedKeys = response.status === 200 && write.request.path.includes('/batch/') ? (JSON.parse(response.body ?? '{}') as { failedKeys?: unknown[] }).failedKeys : [];
  if (response.status >= 300 || (failedKeys?.length ?? 0) > 0) {
    say(`write-failed ${write.request.path} ${String(response.status)} ${response.body ?? ''}`);
    process.exit(4);
  }
  state.apply(write);
  say(`a ${write.intent.id}`);
}
