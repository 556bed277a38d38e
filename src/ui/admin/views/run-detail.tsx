import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RunView } from '../../../app/schedule/run-queries.js';
import { useClient } from '../client.js';
import { LoadError } from '../components/load-error.js';
import { ProgressBar } from '../components/progress-bar.js';
import { RouteLink } from '../components/route-link.js';
import { StatusLozenge } from '../components/status-lozenge.js';
import { sectionHeading, subtleText, viewHeading } from '../components/table-styles.js';
import { When } from '../components/when.js';
import type { Navigate } from '../route.js';
import { Facts } from './facts.js';
import { RunBatches } from './run-batches.js';
import { isLive, runKindWords, runProgress } from './run-progress.js';

/** How often a live run is asked again: often enough to watch, rare enough for one read per tick. */
export const RUN_REFRESH_MS = 2000;

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; run: RunView };

/** One run: its facts, a progress bar that follows it while it is queued or running, and its batches. */
export function RunDetail({ runId, backTo, navigate }: { runId: string; backTo: string | undefined; navigate: Navigate }): ReactNode {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [asks, setAsks] = useState(0);
  const again = useCallback(() => { setAsks((n) => n + 1); }, []);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void client('runs.get', { runId }).then((answer) => {
      if (!live) return;
      if (!answer.ok) { setLoaded({ state: 'failed', message: answer.error.message }); return; }
      setLoaded({ state: 'ready', run: answer.result });
      if (isLive(answer.result)) timer = setTimeout(again, RUN_REFRESH_MS);
    });
    return () => { live = false; if (timer !== undefined) clearTimeout(timer); };
  }, [client, runId, asks, again]);

  return (
    <section aria-labelledby="run-heading">
      <p style={{ margin: `0 0 ${token('space.100')}` }}>
        <RouteLink to={{ view: 'runs', ...(backTo === undefined ? {} : { ruleId: backTo }) }} navigate={navigate}>← All runs</RouteLink>
      </p>
      <h2 id="run-heading" style={viewHeading}>Run <span style={subtleText}>{runId}</span></h2>
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'failed' && <LoadError title="The run could not be loaded" message={loaded.message} onRetry={again} />}
      {loaded.state === 'ready' && <RunBody run={loaded.run} navigate={navigate} />}
    </section>
  );
}

function RunBody({ run, navigate }: { run: RunView; navigate: Navigate }): ReactNode {
  const progress = runProgress(run);
  return (
    <>
      <div style={{ maxWidth: 640, marginBottom: token('space.200') }}>
        <ProgressBar label="Run progress" value={progress.value} max={progress.max} words={progress.words} />
      </div>
      <Facts rows={[
        ['Status', <StatusLozenge key="s" status={run.status} />],
        ['Rule', <span key="r"><RouteLink to={{ view: 'editor', ruleId: run.ruleId }} navigate={navigate}>{run.ruleId}</RouteLink> version {run.ruleVersion}</span>],
        ['Kind', runKindWords(run)],
        ['Due', <When key="d" iso={run.dueAt} />],
        ['Fired', <When key="f" iso={run.firedAt} />],
        ['Finished', <When key="e" iso={run.finishedAt} />],
        ['Requested by', run.requestedBy],
        ['JQL', <code key="j">{run.jql}</code>],
        ['Issues', `${run.seen} read${run.expected === null ? '' : ` of about ${run.expected}`}, ${run.matched} matched, ${run.acted} done, ${run.failed} failed`],
        ['Batches', `${run.batchesDone} of ${run.batches} carried out`],
        ...(run.capped ? [['Capped', `The search stopped at ${run.maxIssues} issues; Jira had more.`] as [string, ReactNode]] : []),
        ...(run.missed > 0 ? [['Missed due times', `${run.missed}${run.missedCapped ? '+' : ''} (this run stands in for them)`] as [string, ReactNode]] : []),
        ...(run.error === null ? [] : [['Error', `${run.error.code}: ${run.error.message}`] as [string, ReactNode]]),
      ]} />
      <h3 style={sectionHeading}>{run.dryRun ? 'What would change' : 'Matched issues'}</h3>
      <RunBatches runId={run.runId} dryRun={run.dryRun} progressKey={`${run.batches}/${run.batchesDone}`} />
    </>
  );
}
