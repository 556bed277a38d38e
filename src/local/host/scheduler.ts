/**
 * Scheduled triggers on the runtime clock. Forge runs each trigger about five minutes after deploy and then once
 * per interval (fiveMinute, hour, day, week); here "deploy" is the runtime's start. Forge does not replay ticks a
 * stopped app missed, so a clock that jumps forward in real-time mode fires a trigger once; `advanceTo` in
 * local-runtime.ts steps the clock through every tick instead, so tests see each invocation at its own time.
 * A throwing scheduled function is not retried (reference §1): the failure is recorded and the next tick comes anyway.
 */
import type { Clock } from '../runtime/clock.js';
import { CONTEXT_ARI, LOCAL_APP } from '../runtime/invocation.js';
import { INTERVAL_MS, type ScheduledTrigger } from './app-modules.js';
import type { FunctionHost } from './function-host.js';

export const FIRST_RUN_DELAY_MS = 5 * 60_000;

export type ScheduleFired = { trigger: string; at: string; outcome: string };

export class Scheduler {
  readonly #next = new Map<string, number>();

  constructor(
    private readonly host: FunctionHost,
    private readonly clock: Clock,
    private readonly triggers: readonly ScheduledTrigger[],
    startedAt: number = clock.now(),
  ) {
    for (const trigger of triggers) this.#next.set(trigger.key, startedAt + FIRST_RUN_DELAY_MS);
  }

  nextDueAt(): number | undefined {
    let min: number | undefined;
    for (const at of this.#next.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  /** When each trigger fires next: what `GET /__dev/stats` shows. */
  upcoming(): Record<string, string> {
    return Object.fromEntries([...this.#next].map(([key, at]) => [key, new Date(at).toISOString()]));
  }

  /** Fires every trigger due by the clock, each once, and schedules its next tick after now. */
  async runDue(): Promise<ScheduleFired[]> {
    const now = this.clock.now();
    const due = this.triggers.filter((t) => (this.#next.get(t.key) ?? Infinity) <= now);
    for (const trigger of due) {
      const interval = INTERVAL_MS[trigger.interval];
      let next = (this.#next.get(trigger.key) ?? now) + interval;
      if (next <= now) next = now + interval - ((now - next) % interval);
      this.#next.set(trigger.key, next);
    }
    return Promise.all(
      due.map(async (trigger) => {
        const outcome = await this.host.invoke(trigger.functionKey, {
          moduleType: 'scheduledTrigger',
          moduleKey: trigger.key,
          args: [{ context: { cloudId: LOCAL_APP.cloudId, moduleKey: trigger.key }, contextToken: 'local' }, { installContext: CONTEXT_ARI }],
        });
        return { trigger: trigger.key, at: new Date(now).toISOString(), outcome: outcome.outcome };
      }),
    );
  }
}
