import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { ScheduledRun } from '../../../app/schedule/run-record.js';
import { useClient } from '../client.js';
import { LoadError } from '../components/load-error.js';
import { Pager } from '../components/pager.js';
import { RouteLink } from '../components/route-link.js';
import { StatusLozenge } from '../components/status-lozenge.js';
import { bodyCell, fieldLabel, filterBar, headCell, subtleText, tableStyle, viewHeading } from '../components/table-styles.js';
import { usePages, valuePageOf } from '../components/use-pages.js';
import { When } from '../components/when.js';
import type { Navigate } from '../route.js';
import { RunDetail } from './run-detail.js';
import { runKindWords } from './run-progress.js';

export const RUNS_PAGE_SIZE = 25;

/** Runs over JQL sets (schedules and manual runs), newest first; or one run with its progress and batches. */
export function RunsView({ ruleId, runId, navigate }: { ruleId?: string | undefined; runId?: string | undefined; navigate: Navigate }): ReactNode {
  if (runId !== undefined) return <RunDetail runId={runId} backTo={ruleId} navigate={navigate} />;
  return <RunsList ruleId={ruleId} navigate={navigate} />;
}

function RunsList({ ruleId, navigate }: { ruleId: string | undefined; navigate: Navigate }): ReactNode {
  const client = useClient();
  const [draft, setDraft] = useState(ruleId ?? '');
  const [ruleFilter, setRuleFilter] = useState(ruleId ?? '');
  const fetchPage = useCallback(async (cursor: string | undefined) => valuePageOf(await client('runs.list', {
    ...(ruleFilter === '' ? {} : { ruleId: ruleFilter }), limit: RUNS_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }),
  })), [client, ruleFilter]);
  const pages = usePages<ScheduledRun>(fetchPage);
  const apply = (event: FormEvent): void => { event.preventDefault(); setRuleFilter(draft.trim()); };

  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading" style={viewHeading}>Scheduled runs</h2>
      <form onSubmit={apply} aria-label="Filter runs" style={filterBar}>
        <div style={{ width: 220 }}>
          <label htmlFor="runs-rule" style={fieldLabel}>Rule id</label>
          <Textfield id="runs-rule" value={draft} onChange={(e) => { setDraft(e.currentTarget.value); }} />
        </div>
        <Button type="submit">Apply filter</Button>
      </form>
      {pages.status === 'failed'
        ? <LoadError title="The runs could not be loaded" message={pages.error ?? ''} onRetry={pages.reload} />
        : (
          <>
            <table style={tableStyle} aria-busy={pages.status === 'loading'}>
              <thead>
                <tr>{['Due', 'Rule', 'Kind', 'Status', 'Fired', 'Issues'].map((h) => <th key={h} scope="col" style={headCell}>{h}</th>)}</tr>
              </thead>
              <tbody>
                {pages.items.map((run) => (
                  <tr key={run.runId}>
                    <td style={bodyCell}>
                      <RouteLink to={{ view: 'runs', runId: run.runId, ...(ruleId === undefined ? {} : { ruleId }) }} navigate={navigate}><When iso={run.dueAt} /></RouteLink>
                    </td>
                    <td style={bodyCell}>
                      <RouteLink to={{ view: 'editor', ruleId: run.ruleId }} navigate={navigate}>{run.ruleId}</RouteLink>
                      <span style={{ ...subtleText, marginLeft: token('space.050') }}>v{run.ruleVersion}</span>
                    </td>
                    <td style={bodyCell}>{runKindWords(run)}</td>
                    <td style={bodyCell}><StatusLozenge status={run.status} /></td>
                    <td style={bodyCell}><When iso={run.firedAt} /></td>
                    <td style={bodyCell}>{`${run.seen} read, ${run.matched} matched, ${run.acted} done, ${run.failed} failed`}</td>
                  </tr>
                ))}
                {pages.status === 'ready' && pages.items.length === 0 && <tr><td colSpan={6} style={bodyCell}>No runs yet.</td></tr>}
                {pages.status === 'loading' && pages.items.length === 0 && <tr><td colSpan={6} style={bodyCell}>Loading runs…</td></tr>}
              </tbody>
            </table>
            <Pager pages={pages} label="Runs pages" />
          </>
        )}
    </section>
  );
}
