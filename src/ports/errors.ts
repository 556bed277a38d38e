/**
 * The few unexpected failures, as named errors with a code, a cause, and whether a retry can help (inngest's
 * NonRetriableError model). Expected outcomes (a conflict, a Jira 404) are data in the ports' results instead.
 */
export class RuleforgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A platform call failed in a way that may pass later: rate limits, 5xx, a dropped connection. */
export class TransientError extends RuleforgeError {
  /** When the platform said when to come back (Retry-After), in seconds. */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: string, message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(code, message, true, options);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A failure no retry can fix: a limit exceeded, a value the platform refuses, a broken invariant. */
export class PermanentError extends RuleforgeError {
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, false, options);
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof RuleforgeError ? error.retryable : false;
}
