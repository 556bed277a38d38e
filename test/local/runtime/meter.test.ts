import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../src/local/host/function-host.js';
import { sourceLoader } from '../../../src/local/host/loaders.js';
import { createJiraSite } from '../../../src/local/jira/site/index.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { LocalRuntime } from '../../../src/local/runtime/local-runtime.js';

const app = fileURLToPath(new URL('../fixtures/meter-app/', import.meta.url));
const manifest = parse(readFileSync(`${app}manifest.yml`, 'utf8')) as unknown;

let runtime: LocalRuntime;
beforeEach(() => {
  const clock = new Clock({ start: Date.parse('2026-03-02T09:00:00Z'), frozen: true });
  const jira = createJiraSite({ clock, appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
  runtime = new LocalRuntime({ manifest, load: sourceLoader(`${app}src`), storagePath: ':memory:', clock, jira });
});
afterEach(() => {
  runtime.close();
});

const invoke = (functionKey: string, ...args: unknown[]) => runtime.host.invoke(functionKey, { moduleType: 'core:function', moduleKey: functionKey, args });
const lastRecord = (functionKey: string): InvocationRecord | undefined => runtime.host.recent().filter((r) => r.functionKey === functionKey).at(-1);
const METERED_CALLS = { kvs: 5, jira: 2, jiraSearch: 1, queue: 1, eventsPushed: 3 };
const NO_CALLS = { kvs: 0, jira: 0, jiraSearch: 0, queue: 0, eventsPushed: 0 };

describe('per-invocation call counts', () => {
  it('counts the KVS, Jira (search apart) and queue calls and the events pushed by one invocation', async () => {
    expect(await invoke('metered', { tag: 'x' })).toEqual({ outcome: 'returned', value: { a: 1, searchStatus: 200 } });
    expect(lastRecord('metered')).toMatchObject({ outcome: 'returned', calls: METERED_CALLS });
    expect(runtime.queue.pending()).toBe(3);
  });

  it('keeps concurrent invocations’ counts apart, and counts nothing for one that makes no SDK call', async () => {
    await Promise.all([invoke('metered', { tag: 'p' }), invoke('metered', { tag: 'q' }), invoke('idle')]);
    const records = runtime.host.recent();
    expect(records.filter((r) => r.functionKey === 'metered').map((r) => r.calls)).toEqual([METERED_CALLS, METERED_CALLS]);
    expect(lastRecord('idle')?.calls).toEqual(NO_CALLS);
  });

  it('counts a call that an injected fault answers: the app made it', async () => {
    runtime.traffic.setFaults('jira', { errorRate: 1, errorStatus: 503 });
    expect(await invoke('metered', { tag: 'f' })).toMatchObject({ outcome: 'returned', value: { searchStatus: 503 } });
    expect(lastRecord('metered')?.calls).toEqual(METERED_CALLS);
  });
});

describe('onInvocation', () => {
  it('sees every invocation as it ends, the queue consumers’ too, until unsubscribed', async () => {
    const seen: InvocationRecord[] = [];
    const unsubscribe = runtime.onInvocation((record) => seen.push(record));
    await invoke('metered', { tag: 'x' });
    await runtime.drain();
    expect(seen.map((r) => [r.functionKey, r.moduleType, r.calls.kvs])).toEqual([
      ['metered', 'core:function', 5],
      ['consume', 'consumer', 1],
      ['consume', 'consumer', 1],
      ['consume', 'consumer', 1],
    ]);
    expect(seen).toEqual(runtime.host.recent());
    unsubscribe();
    await invoke('idle');
    expect(seen).toHaveLength(4);
    expect(runtime.host.recent()).toHaveLength(5);
  });

  it('sees more invocations than the 500 the host keeps', async () => {
    let seen = 0;
    runtime.onInvocation(() => (seen += 1));
    for (let i = 0; i < 510; i += 1) await invoke('idle');
    expect(seen).toBe(510);
    expect(runtime.host.recent()).toHaveLength(500);
  });
});

describe('heapPeakBytes', () => {
  it('is a non-negative number, and grows by about 20 MiB for a function holding a 20 MiB array across an SDK call', async () => {
    await invoke('idle');
    const idle = lastRecord('idle')?.heapPeakBytes;
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(await invoke('allocate')).toEqual({ outcome: 'returned', value: (20 * 1024 * 1024) / 8 });
    const allocated = lastRecord('allocate')?.heapPeakBytes ?? 0;
    expect(allocated).toBeGreaterThan((idle ?? 0) + 18 * 1024 * 1024);
  });
});
