/**
 * Product events as Forge delivers them: to every trigger module subscribed to the event type, at least once, with
 * `filter.ignoreSelf` honoured (an event caused by the app's own asApp() change is not delivered back to it), and
 * with retries when the handler asks for one by returning an InvocationError (at most 4, reference §2). A handler
 * that throws is recorded and not retried: only platform failures (here, a timeout) are retried by Forge itself.
 */
import { randomUUID } from 'node:crypto';
import { outcomeOf, TIMEOUT_REASON } from '../queue/outcome.js';
import type { Clock } from '../runtime/clock.js';
import { CONTEXT_ARI, LOCAL_APP } from '../runtime/invocation.js';
import type { ProductTrigger } from './app-modules.js';
import type { FunctionHost } from './function-host.js';

export const PRODUCT_EVENT_MAX_RETRIES = 4;
const TIMEOUT_RETRY_SECONDS = 60;

export type PublishResult =
  | { ok: true; eventType: string; deliveries: number; ignoredSelf: number; unsubscribed: boolean }
  | { ok: false; code: 'INVALID_EVENT'; message: string };

export type EventDrainResult = { delivered: number; succeeded: number; retried: number; failed: number };

type Pending = {
  id: string;
  trigger: ProductTrigger;
  event: Record<string, unknown>;
  dueAt: number;
  retryCount: number;
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
};

export type FailedEvent = { trigger: string; eventType: string; retryCount: number; reason: string; at: string };

export class ProductEventBus {
  #pending: Pending[] = [];
  readonly #failed: FailedEvent[] = [];

  constructor(
    private readonly host: FunctionHost,
    private readonly clock: Clock,
  ) {}

  publish(event: unknown): PublishResult {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      return { ok: false, code: 'INVALID_EVENT', message: 'a product event is a JSON object with an eventType' };
    }
    const eventType = (event as { eventType?: unknown }).eventType;
    if (typeof eventType !== 'string' || eventType === '') {
      return { ok: false, code: 'INVALID_EVENT', message: 'eventType must be a non-empty string, e.g. avi:jira:created:issue' };
    }
    const subscribed = this.host.modules.triggers.filter((t) => t.events.includes(eventType));
    const selfCaused = (event as { atlassianId?: unknown }).atlassianId === LOCAL_APP.appAccountId;
    let deliveries = 0;
    let ignoredSelf = 0;
    for (const trigger of subscribed) {
      if (selfCaused && trigger.ignoreSelf) {
        ignoredSelf += 1;
        continue;
      }
      deliveries += 1;
      this.#pending.push({ id: randomUUID(), trigger, event: event as Record<string, unknown>, dueAt: this.clock.now(), retryCount: 0 });
    }
    return { ok: true, eventType, deliveries, ignoredSelf, unsubscribed: subscribed.length === 0 };
  }

  nextDueAt(): number | undefined {
    return this.#pending.reduce<number | undefined>((min, p) => (min === undefined || p.dueAt < min ? p.dueAt : min), undefined);
  }

  pending(): number {
    return this.#pending.length;
  }

  /** Deliveries that failed for good (a throw, or retries exhausted), newest last. */
  failed(): readonly FailedEvent[] {
    return this.#failed;
  }

  /** Delivers every event due by the clock, in arrival order; retries that fall due within the drain run too. */
  async drain(): Promise<EventDrainResult> {
    const result: EventDrainResult = { delivered: 0, succeeded: 0, retried: 0, failed: 0 };
    for (;;) {
      const now = this.clock.now();
      const due = this.#pending.filter((p) => p.dueAt <= now);
      if (due.length === 0) return result;
      this.#pending = this.#pending.filter((p) => p.dueAt > now);
      await Promise.all(due.map((p) => this.#deliver(p, result)));
    }
  }

  async #deliver(p: Pending, result: EventDrainResult): Promise<void> {
    result.delivered += 1;
    const payload = p.retryContext ? { ...p.event, retryContext: p.retryContext } : p.event;
    const outcome = await this.host.invoke(p.trigger.functionKey, {
      moduleType: 'trigger',
      moduleKey: p.trigger.key,
      args: [payload, { installContext: CONTEXT_ARI, workspaceId: LOCAL_APP.cloudId }],
    });
    let retry: { afterSeconds: number; reason: string; data?: unknown } | undefined;
    if (outcome.outcome === 'timed-out') retry = { afterSeconds: TIMEOUT_RETRY_SECONDS, reason: TIMEOUT_REASON };
    else if (outcome.outcome === 'returned') {
      const mapped = outcomeOf({ returned: outcome.value });
      if (mapped.status === 'retry') retry = { afterSeconds: mapped.retryAfterSeconds, reason: mapped.retryReason, data: mapped.retryData };
    }
    if (outcome.outcome === 'threw') {
      result.failed += 1;
      this.#fail(p, `${outcome.error.name}: ${outcome.error.message}`);
    } else if (!retry) {
      result.succeeded += 1;
    } else if (p.retryCount >= PRODUCT_EVENT_MAX_RETRIES) {
      result.failed += 1;
      this.#fail(p, `retries exhausted (${String(PRODUCT_EVENT_MAX_RETRIES)}); last: ${retry.reason}`);
    } else {
      result.retried += 1;
      const retryCount = p.retryCount + 1;
      this.#pending.push({
        ...p,
        dueAt: this.clock.now() + retry.afterSeconds * 1000,
        retryCount,
        retryContext: { retryCount, retryReason: retry.reason, ...(retry.data === undefined ? {} : { retryData: retry.data }) },
      });
    }
  }

  #fail(p: Pending, reason: string): void {
    const eventType = String(p.event.eventType);
    this.#failed.push({ trigger: p.trigger.key, eventType, retryCount: p.retryCount, reason, at: new Date(this.clock.now()).toISOString() });
    if (this.#failed.length > 500) this.#failed.shift();
  }
}
