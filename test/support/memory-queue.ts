/**
 * An in-memory QueuePort for unit tests: it refuses what Forge refuses (the @forge/events SDK's client checks and the
 * queue service's per-event cap for consumers that run over 55 s, as manifest.yml's `work-consumer` does) with the
 * Forge adapter's codes, and keeps what was pushed, as copies, for the test to read.
 */
import { randomUUID } from 'node:crypto';
import { MAX_LONG_RUNNING_EVENT_BYTES, MAX_PUSH_BYTES } from '../../src/local/queue/limits.js';
import { PermanentError } from '../../src/ports/errors.js';
import { MAX_DELAY_SECONDS, MAX_EVENTS_PER_PUSH, type QueueEvent, type QueuePort } from '../../src/ports/queue.js';

export type MemoryQueue = QueuePort & {
  /** Every event accepted so far, in push order. */
  pushed(): QueueEvent[];
  /** The job id of each accepted push, in order. */
  jobs(): string[];
};

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function check(events: readonly QueueEvent[], maxEventBytes: number): void {
  const refuse = (code: string, message: string): never => {
    throw new PermanentError(code, message);
  };
  if (events.length === 0) refuse('NO_EVENTS', 'No events pushed.');
  if (events.length > MAX_EVENTS_PER_PUSH) refuse('TOO_MANY_EVENTS', `This push contains more than the ${String(MAX_EVENTS_PER_PUSH)} events allowed.`);
  for (const [i, event] of events.entries()) {
    if (!isObject(event) || !isObject(event.body)) refuse('INVALID_PAYLOAD', `Event ${String(i)}: the body must be an object.`);
    const delay = event.delayInSeconds;
    if (delay !== undefined && !(typeof delay === 'number' && delay >= 0 && delay <= MAX_DELAY_SECONDS)) {
      refuse('INVALID_PUSH_SETTINGS', `Event ${String(i)}: delayInSeconds must be between 0 and ${String(MAX_DELAY_SECONDS)}.`);
    }
  }
  if (bytes(events) > MAX_PUSH_BYTES) refuse('PAYLOAD_TOO_BIG', `The maximum payload size is ${String(MAX_PUSH_BYTES / 1024)}KB.`);
  const big = events.findIndex((event) => bytes(event) > maxEventBytes);
  if (big >= 0) refuse('PAYLOAD_TOO_BIG', `Event ${String(big)} is over the ${String(maxEventBytes / 1024)}KB an event may be.`);
}

export function createMemoryQueue(options: { maxEventBytes?: number } = {}): MemoryQueue {
  const maxEventBytes = options.maxEventBytes ?? MAX_LONG_RUNNING_EVENT_BYTES;
  const accepted: string[] = [];
  const jobIds: string[] = [];
  return {
    push(events) {
      try {
        check(events, maxEventBytes);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      for (const event of events) accepted.push(JSON.stringify(event));
      const jobId = randomUUID();
      jobIds.push(jobId);
      return Promise.resolve(jobId);
    },
    pushed: () => accepted.map((text) => JSON.parse(text) as QueueEvent),
    jobs: () => [...jobIds],
  };
}
