import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, START, consumer, harness } from './harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('retries', () => {
  it('redelivers an InvocationError after retryAfter with retryContext, retryData round-tripping', async () => {
    h = harness([consumer('work')]);
    h.on('work-fn', (event) => {
      const attempt = event.retryContext?.retryCount ?? 0;
      if (attempt === 2) return undefined;
      return new InvocationError({
        retryAfter: 10,
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
        retryData: { attempt, cursor: { page: attempt + 1 } },
      });
    });
    const { jobId } = await new Queue({ key: 'work' }).push({ body: { task: 'sync' } });

    expect(await h.drain()).toMatchObject({ delivered: 1, retried: 1 });
    expect(h.queue.nextDueAt()).toBe(START + 10_000);
    expect(await new Queue({ key: 'work' }).getJob(jobId).getStats()).toEqual({ success: 0, inProgress: 1, failed: 0 });
    h.clock.advance(10_000);
    expect(await h.drain()).toMatchObject({ delivered: 1, retried: 1 });
    h.clock.advance(10_000);
    expect(await h.drain()).toMatchObject({ delivered: 1, succeeded: 1 });

    const [first, second, third] = h.seen.get('work-fn') ?? [];
    expect(first?.retryContext).toBeUndefined();
    expect(second?.retryContext).toMatchObject({
      retryCount: 1,
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      retryData: { attempt: 0, cursor: { page: 1 } },
      retentionWindow: { startTime: '2026-01-01T00:00:00.000Z', remainingTimeMs: 24 * 3600_000 - 10_000 },
    });
    expect(third?.retryContext).toMatchObject({ retryCount: 2, retryData: { attempt: 1, cursor: { page: 2 } } });
    expect(new Set([first?.eventId, second?.eventId, third?.eventId]).size).toBe(1);
    expect(third?.body).toEqual({ task: 'sync' });
    expect(await new Queue({ key: 'work' }).getJob(jobId).getStats()).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  it.each([
    { retryAfter: 0, seconds: 1 },
    { retryAfter: -5, seconds: 1 },
    { retryAfter: 2.5, seconds: 2.5 },
    { retryAfter: 901, seconds: 900 },
    { retryAfter: 100_000, seconds: 900 },
  ])('schedules retryAfter $retryAfter as $seconds s on the clock', async ({ retryAfter, seconds }) => {
    h = harness([consumer('work')]);
    h.on('work-fn', () => new InvocationError({ retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }));
    await new Queue({ key: 'work' }).push({ body: {} });
    await h.drain();
    expect(h.queue.nextDueAt()).toBe(START + seconds * 1000);
  });

  it('gives up after maxRetries and keeps the event in the dead letters', async () => {
    h = harness([consumer('work')], { maxRetries: 2 });
    h.on('work-fn', () => new InvocationError());
    const { jobId } = await new Queue({ key: 'work' }).push({ body: { doomed: true } });

    const totals = { delivered: 0, retried: 0, failed: 0 };
    for (let round = 0; round < 5; round += 1) {
      const result = await h.drain();
      totals.delivered += result.delivered;
      totals.retried += result.retried;
      totals.failed += result.failed;
      h.clock.advance(1000);
    }
    expect(totals).toEqual({ delivered: 3, retried: 2, failed: 1 });
    const [letter, ...others] = h.queue.deadLetters();
    expect(others).toEqual([]);
    expect(letter?.delivery.event).toMatchObject({ body: { doomed: true }, retryContext: { retryCount: 2 } });
    expect(letter?.outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('maxRetries 2') as unknown });
    expect(letter?.at).toBe(START + 2000);
    expect(await new Queue({ key: 'work' }).getJob(jobId).getStats()).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });

  it('without maxRetries retries until the 24 h retention window ends, as Forge does', async () => {
    h = harness([consumer('work')]);
    h.on('work-fn', () => new InvocationError({ retryAfter: 900, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }));
    await new Queue({ key: 'work' }).push({ body: {} });

    let delivered = 0;
    while (h.queue.deadLetters().length === 0 && delivered < 200) {
      delivered += (await h.drain()).delivered;
      h.clock.advance(900_000);
    }
    // Deliveries at 0, 15 min, …, 24 h: the retry after the one at 24 h would fall outside the window.
    expect(delivered).toBe(97);
    expect(h.seen.get('work-fn')?.at(-1)?.retryContext?.retryCount).toBe(96);
    expect(h.queue.deadLetters()[0]?.outcome).toMatchObject({ message: expect.stringContaining('retention window') as unknown });
    expect(h.queue.pending()).toBe(0);
  });

  it('retries a throwing consumer on its own, backing off exponentially', async () => {
    h = harness([consumer('work')]);
    h.on('work-fn', () => {
      throw new TypeError('cannot read properties of undefined');
    });
    await new Queue({ key: 'work' }).push({ body: {} });

    const gaps: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const before = h.clock.now();
      expect((await h.drain()).retried).toBe(1);
      const next = h.queue.nextDueAt() ?? 0;
      gaps.push((next - before) / 1000);
      h.clock.set(next);
    }
    expect(gaps).toEqual([60, 120, 240, 480, 900]);
    expect(h.seen.get('work-fn')?.at(-1)?.retryContext).toEqual(
      expect.objectContaining({ retryCount: 4, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' }),
    );
    expect(h.seen.get('work-fn')?.at(-1)?.retryContext).not.toHaveProperty('retryData');
  });

  it('dead-letters a retry whose retryData is over 4 KB instead of retrying it', async () => {
    h = harness([consumer('work')]);
    h.on('work-fn', () => new InvocationError({ retryAfter: 1, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { pad: 'x'.repeat(4200) } }));
    await new Queue({ key: 'work' }).push({ body: {} });

    expect(await h.drain()).toMatchObject({ delivered: 1, retried: 0, failed: 1 });
    expect(h.queue.deadLetters()[0]?.outcome).toMatchObject({ message: expect.stringContaining('4 KB') as unknown });
  });

  it('dead-letters an event whose delivery failed for good', async () => {
    h = harness([consumer('work')]);
    await new Queue({ key: 'work' }).push({ body: { id: 7 } });

    const result = await h.queue.drain(() => Promise.resolve({ status: 'failed', message: 'handler export missing' }));
    expect(result).toMatchObject({ delivered: 1, failed: 1 });
    const letters = h.queue.deadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ outcome: { status: 'failed', message: 'handler export missing' }, at: START });
    expect(letters[0]?.delivery.event.body).toEqual({ id: 7 });
  });
});
