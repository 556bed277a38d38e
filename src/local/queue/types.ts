import type { WireService } from '../runtime/wire.js';

/** A consumer module bound to a function, as the emulator delivers to it. */
export type QueueConsumer = { key: string; queue: string; functionKey: string; timeoutSeconds: number };

export type Concurrency = { key: string; limit: number };

/** @forge/events RetryContext (types.d.ts); present only on redeliveries. */
export type RetryContext = {
  retryCount: number;
  retryReason: string;
  retryData?: unknown;
  retentionWindow?: { startTime: string; remainingTimeMs: number };
};

/** @forge/events AsyncEvent: what the consumer function receives as its first argument. */
export type AsyncEvent = {
  body: Record<string, unknown>;
  queueName: string;
  jobId: string;
  eventId: string;
  delayInSeconds?: number;
  concurrency?: Concurrency;
  retryContext?: RetryContext;
};

export type AsyncEventDelivery = { consumer: QueueConsumer; event: AsyncEvent };

/**
 * What became of one delivery. A retry carrying `error` is the platform's reaction to an app-level error (a throw, a
 * timeout): its delay follows the platform's backoff. Without `error` it is the app's own request (InvocationError) and
 * `retryAfterSeconds` is honoured.
 */
export type DeliveryOutcome =
  | { status: 'success' }
  | { status: 'retry'; retryAfterSeconds: number; retryReason: string; retryData?: unknown; error?: string }
  | { status: 'failed'; message: string };

export type DrainResult = { delivered: number; succeeded: number; retried: number; failed: number; dropped: number };

export type DeadLetter = { delivery: AsyncEventDelivery; outcome: DeliveryOutcome; at: number };

export interface QueueEmulator extends WireService {
  /**
   * Delivers every event due by clock.now() (retries that become due included), honouring concurrency keys, and
   * loops until nothing is due (consumers may push more). Never rejects.
   */
  drain(deliver: (delivery: AsyncEventDelivery) => Promise<DeliveryOutcome>): Promise<DrainResult>;
  /** Epoch ms at which the earliest waiting event becomes due, or undefined when none waits. */
  nextDueAt(): number | undefined;
  /** Events waiting for delivery (delayed, due, or scheduled for retry); deliveries in flight are not counted. */
  pending(): number;
  /** Events that exhausted retries or failed for good, newest last, so an admin can see them. */
  deadLetters(): readonly DeadLetter[];
}
