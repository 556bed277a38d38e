/**
 * The app's async work queue as a port: the Forge adapter pushes to an @forge/events Queue, whose consumer
 * (manifest.yml) calls back into the app. Forge's limits hold: at most 50 events per push, 200 KB per push,
 * delay 0..900 s.
 */
/**
 * `concurrency`: at most `limit` events sharing `key` are processed at once (Forge's PushEvent option); the app uses
 * it to keep one run's act jobs from flooding Jira.
 */
export type QueueEvent = { body: Record<string, unknown>; delayInSeconds?: number; concurrency?: { key: string; limit: number } };

export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_DELAY_SECONDS = 900;

export interface QueuePort {
  /** Returns the job id Forge assigned. Throws TransientError (rate limit, 5xx) or PermanentError (limits). */
  push(events: readonly QueueEvent[]): Promise<string>;
}
