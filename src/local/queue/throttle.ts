/**
 * The push limits that depend on history rather than on the request: events per minute per installation (429 →
 * RateLimitError) and push requests per invocation (405 → InvocationLimitReachedError). Time is the emulator's Clock.
 */
import type { Clock } from '../runtime/clock.js';
import type { Caller, WireResponse } from '../runtime/wire.js';
import { jsonResponse } from '../runtime/wire.js';
import { MAX_EVENTS_PER_MINUTE, MAX_PUSHES_PER_INVOCATION } from './limits.js';

const WINDOW_MS = 60_000;
/** Invocations remembered for the cyclic limit; old ones are forgotten first (they have long finished). */
const INVOCATIONS_KEPT = 10_000;

export class PushThrottle {
  readonly #clock: Clock;
  readonly #recent = new Map<string, { at: number; count: number }[]>();
  readonly #pushesBy = new Map<string, number>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Counts the push and returns undefined when it is allowed; otherwise the refusal, counting nothing. */
  admit(caller: Caller, eventCount: number): WireResponse | undefined {
    const pushes = this.#pushesBy.get(caller.invocationId) ?? 0;
    if (pushes >= MAX_PUSHES_PER_INVOCATION) {
      return jsonResponse(405, {
        code: 'INVOCATION_LIMIT_REACHED',
        message: `invocation ${caller.invocationId} already made ${MAX_PUSHES_PER_INVOCATION} push requests`,
      });
    }
    const now = this.#clock.now();
    const recent = (this.#recent.get(caller.installationId) ?? []).filter((entry) => entry.at > now - WINDOW_MS);
    const inWindow = recent.reduce((sum, entry) => sum + entry.count, 0);
    if (inWindow + eventCount > MAX_EVENTS_PER_MINUTE) {
      this.#recent.set(caller.installationId, recent);
      return jsonResponse(429, {
        code: 'RATE_LIMIT_EXCEEDED',
        message: `${inWindow} events were pushed in the last minute; ${eventCount} more would exceed ${MAX_EVENTS_PER_MINUTE} per minute`,
      });
    }
    recent.push({ at: now, count: eventCount });
    this.#recent.set(caller.installationId, recent);
    this.#pushesBy.delete(caller.invocationId);
    this.#pushesBy.set(caller.invocationId, pushes + 1);
    if (this.#pushesBy.size > INVOCATIONS_KEPT) {
      const oldest = this.#pushesBy.keys().next();
      if (oldest.done !== true) this.#pushesBy.delete(oldest.value);
    }
    return undefined;
  }
}
