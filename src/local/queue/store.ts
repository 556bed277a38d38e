import type { Concurrency, RetryContext } from './types.js';

/** One event as the queue holds it between deliveries. */
export type QueuedEvent = {
  readonly seq: number;
  readonly eventId: string;
  readonly jobId: string;
  readonly queueName: string;
  readonly installationId: string;
  readonly body: Record<string, unknown>;
  readonly delayInSeconds?: number;
  readonly concurrency?: Concurrency;
  /** Start of the retention window. */
  readonly enqueuedAt: number;
  dueAt: number;
  retryContext?: Omit<RetryContext, 'retentionWindow'>;
};

/** The waiting events. Due events come out oldest due first, then in push order, so runs are reproducible. */
export class EventStore {
  readonly #waiting = new Map<string, QueuedEvent>();
  #seq = 0;

  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  add(event: QueuedEvent): void {
    this.#waiting.set(event.eventId, event);
  }

  /** Removes and returns the waiting events of a job. */
  removeJob(jobId: string): QueuedEvent[] {
    const removed = [...this.#waiting.values()].filter((event) => event.jobId === jobId);
    for (const event of removed) this.#waiting.delete(event.eventId);
    return removed;
  }

  due(now: number): QueuedEvent[] {
    return [...this.#waiting.values()].filter((event) => event.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
  }

  take(event: QueuedEvent): void {
    this.#waiting.delete(event.eventId);
  }

  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const event of this.#waiting.values()) if (next === undefined || event.dueAt < next) next = event.dueAt;
    return next;
  }

  get size(): number {
    return this.#waiting.size;
  }
}
