import { APP_ERROR_FIRST_RETRY_SECONDS, MAX_RETRY_AFTER_SECONDS, MIN_RETRY_AFTER_SECONDS } from './limits.js';
import type { DeliveryOutcome } from './types.js';

/** @forge/events InvocationErrorCode values the platform itself sets. */
export const APP_ERROR_REASON = 'FUNCTION_PLATFORM_UNKNOWN_ERROR';
export const TIMEOUT_REASON = 'FUNCTION_TIME_OUT';
const RETRY_REQUEST_REASON = 'FUNCTION_RETRY_REQUEST';

/**
 * What the platform makes of a consumer invocation. A retry is requested by RETURNING `new InvocationError(...)`,
 * whose constructor returns the plain object `{_retry: true, retryOptions}` (so it is matched by shape, never by
 * instanceof), or a legacy `QueueResponse` after `.retry()` (`{_retry: true}`). Any other return value is a success.
 * A throw is an app-level error, which Forge retries on its own with backoff.
 */
export function outcomeOf(result: { returned: unknown } | { threw: unknown }): DeliveryOutcome {
  if ('threw' in result) return appErrorOutcome(messageOf(result.threw));
  const value = result.returned;
  if (typeof value !== 'object' || value === null || (value as { _retry?: unknown })._retry !== true) return { status: 'success' };
  const options = (value as { retryOptions?: unknown }).retryOptions;
  const { retryAfter, retryReason, retryData } = (typeof options === 'object' && options !== null ? options : {}) as {
    retryAfter?: unknown;
    retryReason?: unknown;
    retryData?: unknown;
  };
  return {
    status: 'retry',
    retryAfterSeconds: clampRetryAfter(retryAfter),
    retryReason: typeof retryReason === 'string' && retryReason !== '' ? retryReason : RETRY_REQUEST_REASON,
    ...(retryData === undefined ? {} : { retryData }),
  };
}

/** An app-level failure the platform retries by itself: a throw, or (reason FUNCTION_TIME_OUT) a timeout. */
export function appErrorOutcome(message: string, retryReason: string = APP_ERROR_REASON): DeliveryOutcome {
  return { status: 'retry', retryAfterSeconds: APP_ERROR_FIRST_RETRY_SECONDS, retryReason, error: message };
}

/** retryAfter in seconds as Forge applies it: missing or ≤ 0 → 1 (the SDK's MIN_RETRY_AFTER), above 900 → 900. */
export function clampRetryAfter(seconds: unknown): number {
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds <= 0) return MIN_RETRY_AFTER_SECONDS;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
  try {
    return `non-Error thrown: ${(JSON.stringify(thrown) as string | undefined) ?? String(thrown)}`;
  } catch {
    return `non-Error thrown: ${String(thrown)}`;
  }
}
