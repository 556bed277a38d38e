/**
 * What every implementation of the queue port must do (hono's router-test model): the in-memory queue and the Forge
 * adapter over the local runtime, whose pushes must reach manifest.yml's `work-consumer`. Limits are Forge's
 * (../shared/reference/forge-platform.md §4): 50 events and 200 KB per push, 100 KB per event for a consumer that
 * runs over 55 s, delay 0..900 s.
 */
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/ports/errors.js';
import type { QueueEvent, QueuePort } from '../../src/ports/queue.js';

export type QueuePortHarness = {
  port: QueuePort;
  /** Every event that reached the consumer (or the store of pushed events), once all delays have passed. */
  received(): Promise<QueueEvent[]>;
};

async function refused(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(PermanentError);
  await expect(promise).rejects.toMatchObject({ code, retryable: false });
}

const work = (n: number, extra: Record<string, unknown> = {}): QueueEvent => ({ body: { kind: 'retry-run', n, ...extra } });
const kb = (size: number): string => 'x'.repeat(size * 1024);

export function queuePortContract(name: string, make: () => QueuePortHarness): void {
  describe(`queue port contract: ${name}`, () => {
    it('delivers pushed events with their bodies and delays, one job id per push', async () => {
      const h = make();
      const first = await h.port.push([work(1, { nested: { list: [1, 'two', null] } }), { ...work(2), delayInSeconds: 30 }]);
      const second = await h.port.push([{ ...work(3), delayInSeconds: 900 }, { ...work(4), delayInSeconds: 0 }]);
      expect(first).toMatch(/\S/);
      expect(second).not.toBe(first);
      const received = await h.received();
      expect(received.map((event) => event.body).sort((a, b) => Number(a.n) - Number(b.n))).toEqual([
        { kind: 'retry-run', n: 1, nested: { list: [1, 'two', null] } },
        { kind: 'retry-run', n: 2 },
        { kind: 'retry-run', n: 3 },
        { kind: 'retry-run', n: 4 },
      ]);
      expect(received.find((event) => event.body.n === 2)?.delayInSeconds).toBe(30);
    });

    it('takes 50 events in one push, and keeps bodies apart from what the caller holds', async () => {
      const h = make();
      const events = Array.from({ length: 50 }, (_, i) => work(i));
      await h.port.push(events);
      (events[0] as QueueEvent).body.n = 'changed';
      const received = await h.received();
      expect(received).toHaveLength(50);
      expect(received.map((event) => event.body.n).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it('refuses a push of 51 events, or none, and delivers nothing of it', async () => {
      const h = make();
      await refused(h.port.push(Array.from({ length: 51 }, (_, i) => work(i))), 'TOO_MANY_EVENTS');
      await refused(h.port.push([]), 'NO_EVENTS');
      expect(await h.received()).toEqual([]);
    });

    it('refuses a delay outside 0..900 s', async () => {
      const h = make();
      await refused(h.port.push([{ ...work(1), delayInSeconds: 901 }]), 'INVALID_PUSH_SETTINGS');
      await refused(h.port.push([work(2), { ...work(3), delayInSeconds: -1 }]), 'INVALID_PUSH_SETTINGS');
      expect(await h.received()).toEqual([]);
    });

    it('refuses pushes over 200 KB, events over 100 KB, and bodies that are not objects', async () => {
      const h = make();
      await refused(h.port.push([work(1, { pad: kb(70) }), work(2, { pad: kb(70) }), work(3, { pad: kb(70) })]), 'PAYLOAD_TOO_BIG');
      await refused(h.port.push([work(4, { pad: kb(101) })]), 'PAYLOAD_TOO_BIG');
      await refused(h.port.push([{ body: ['not', 'an', 'object'] } as unknown as QueueEvent]), 'INVALID_PAYLOAD');
      await h.port.push([work(5, { pad: kb(99) }), work(6, { pad: kb(99) })]);
      expect((await h.received()).map((event) => event.body.n).sort()).toEqual([5, 6]);
    });
  });
}
