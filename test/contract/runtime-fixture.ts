/**
 * The local runtime over the app's real manifest.yml on a frozen clock, for running a port's contract on its Forge
 * adapter; every runtime made here is closed after each test.
 */
import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { HandlerLoader } from '../../src/local/host/function-host.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { LocalRuntime, type LocalRuntimeOptions } from '../../src/local/runtime/local-runtime.js';

export const root = new URL('../../', import.meta.url);
export const manifest = parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as unknown;
export const START = Date.parse('2026-03-02T09:00:00Z');

let open: LocalRuntime[] = [];
afterEach(() => {
  for (const runtime of open) runtime.close();
  open = [];
});

export function contractRuntime(options: { load: HandlerLoader; clock?: Clock; jira?: LocalRuntimeOptions['jira'] }): LocalRuntime {
  const clock = options.clock ?? new Clock({ start: START, frozen: true });
  const runtime = new LocalRuntime({ manifest, load: options.load, storagePath: ':memory:', clock, ...(options.jira === undefined ? {} : { jira: options.jira }) });
  open.push(runtime);
  return runtime;
}
