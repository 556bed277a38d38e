import { token } from '@atlaskit/tokens';
import { useCallback, useState, type ReactNode } from 'react';
import type { ExecutionRecord } from '../../../app/executions/execution-record.js';
import { useClient } from '../client.js';
import { LoadError } from '../components/load-error.js';
import { Pager } from '../components/pager.js';
import { RouteLink } from '../components/route-link.js';
import { StatusLozenge } from '../components/status-lozenge.js';
import { bodyCell, headCell, subtleText, tableStyle, viewHeading } from '../components/table-styles.js';
import { usePages, valuePageOf } from '../components/use-pages.js';
import { durationWords, When } from '../components/when.js';
import type { Navigate } from '../route.js';
import { ExecutionDetail } from './execution-detail.js';
import { emptyExecutionFilters, ExecutionFilters, executionQuery, type ExecutionFilterValues } from './execution-filters.js';

export const EXECUTIONS_PAGE_SIZE = 25;

/** What rules did, newest first, filtered and paged on the backend; or one execution when the route names it. */
export function ExecutionsView({ ruleId, executionId, navigate }: { ruleId?: string | undefined; executionId?: string | undefined; navigate: Navigate }): ReactNode {
  if (executionId !== undefined) return <ExecutionDetail executionId={executionId} backTo={ruleId} navigate={navigate} />;
  return <ExecutionsList ruleId={ruleId} navigate={navigate} />;
}

function ExecutionsList({ ruleId, navigate }: { ruleId: string | undefined; navigate: Navigate }): ReactNode {
  const client = useClient();
  const [filters, setFilters] = useState<ExecutionFilterValues>(() => emptyExecutionFilters(ruleId));
  const fetchPage = useCallback(async (cursor: string | undefined) => valuePageOf(await client('executions.list', {
    ...executionQuery(filters), limit: EXECUTIONS_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }),
  })), [client, filters]);
  const pages = usePages<ExecutionRecord>(fetchPage);
  const open = (record: ExecutionRecord) => ({ view: 'executions' as const, executionId: record.executionId, ...(ruleId === undefined ? {} : { ruleId }) });

  return (
    <section aria-labelledby="executions-heading">
      <h2 id="executions-heading" style={viewHeading}>Executions</h2>
      <ExecutionFilters initial={filters} onApply={setFilters} />
      {pages.status === 'failed'
        ? <LoadError title="The executions could not be loaded" message={pages.error ?? ''} onRetry={pages.reload} />
        : (
          <>
            <table style={tableStyle} aria-busy={pages.status === 'loading'}>
              <thead>
                <tr>{['Started', 'Rule', 'Issue', 'Status', 'Duration', 'Attempts'].map((h) => <th key={h} scope="col" style={headCell}>{h}</th>)}</tr>
              </thead>
              <tbody>
                {pages.items.map((record) => (
                  <tr key={record.executionId}>
                    <td style={bodyCell}><RouteLink to={open(record)} navigate={navigate}><When iso={record.startedAt} /></RouteLink></td>
                    <td style={bodyCell}>
                      <RouteLink to={{ view: 'editor', ruleId: record.ruleId }} navigate={navigate}>{record.ruleId}</RouteLink>
                      <span style={{ ...subtleText, marginLeft: token('space.050') }}>v{record.ruleVersion}</span>
                    </td>
                    <td style={bodyCell}>{record.issueKey}</td>
                    <td style={bodyCell}><StatusLozenge status={record.status} /></td>
                    <td style={bodyCell}>{durationWords(record.durationMs)}</td>
                    <td style={bodyCell}>{record.attempts}</td>
                  </tr>
                ))}
                {pages.status === 'ready' && pages.items.length === 0 && (
                  <tr><td colSpan={6} style={bodyCell}>{pages.hasNext ? 'Nothing on this page matches every filter; the next page may.' : 'No executions match.'}</td></tr>
                )}
                {pages.status === 'loading' && pages.items.length === 0 && <tr><td colSpan={6} style={bodyCell}>Loading executions…</td></tr>}
              </tbody>
            </table>
            <Pager pages={pages} label="Executions pages" />
          </>
        )}
    </section>
  );
}
