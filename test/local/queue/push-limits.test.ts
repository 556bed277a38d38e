import { readFileSync } from 'node:fs';
import { InvocationLimitReachedError, Queue, RateLimitError } from '@forge/events';
// All the SDK's error classes, including InvalidPayloadError, which its index does not re-export.
import * as errors from '@forge/events/out/errors.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, consumer, harness } from './harness.js';

type Vector = {
  name: string;
  queue?: string;
  count?: number;
  bodyBytes?: number;
  event?: unknown;
  events?: unknown[];
  error: string | null;
  message?: string;
  reachesServer?: boolean;
};
const vectors = JSON.parse(readFileSync(new URL('push-limits.json', import.meta.url), 'utf8')) as Vector[];

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

type PushArg = Parameters<Queue['push']>[0];

function pushArgOf(vector: Vector): PushArg {
  if (vector.events) return vector.events as PushArg;
  if (vector.event !== undefined) return vector.event as PushArg;
  const body = vector.bodyBytes === undefined ? {} : { pad: 'x'.repeat(vector.bodyBytes) };
  return Array.from({ length: vector.count ?? 1 }, () => ({ body }));
}

describe('push limits answer with the SDK’s error classes', () => {
  it.each(vectors)('$name → $error', async (vector) => {
    h = harness([consumer('work'), consumer('short'), consumer('long', 300)]);
    const push = (async () => new Queue({ key: vector.queue ?? 'work' }).push(pushArgOf(vector)))();
    if (vector.error === null) {
      await expect(push).resolves.toHaveProperty('jobId');
      expect(h.queue.pending()).toBeGreaterThan(0);
      return;
    }
    const errorClass = (errors as unknown as Record<string, new (...args: never[]) => Error>)[vector.error];
    expect(errorClass).toBeTypeOf('function');
    const error = await push.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(errorClass);
    if (vector.message !== undefined) expect((error as Error).message).toContain(vector.message);
    expect(h.requests.length > 0).toBe(vector.reachesServer === true);
    expect(h.queue.pending()).toBe(0);
  });

  it('refuses more than 500 events a minute per installation with RateLimitError, until the minute passes', async () => {
    h = harness([consumer('work')]);
    const queue = new Queue({ key: 'work' });
    const fifty = Array.from({ length: 50 }, (_, n) => ({ body: { n } }));
    for (let i = 0; i < 10; i += 1) await queue.push(fifty);
    await expect(queue.push({ body: {} })).rejects.toBeInstanceOf(RateLimitError);
    h.clock.advance(59_999);
    await expect(queue.push({ body: {} })).rejects.toBeInstanceOf(RateLimitError);
    h.clock.advance(1);
    await expect(queue.push(fifty)).resolves.toHaveProperty('jobId');
    expect(h.queue.pending()).toBe(550);
  });

  it('refuses the 1001st push request of one invocation with InvocationLimitReachedError', async () => {
    h = harness([consumer('work')]);
    const queue = new Queue({ key: 'work' });
    const pushes = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i += 1) {
        // Stay under the per-minute event limit: only the per-invocation push count is under test.
        if (i % 400 === 0) h?.clock.advance(60_000);
        await queue.push({ body: { i } });
      }
    };
    await h.globals.runAs({ functionKey: 'producer' }, async () => {
      await pushes(1000);
      await expect(queue.push({ body: {} })).rejects.toBeInstanceOf(InvocationLimitReachedError);
    });
    await h.globals.runAs({ functionKey: 'producer' }, () => pushes(1));
    expect(h.queue.pending()).toBe(1001);
  });
});
