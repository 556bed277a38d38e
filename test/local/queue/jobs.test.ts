import { InvocationError, InvocationErrorCode, JobDoesNotExistError, Queue } from '@forge/events';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, consumer, deferred, harness, settle } from './harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('jobs: getStats and cancel', () => {
  it('counts a job’s events as they succeed and fail', async () => {
    h = harness([consumer('work')], { maxRetries: 0 });
    h.on('work-fn', (event) => (event.body.ok === true ? undefined : new InvocationError()));
    const queue = new Queue({ key: 'work' });
    const { jobId } = await queue.push([{ body: { ok: true } }, { body: { ok: false } }, { body: { ok: true }, delayInSeconds: 60 }]);

    expect(await queue.getJob(jobId).getStats()).toEqual({ success: 0, inProgress: 3, failed: 0 });
    await h.drain();
    expect(await queue.getStats(jobId)).toEqual({ success: 1, inProgress: 1, failed: 1 });
    h.clock.advance(60_000);
    await h.drain();
    expect(await queue.getStats(jobId)).toEqual({ success: 2, inProgress: 0, failed: 1 });
  });

  it('cancel drops the job’s waiting events and leaves other jobs alone', async () => {
    h = harness([consumer('work')]);
    const queue = new Queue({ key: 'work' });
    const cancelled = await queue.push([{ body: { job: 'a' }, delayInSeconds: 60 }, { body: { job: 'a' }, delayInSeconds: 120 }]);
    const kept = await queue.push({ body: { job: 'b' }, delayInSeconds: 60 });

    await queue.getJob(cancelled.jobId).cancel();
    expect(await queue.getStats(cancelled.jobId)).toEqual({ success: 0, inProgress: 0, failed: 0 });
    expect(h.queue.pending()).toBe(1);
    h.clock.advance(120_000);
    expect((await h.drain()).delivered).toBe(1);
    expect(h.seen.get('work-fn')?.map((event) => event.jobId)).toEqual([kept.jobId]);
  });

  it('cancel lets a running delivery finish but stops its retry', async () => {
    h = harness([consumer('work')]);
    const gate = deferred();
    h.on('work-fn', async () => {
      await gate.promise;
      return new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    });
    const queue = new Queue({ key: 'work' });
    const { jobId } = await queue.push({ body: {} });

    const drained = h.drain();
    await settle();
    await queue.cancel(jobId);
    gate.resolve();
    expect(await drained).toMatchObject({ delivered: 1, retried: 0, dropped: 1 });
    expect(h.queue.pending()).toBe(0);
    expect(h.queue.deadLetters()).toEqual([]);
    expect(await queue.getStats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 0 });
  });

  it('answers JobDoesNotExistError for an unknown job, or a job of another queue', async () => {
    h = harness([consumer('work'), consumer('other')]);
    const { jobId } = await new Queue({ key: 'work' }).push({ body: {} });
    const unknown = '7d9c1a4e-0000-4000-8000-000000000000';

    await expect(new Queue({ key: 'work' }).getJob(unknown).getStats()).rejects.toBeInstanceOf(JobDoesNotExistError);
    await expect(new Queue({ key: 'work' }).getJob(unknown).cancel()).rejects.toBeInstanceOf(JobDoesNotExistError);
    await expect(new Queue({ key: 'other' }).getStats(jobId)).rejects.toThrow(`The job ${jobId} was not found for the queue other.`);
    expect(h.queue.pending()).toBe(1);
  });
});
