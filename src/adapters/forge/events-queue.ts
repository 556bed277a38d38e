/**
 * The queue port on Forge: @forge/events 3.0.8 `Queue.push` (v2 events `{body, delayInSeconds?}`) onto the queue
 * that manifest.yml binds to the `work-consumer` consumer. The SDK checks Forge's push limits before sending; the
 * adapter only translates its errors into the port's two kinds.
 */
import {
  InternalServerError,
  InvalidPushSettingsError,
  InvalidQueueNameError,
  InvocationLimitReachedError,
  NoEventsToPushError,
  PartialSuccessError,
  PayloadTooBigError,
  Queue,
  RateLimitError,
  TooManyEventsError,
} from '@forge/events';
// The package index leaves this one out (3.0.8); the SDK throws it for an event or body that is not an object.
import { InvalidPayloadError } from '@forge/events/out/errors.js';
import { PermanentError, TransientError } from '../../ports/errors.js';
import type { QueueEvent, QueuePort } from '../../ports/queue.js';

/** The SDK's refusals of a push that no retry can make acceptable, by the port's code. */
const REFUSALS: [new (...args: never[]) => Error, string][] = [
  [NoEventsToPushError, 'NO_EVENTS'],
  [TooManyEventsError, 'TOO_MANY_EVENTS'],
  [PayloadTooBigError, 'PAYLOAD_TOO_BIG'],
  [InvalidPayloadError, 'INVALID_PAYLOAD'],
  [InvalidPushSettingsError, 'INVALID_PUSH_SETTINGS'],
  [InvalidQueueNameError, 'INVALID_QUEUE_NAME'],
  // Forge caps pushes per originating invocation: more tries in the same invocation cannot pass.
  [InvocationLimitReachedError, 'INVOCATION_LIMIT_REACHED'],
];

export function queueFailure(error: unknown): TransientError | PermanentError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RateLimitError) return new TransientError('RATE_LIMIT_EXCEEDED', message, { cause: error });
  // Some events were queued and some not; pushing the whole batch again is safe because consumers are idempotent.
  if (error instanceof PartialSuccessError) return new TransientError('PARTIAL_PUSH', message, { cause: error });
  if (error instanceof InternalServerError && error.errorCode !== undefined && error.errorCode >= 400 && error.errorCode < 500) {
    return new PermanentError('PUSH_REJECTED', message, { cause: error });
  }
  for (const [type, code] of REFUSALS) if (error instanceof type) return new PermanentError(code, message, { cause: error });
  return new TransientError('QUEUE_UNAVAILABLE', `The Forge queue failed: ${message}`, { cause: error });
}

export function forgeQueue(queueKey = 'ruleforge-work'): QueuePort {
  return {
    async push(events: readonly QueueEvent[]): Promise<string> {
      try {
        // The SDK validates the queue key when the Queue is built, so that refusal is mapped like the others.
        const queue = new Queue({ key: queueKey });
        const { jobId } = await queue.push(events.map((event) => ({ ...event })));
        return jobId;
      } catch (error) {
        throw queueFailure(error);
      }
    },
  };
}
