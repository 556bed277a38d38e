/**
 * The server side of `Queue.push`: the checks Forge's publish endpoint makes on a request the SDK already validated
 * (an app could call the endpoint without the SDK, and the per-event size for long-running consumers is only checked
 * here). Answers use the statuses @forge/events maps to its error classes (validators.js).
 */
import type { WireResponse } from '../runtime/wire.js';
import { jsonResponse } from '../runtime/wire.js';
import {
  LONG_RUNNING_AFTER_SECONDS,
  MAX_DELAY_SECONDS,
  MAX_EVENTS_PER_PUSH,
  MAX_LONG_RUNNING_EVENT_BYTES,
  MAX_PUSH_BYTES,
  QUEUE_NAME,
  jsonBytes,
} from './limits.js';
import type { Concurrency, QueueConsumer } from './types.js';

export type PushedEvent = { body: Record<string, unknown>; delayInSeconds?: number; concurrency?: Concurrency };
export type PublishRequest = { queueName: string; jobId: string; events: PushedEvent[] };
type Parsed<T> = { ok: true; value: T } | { ok: false; response: WireResponse };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Forge's generic error body; the SDK's InternalServerError reads `message` and `code`. */
export function badRequest(message: string, status = 400, code = 'BAD_REQUEST'): { ok: false; response: WireResponse } {
  return { ok: false, response: jsonResponse(status, { code, message }) };
}

/** PayloadTooBigError(body.errorMessage) is what the SDK makes of a 413. */
function tooBig(errorMessage: string): { ok: false; response: WireResponse } {
  return { ok: false, response: jsonResponse(413, { errorMessage }) };
}

/** `{queueName, jobId, ...}`, the body of every queue call. */
export function parseJobRequest(body: string | undefined): Parsed<Record<string, unknown> & { queueName: string; jobId: string }> {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    return badRequest('the request body is not JSON');
  }
  if (!isObject(value)) return badRequest('the request body must be a JSON object');
  const { queueName, jobId } = value;
  if (typeof queueName !== 'string' || !QUEUE_NAME.test(queueName)) {
    return badRequest('queueName can only contain alphanumeric characters, dashes and underscores');
  }
  if (typeof jobId !== 'string' || jobId === '') return badRequest('jobId cannot be empty');
  return { ok: true, value: { ...value, queueName, jobId } };
}

export function parsePublish(body: string | undefined, consumerFor: (queueName: string) => QueueConsumer | undefined): Parsed<PublishRequest> {
  const request = parseJobRequest(body);
  if (!request.ok) return request;
  const { queueName, jobId, payload } = request.value;
  const consumer = consumerFor(queueName);
  if (!Array.isArray(payload)) return badRequest('payload must be an array of events');
  if (payload.length === 0) return badRequest('No events pushed.');
  if (payload.length > MAX_EVENTS_PER_PUSH) return badRequest(`This push contains more than the ${MAX_EVENTS_PER_PUSH} events allowed.`);
  const events: PushedEvent[] = [];
  for (const [index, raw] of payload.entries()) {
    const event = parseEvent(raw, index);
    if (!event.ok) return event;
    events.push(event.value);
  }
  if (jsonBytes(payload) > MAX_PUSH_BYTES) return tooBig(`The maximum payload size is ${MAX_PUSH_BYTES / 1024}KB.`);
  if (consumer !== undefined && consumer.timeoutSeconds > LONG_RUNNING_AFTER_SECONDS) {
    const index = payload.findIndex((event) => jsonBytes(event) > MAX_LONG_RUNNING_EVENT_BYTES);
    if (index >= 0) {
      return tooBig(
        `Event ${index} is ${Math.ceil(jsonBytes(payload[index]) / 1024)}KB; the maximum event size for consumer ` +
          `${consumer.key} (timeoutSeconds ${consumer.timeoutSeconds} > ${LONG_RUNNING_AFTER_SECONDS}) is ${MAX_LONG_RUNNING_EVENT_BYTES / 1024}KB.`,
      );
    }
  }
  return { ok: true, value: { queueName, jobId, events } };
}

function parseEvent(raw: unknown, index: number): Parsed<PushedEvent> {
  if (!isObject(raw)) return badRequest(`payload[${index}]: Event must be an object.`);
  const { body, delayInSeconds, concurrency } = raw;
  if (!isObject(body)) return badRequest(`payload[${index}]: Event body must be an object.`);
  const event: PushedEvent = { body };
  if (delayInSeconds !== undefined && delayInSeconds !== null) {
    if (typeof delayInSeconds !== 'number' || !(delayInSeconds >= 0 && delayInSeconds <= MAX_DELAY_SECONDS)) {
      return badRequest(`payload[${index}]: The delayInSeconds setting must be between 0 and ${MAX_DELAY_SECONDS}.`);
    }
    event.delayInSeconds = delayInSeconds;
  }
  if (concurrency !== undefined && concurrency !== null) {
    const { key, limit } = isObject(concurrency) ? concurrency : {};
    if (typeof key !== 'string' || key === '' || typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
      return badRequest(`payload[${index}]: concurrency must be {key: non-empty string, limit: integer ≥ 1}`);
    }
    event.concurrency = { key, limit };
  }
  return { ok: true, value: event };
}
