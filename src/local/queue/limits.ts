/**
 * The numbers the queue emulator enforces, each with where it comes from. DOC = developer.atlassian.com, PKG = the
 * @forge/events 3.0.8 sources in node_modules. Where Forge publishes no number, the value is ours and
 * docs/decisions/0009-local-queue-emulation.md says why.
 */

/** PKG validators.js `MAXIMUM_EVENTS`; DOC limits-async-events "Event per request | 50". */
export const MAX_EVENTS_PER_PUSH = 50;

/** PKG validators.js `MAXIMUM_PAYLOAD_SIZE_KB` (bytes of JSON.stringify(events) / 1024); DOC "Payload size | 200 KB". */
export const MAX_PUSH_BYTES = 200 * 1024;

/** DOC limits-async-events "Payload size for long running functions | 100 KB": one event, consumer timeout > 55 s. */
export const MAX_LONG_RUNNING_EVENT_BYTES = 100 * 1024;
export const LONG_RUNNING_AFTER_SECONDS = 55;

/** DOC async-events-api: delayInSeconds up to 15 minutes; PKG text.js "must be between 0 and 900". */
export const MAX_DELAY_SECONDS = 900;

/** DOC limits-async-events "Event per minute | 500", per installation. */
export const MAX_EVENTS_PER_MINUTE = 500;

/** DOC limits-async-events "Cyclic invocation limit | 1000" push requests; PKG maps HTTP 405 to InvocationLimitReachedError. */
export const MAX_PUSHES_PER_INVOCATION = 1000;

/** PKG retryOptions.js `MIN_RETRY_AFTER`; DOC async-events-api: retryAfter above 900 s is lowered to 900 s. */
export const MIN_RETRY_AFTER_SECONDS = 1;
export const MAX_RETRY_AFTER_SECONDS = 900;

/** DOC limits-async-events "Retry data size | 4 KB" (enforced from 2025-11-13, CHANGE-2508). */
export const MAX_RETRY_DATA_BYTES = 4 * 1024;

/** ECO-759: a retry is not performed when the event payload plus retryData exceeds 200 KB. */
export const MAX_RETRY_TOTAL_BYTES = 200 * 1024;

/**
 * DOC async-events-api: events are retried "within the retention window until they are successfully delivered"; the
 * window "begins when the Async Event is successfully enqueued and lasts for 24 hours" (CHANGE-2642: no more
 * four-retry cap in @forge/events 2+). The 72 h extension applies to platform-level errors only, which we never raise.
 */
export const RETENTION_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * DOC async-events-api: app-level errors are retried with "exponential backoff, with intervals reaching up to
 * approximately 15 minutes". The first delay and factor are not published: ours are 60 s doubling, capped at 900 s.
 */
export const APP_ERROR_FIRST_RETRY_SECONDS = 60;

/** Not a Forge number: how many dead letters the emulator keeps for the admin view (oldest dropped first). */
export const DEAD_LETTERS_KEPT = 1000;

/** Consumer functions time out after 55 s unless timeoutSeconds says otherwise (DOC limits-invocation). */
export const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 55;

export const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;

export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : Buffer.byteLength(text);
}
