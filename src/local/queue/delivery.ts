/**
 * Delivery: which due events start, how many run at once, and what each outcome does to the event. Events without a
 * concurrency key all start at once (Forge processes a queue in parallel, not in order); events sharing a key run at
 * most `limit` at a time across queues, and the others wait for a slot within the same drain.
 */
import type { Clock } from '../runtime/clock.js';
import type { Jobs } from './jobs.js';
import {
  APP_ERROR_FIRST_RETRY_SECONDS,
  DEAD_LETTERS_KEPT,
  MAX_RETRY_AFTER_SECONDS,
  MAX_RETRY_DATA_BYTES,
  MAX_RETRY_TOTAL_BYTES,
  RETENTION_WINDOW_MS,
  jsonBytes,
} from './limits.js';
import { clampRetryAfter, outcomeOf } from './outcome.js';
import type { EventStore, QueuedEvent } from './store.js';
import type { AsyncEvent, AsyncEventDelivery, DeadLetter, DeliveryOutcome, DrainResult, QueueConsumer } from './types.js';

type RetryOutcome = DeliveryOutcome & { status: 'retry' };
type JsonClone = { ok: true; value: unknown; bytes: number } | { ok: false };

export type Deliver = (delivery: AsyncEventDelivery) => Promise<DeliveryOutcome>;

export type DeliveryState = {
  readonly clock: Clock;
  readonly store: EventStore;
  readonly jobs: Jobs;
  readonly consumerFor: (queueName: string) => QueueConsumer | undefined;
  readonly maxRetries: number | undefined;
  readonly deadLetters: DeadLetter[];
  /** Deliveries in flight per concurrency key, shared by overlapping drains. */
  readonly inFlight: Map<string, number>;
};

const slotOf = (event: QueuedEvent): string | undefined =>
  event.concurrency && `${event.installationId}\u0000${event.concurrency.key}`;

export async function drain(state: DeliveryState, deliver: Deliver): Promise<DrainResult> {
  const result: DrainResult = { delivered: 0, succeeded: 0, retried: 0, failed: 0, dropped: 0 };
  const running = new Set<Promise<void>>();
  for (;;) {
    for (const event of state.store.due(state.clock.now())) {
      const consumer = state.consumerFor(event.queueName);
      if (consumer === undefined) {
        state.store.take(event);
        state.jobs.end(event.jobId, event.eventId, 'failed');
        result.dropped += 1;
        continue;
      }
      const slot = slotOf(event);
      const busy = slot === undefined ? 0 : (state.inFlight.get(slot) ?? 0);
      if (event.concurrency && busy >= event.concurrency.limit) continue;
      state.store.take(event);
      if (slot !== undefined) state.inFlight.set(slot, busy + 1);
      const run = deliverOne(state, event, consumer, deliver, result).finally(() => {
        if (slot !== undefined) state.inFlight.set(slot, (state.inFlight.get(slot) ?? 1) - 1);
        running.delete(run);
      });
      running.add(run);
    }
    if (running.size === 0) return result;
    await Promise.race(running);
  }
}

async function deliverOne(state: DeliveryState, event: QueuedEvent, consumer: QueueConsumer, deliver: Deliver, result: DrainResult): Promise<void> {
  const delivery: AsyncEventDelivery = { consumer, event: asyncEventOf(event, state.clock.now()) };
  result.delivered += 1;
  let outcome: DeliveryOutcome;
  try {
    outcome = await deliver(delivery);
  } catch (error) {
    // The runtime is meant to turn a throwing handler into an outcome; if it did not, the throw is still an app error.
    outcome = outcomeOf({ threw: error });
  }
  try {
    settle(state, event, delivery, outcome, result);
  } catch (error) {
    // drain never rejects: an outcome the emulator cannot apply ends the event where an admin can see it.
    deadLetter(state, event, delivery, { status: 'failed', message: `queue emulator could not apply the outcome: ${String(error)}` }, result);
  }
}

function settle(state: DeliveryState, event: QueuedEvent, delivery: AsyncEventDelivery, outcome: DeliveryOutcome, result: DrainResult): void {
  if (outcome.status === 'success') {
    state.jobs.end(event.jobId, event.eventId, 'success');
    result.succeeded += 1;
    return;
  }
  if (outcome.status !== 'retry') {
    deadLetter(state, event, delivery, outcome, result);
    return;
  }
  if (state.jobs.isCancelled(event.jobId)) {
    // Cancelling a job stops its retries; the invocation already running was allowed to finish.
    state.jobs.end(event.jobId, event.eventId, 'cancelled');
    result.dropped += 1;
    return;
  }
  const data = jsonClone(outcome.retryData);
  const refusal = refuseRetry(state, event, outcome, data);
  if (refusal !== undefined || !data.ok) {
    deadLetter(state, event, delivery, { status: 'failed', message: refusal ?? 'retryData is not JSON' }, result);
    return;
  }
  const retryCount = (event.retryContext?.retryCount ?? 0) + 1;
  event.dueAt = state.clock.now() + retryDelaySeconds(event, outcome) * 1000;
  event.retryContext = {
    retryCount,
    retryReason: outcome.retryReason,
    ...(data.value === undefined ? {} : { retryData: data.value }),
  };
  state.store.add(event);
  result.retried += 1;
}

/** Why Forge would not perform this retry, or undefined when it would. */
function refuseRetry(state: DeliveryState, event: QueuedEvent, outcome: RetryOutcome, data: JsonClone): string | undefined {
  const last = `last attempt: ${outcome.retryReason}${outcome.error === undefined ? '' : ` (${outcome.error})`}`;
  const done = event.retryContext?.retryCount ?? 0;
  if (state.maxRetries !== undefined && done >= state.maxRetries) return `gave up after ${done} retries (maxRetries ${state.maxRetries}); ${last}`;
  if (!data.ok) return `retryData is not JSON-serialisable; ${last}`;
  const dataBytes = data.bytes;
  if (dataBytes > MAX_RETRY_DATA_BYTES) return `retryData is ${dataBytes} bytes, over Forge's ${MAX_RETRY_DATA_BYTES / 1024} KB; ${last}`;
  if (jsonBytes(event.body) + dataBytes > MAX_RETRY_TOTAL_BYTES) return `event body plus retryData exceed 200 KB (ECO-759); ${last}`;
  const dueAt = state.clock.now() + retryDelaySeconds(event, outcome) * 1000;
  if (dueAt > event.enqueuedAt + RETENTION_WINDOW_MS) return `the 24 h retention window ends before the next retry (after ${done} retries); ${last}`;
  return undefined;
}

/** App errors back off exponentially (60 s, 120 s, … capped at 900 s); app requests get their own retryAfter. */
function retryDelaySeconds(event: QueuedEvent, outcome: RetryOutcome): number {
  if (outcome.error === undefined) return clampRetryAfter(outcome.retryAfterSeconds);
  const done = event.retryContext?.retryCount ?? 0;
  return Math.min(APP_ERROR_FIRST_RETRY_SECONDS * 2 ** done, MAX_RETRY_AFTER_SECONDS);
}

/** retryData as it would come back over the wire (JSON), with its size; functions and undefined vanish as in JSON. */
function jsonClone(value: unknown): JsonClone {
  try {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined ? { ok: true, value: undefined, bytes: 0 } : { ok: true, value: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) };
  } catch {
    return { ok: false };
  }
}

function deadLetter(state: DeliveryState, event: QueuedEvent, delivery: AsyncEventDelivery, outcome: DeliveryOutcome, result: DrainResult): void {
  state.jobs.end(event.jobId, event.eventId, 'failed');
  state.deadLetters.push({ delivery, outcome, at: state.clock.now() });
  if (state.deadLetters.length > DEAD_LETTERS_KEPT) state.deadLetters.splice(0, state.deadLetters.length - DEAD_LETTERS_KEPT);
  result.failed += 1;
}

function asyncEventOf(event: QueuedEvent, now: number): AsyncEvent {
  const retry = event.retryContext;
  return {
    // A fresh copy per delivery, as the wire would give: a consumer mutating its event cannot change a later retry.
    body: structuredClone(event.body),
    queueName: event.queueName,
    jobId: event.jobId,
    eventId: event.eventId,
    ...(event.delayInSeconds === undefined ? {} : { delayInSeconds: event.delayInSeconds }),
    ...(event.concurrency === undefined ? {} : { concurrency: { ...event.concurrency } }),
    ...(retry === undefined
      ? {}
      : {
          retryContext: {
            ...structuredClone(retry),
            retentionWindow: {
              startTime: new Date(event.enqueuedAt).toISOString(),
              remainingTimeMs: Math.max(0, event.enqueuedAt + RETENTION_WINDOW_MS - now),
            },
          },
        }),
  };
}
