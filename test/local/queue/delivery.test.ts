import { Queue } from '@forge/events';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, START, consumer, deferred, harness, settle } from './harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('queue emulator through the real @forge/events SDK', () => {
  it('delivers pushed events to the consumer bound to the queue', async () => {
    h = harness([consumer('work'), consumer('other')]);
    const { jobId } = await new Queue({ key: 'work' }).push([{ body: { n: 1 } }, { body: { n: 2 } }]);
    expect(h.queue.pending()).toBe(2);

    expect(await h.drain()).toEqual({ delivered: 2, succeeded: 2, retried: 0, failed: 0, dropped: 0 });
    const events = h.seen.get('work-fn') ?? [];
    expect(events.map((event) => event.body)).toEqual([{ n: 1 }, { n: 2 }]);
    for (const event of events) {
      expect(event).toMatchObject({ queueName: 'work', jobId });
      expect(event.retryContext).toBeUndefined();
    }
    expect(new Set(events.map((event) => event.eventId)).size).toBe(2);
    expect(h.seen.has('other-fn')).toBe(false);
    expect(h.queue.pending()).toBe(0);
    expect(await new Queue({ key: 'work' }).getJob(jobId).getStats()).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  it('holds delayed events until the clock reaches them', async () => {
    h = harness([consumer('work')]);
    await new Queue({ key: 'work' }).push([{ body: { at: 'later' }, delayInSeconds: 30 }, { body: { at: 'now' } }]);

    await h.drain();
    expect(h.seen.get('work-fn')?.map((event) => event.body.at)).toEqual(['now']);
    expect(h.queue.nextDueAt()).toBe(START + 30_000);

    h.clock.advance(29_999);
    expect((await h.drain()).delivered).toBe(0);
    h.clock.advance(1);
    expect((await h.drain()).delivered).toBe(1);
    expect(h.seen.get('work-fn')?.map((event) => event.body.at)).toEqual(['now', 'later']);
    expect(h.seen.get('work-fn')?.[1]?.delayInSeconds).toBe(30);
    expect(h.queue.nextDueAt()).toBeUndefined();
  });

  it('delivers, in the same drain, what consumers push while it runs', async () => {
    h = harness([consumer('first'), consumer('second')]);
    h.on('first-fn', async (event) => {
      await new Queue({ key: 'second' }).push({ body: { from: event.eventId } });
    });
    await new Queue({ key: 'first' }).push({ body: {} });

    expect(await h.drain()).toMatchObject({ delivered: 2, succeeded: 2 });
    expect(h.seen.get('second-fn')?.[0]?.body.from).toBe(h.seen.get('first-fn')?.[0]?.eventId);
  });

  it('accepts pushes to a queue no consumer reads and drops them when due', async () => {
    h = harness([consumer('work')]);
    const queue = new Queue({ key: 'nobody-reads-this' });
    const { jobId } = await queue.push({ body: {} });

    expect(await h.drain()).toEqual({ delivered: 0, succeeded: 0, retried: 0, failed: 0, dropped: 1 });
    expect(await queue.getJob(jobId).getStats()).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });

  it('runs at most `limit` deliveries per concurrency key, across queues, and others alongside', async () => {
    h = harness([consumer('a'), consumer('b'), consumer('free')]);
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    const gates: (() => void)[] = [];
    const gated = async (key: string): Promise<void> => {
      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      most.set(key, Math.max(most.get(key) ?? 0, inFlight.get(key) ?? 0));
      const gate = deferred();
      gates.push(gate.resolve);
      await gate.promise;
      inFlight.set(key, (inFlight.get(key) ?? 0) - 1);
    };
    h.on('a-fn', () => gated('shared'));
    h.on('b-fn', () => gated('shared'));
    h.on('free-fn', () => gated('free'));
    const shared = { key: 'shared', limit: 2 };
    await new Queue({ key: 'a' }).push([1, 2, 3].map((n) => ({ body: { n }, concurrency: shared })));
    await new Queue({ key: 'b' }).push([4, 5].map((n) => ({ body: { n }, concurrency: shared })));
    await new Queue({ key: 'free' }).push([6, 7, 8].map((n) => ({ body: { n } })));

    const drained = h.drain();
    await settle();
    expect(inFlight.get('shared')).toBe(2);
    expect(inFlight.get('free')).toBe(3);
    while (gates.length > 0) {
      gates.shift()?.();
      await settle();
    }
    expect(await drained).toMatchObject({ delivered: 8, succeeded: 8 });
    expect(most.get('shared')).toBe(2);
    expect(most.get('free')).toBe(3);
  });
});
