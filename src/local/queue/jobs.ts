/**
 * Job progress as `queue.getJob(jobId).getStats()` reports it. Forge does not define the counters; ours: `success`
 * counts events delivered successfully, `failed` events that ended in the dead letters or were dropped (no consumer),
 * `inProgress` events not finished yet (delayed, due, in flight or waiting for a retry). Cancelled events leave
 * `inProgress` without counting as either.
 */
export type JobStats = { success: number; inProgress: number; failed: number };
export type EventEnd = 'success' | 'failed' | 'cancelled';

type Job = { queueName: string; installationId: string; success: number; failed: number; unfinished: Set<string>; cancelled: boolean };

/** Finished jobs kept for getStats; the oldest finished ones go first (Forge's own retention is not published). */
const FINISHED_JOBS_KEPT = 10_000;

export class Jobs {
  readonly #jobs = new Map<string, Job>();

  /** Whether the id is taken (the SDK mints a fresh uuid per push, so only a hand-made request repeats one). */
  has(jobId: string): boolean {
    return this.#jobs.has(jobId);
  }

  create(jobId: string, queueName: string, installationId: string, eventIds: readonly string[]): void {
    this.#jobs.set(jobId, { queueName, installationId, success: 0, failed: 0, unfinished: new Set(eventIds), cancelled: false });
    this.#prune();
  }

  /** The job as the SDK addresses it: id within a queue (and, here, an installation). */
  stats(jobId: string, queueName: string, installationId: string): JobStats | undefined {
    const job = this.#find(jobId, queueName, installationId);
    return job && { success: job.success, inProgress: job.unfinished.size, failed: job.failed };
  }

  /** Marks the job cancelled; the caller removes its waiting events. False for an unknown job. */
  cancel(jobId: string, queueName: string, installationId: string): boolean {
    const job = this.#find(jobId, queueName, installationId);
    if (job) job.cancelled = true;
    return job !== undefined;
  }

  isCancelled(jobId: string): boolean {
    return this.#jobs.get(jobId)?.cancelled === true;
  }

  end(jobId: string, eventId: string, how: EventEnd): void {
    const job = this.#jobs.get(jobId);
    if (!job?.unfinished.delete(eventId)) return;
    if (how === 'success') job.success += 1;
    else if (how === 'failed') job.failed += 1;
  }

  #find(jobId: string, queueName: string, installationId: string): Job | undefined {
    const job = this.#jobs.get(jobId);
    return job && job.queueName === queueName && job.installationId === installationId ? job : undefined;
  }

  #prune(): void {
    if (this.#jobs.size <= FINISHED_JOBS_KEPT) return;
    for (const [jobId, job] of this.#jobs) {
      if (this.#jobs.size <= FINISHED_JOBS_KEPT) return;
      if (job.unfinished.size === 0) this.#jobs.delete(jobId);
    }
  }
}
