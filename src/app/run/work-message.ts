import * as z from 'zod';

/**
 * What the app puts on its own queue: carry on with run `key` from `attempt` (a retry after a transient failure,
 * or a check on a run whose holder may have died; the run's plan and progress are in its claim, so a stale message
 * is harmless), or handle an event again after a transient failure (the runs' claims make that safe too).
 */
export const workMessageSchema = z.discriminatedUnion('kind', [
  // `check`: a look at a run another invocation holds or parked, queued for when its lease ends. It takes the run
  // only if the lease has run out (its holder died), never ahead of the retry the run waits for: a check that took a
  // parked run at once skipped the retry's backoff and spent its attempts against a Jira that was still refusing.
  z.object({ kind: z.literal('continue-run'), key: z.string().min(1).max(200), attempt: z.number().int().min(0), check: z.literal(true).optional() }),
  // An event whose handling hit a transient failure before its runs were decided (reading rules or the issue).
  z.object({ kind: z.literal('retry-event'), event: z.unknown(), attempt: z.number().int().min(1) }),
  // Runs over a JQL set (src/app/schedule): read the next pages from `step` (pages done so far); push the act jobs
  // of a paged run; carry out one batch of matched issues. Each is idempotent against the run's stored state.
  z.object({ kind: z.literal('run-page'), runId: z.string().min(1).max(200), step: z.number().int().min(0) }),
  z.object({ kind: z.literal('run-dispatch'), runId: z.string().min(1).max(200), from: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal('run-batch'), runId: z.string().min(1).max(200), batchNo: z.number().int().min(0) }),
  // One step of "delete all app data" (src/app/settings/purge.ts); each step finds what is left, so repeats are harmless.
  z.object({ kind: z.literal('purge'), step: z.number().int().min(0) }),
]);

export type WorkMessage = z.infer<typeof workMessageSchema>;

/** Backoff before retry n (1-based): Jira's Retry-After when it gave one, else 15 s doubling, at most 900 s. */
export function retryDelaySeconds(attempt: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(900, 15 * 2 ** Math.max(0, attempt - 1));
  return Math.min(900, Math.max(backoff, Math.ceil(retryAfterSeconds ?? 0)));
}

/** Attempts after which a run gives up on transient failures and records them (about 16 minutes of backoff). */
export const MAX_ATTEMPTS = 6;
