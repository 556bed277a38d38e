import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createQueueEmulator } from '../../../src/local/queue/index.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import type { Caller } from '../../../src/local/runtime/wire.js';
import { START, consumer } from './harness.js';

type Vector = { name: string; method?: string; path: string; body: string | null; status: number; message?: string };
const vectors = JSON.parse(readFileSync(new URL('wire-vectors.json', import.meta.url), 'utf8')) as Vector[];

const caller: Caller = {
  appId: 'app',
  environmentId: 'env',
  appVersion: '1.0.0',
  installationId: 'install-1',
  functionKey: 'producer',
  invocationId: 'invocation-1',
};

const emulator = () => createQueueEmulator({ clock: new Clock({ start: START, frozen: true }), consumers: [consumer('work')] });
const post = (path: string, body: unknown) => ({ path, method: 'POST', headers: {}, body: JSON.stringify(body) });

describe('queue wire service', () => {
  it.each(vectors)('answers $status for $name', async (vector) => {
    const response = await emulator().handle({ path: vector.path, method: vector.method ?? 'POST', headers: {}, body: vector.body ?? undefined }, caller);
    expect(response.status).toBe(vector.status);
    const body = JSON.parse(response.body ?? 'null') as Record<string, unknown>;
    if (vector.status >= 400) expect(body.message).toEqual(expect.any(String));
    if (vector.message !== undefined) expect(body.message).toBe(vector.message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a second publish with the same jobId and keeps the first', async () => {
    const queue = emulator();
    const publish = post('/webhook/queue/publish/x', { queueName: 'work', jobId: 'job-1', payload: [{ body: { n: 1 } }] });
    expect((await queue.handle(publish, caller)).status).toBe(201);
    expect((await queue.handle(publish, caller)).status).toBe(409);
    expect(queue.pending()).toBe(1);
  });

  it('scopes jobs to the installation that pushed them', async () => {
    const queue = emulator();
    await queue.handle(post('/webhook/queue/publish/x', { queueName: 'work', jobId: 'job-1', payload: [{ body: {} }] }), caller);
    const stats = post('/webhook/queue/stats/x', { queueName: 'work', jobId: 'job-1' });
    expect(await queue.handle(stats, caller)).toMatchObject({ status: 200, body: JSON.stringify({ success: 0, inProgress: 1, failed: 0 }) });
    expect((await queue.handle(stats, { ...caller, installationId: 'install-2' })).status).toBe(404);
  });

  it('answers cancel with an empty 204', async () => {
    const queue = emulator();
    await queue.handle(post('/webhook/queue/publish/x', { queueName: 'work', jobId: 'job-1', payload: [{ body: {} }] }), caller);
    expect(await queue.handle(post('/webhook/queue/cancel/x', { queueName: 'work', jobId: 'job-1' }), caller)).toEqual({ status: 204 });
    expect(queue.pending()).toBe(0);
  });

  it('never rejects, even when the drain callback throws', async () => {
    const queue = emulator();
    await queue.handle(post('/webhook/queue/publish/x', { queueName: 'work', jobId: 'job-1', payload: [{ body: {} }] }), caller);
    const result = await queue.drain(() => Promise.reject(new Error('runtime bug')));
    expect(result).toMatchObject({ delivered: 1, retried: 1 });
    expect(queue.pending()).toBe(1);
  });
});
