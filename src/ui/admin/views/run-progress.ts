import type { RunView } from '../../../app/schedule/run-queries.js';

export const runKindWords = (run: Pick<RunView, 'kind' | 'dryRun'>): string => `${run.kind === 'schedule' ? 'Schedule' : 'Manual'}${run.dryRun ? ', dry run' : ''}`;

export type RunProgressView = { value: number | null; max: number; words: string };

/** A run is live (and its page refreshes) until it is no longer queued or running. */
export const isLive = (run: Pick<RunView, 'status'>): boolean => run.status === 'QUEUED' || run.status === 'RUNNING';

/**
 * How far a run has come, by its phase: while paging, issues read of Jira's expected count (unknown: indeterminate);
 * once acting, issues carried out (or failed) of those matched. A dry run never acts: it is done when paging is.
 */
export function runProgress(run: RunView): RunProgressView {
  const handled = run.acted + run.failed;
  switch (run.phase) {
    case 'queued':
      return { value: 0, max: 1, words: 'Waiting for its first page of issues' };
    case 'paging':
      return run.expected !== null && run.expected > 0
        ? { value: Math.min(run.seen, run.expected), max: run.expected, words: `Read ${run.seen} of about ${run.expected} issues; ${run.matched} matched` }
        : { value: null, max: 1, words: `Read ${run.seen} issues; ${run.matched} matched` };
    case 'acting':
      return { value: handled, max: Math.max(1, run.matched), words: `Carried out ${handled} of ${run.matched} matched issues (${run.failed} failed)` };
    case 'done':
      if (run.error !== null) return { value: handled, max: Math.max(1, run.matched), words: `Stopped: ${run.error.message}` };
      if (run.dryRun) return { value: 1, max: 1, words: `Dry run finished: ${run.matched} of ${run.seen} issues would change` };
      return { value: Math.max(1, handled), max: Math.max(1, run.matched), words: `Finished: ${run.acted} done, ${run.failed} failed, of ${run.matched} matched` };
  }
}
