import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ExecutionRecord } from '../../../app/executions/execution-record.js';
import { useClient } from '../client.js';
import { JsonBlock } from '../components/json-block.js';
import { LoadError } from '../components/load-error.js';
import { RouteLink } from '../components/route-link.js';
import { StatusLozenge } from '../components/status-lozenge.js';
import { bodyCell, headCell, sectionHeading, subtleText, tableStyle, viewHeading } from '../components/table-styles.js';
import { TraceTree } from '../components/trace-tree.js';
import { durationWords, When } from '../components/when.js';
import type { Navigate } from '../route.js';
import { Facts, LetValues } from './facts.js';
import { TriggerFacts } from './trigger-facts.js';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; record: ExecutionRecord };

/** One execution in full: what started it, what each action did, the let values, any error, and why (the trace). */
export function ExecutionDetail({ executionId, backTo, navigate }: { executionId: string; backTo: string | undefined; navigate: Navigate }): ReactNode {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const load = useCallback(async () => {
    setLoaded({ state: 'loading' });
    const answer = await client('executions.get', { executionId });
    setLoaded(answer.ok ? { state: 'ready', record: answer.result } : { state: 'failed', message: answer.error.message });
  }, [client, executionId]);
  useEffect(() => { void load(); }, [load]);

  return (
    <section aria-labelledby="execution-heading">
      <p style={{ margin: `0 0 ${token('space.100')}` }}>
        <RouteLink to={{ view: 'executions', ...(backTo === undefined ? {} : { ruleId: backTo }) }} navigate={navigate}>← All executions</RouteLink>
      </p>
      <h2 id="execution-heading" style={viewHeading}>Execution <span style={subtleText}>{executionId}</span></h2>
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'failed' && <LoadError title="The execution could not be loaded" message={loaded.message} onRetry={() => { void load(); }} />}
      {loaded.state === 'ready' && <ExecutionBody record={loaded.record} navigate={navigate} />}
    </section>
  );
}

function ExecutionBody({ record, navigate }: { record: ExecutionRecord; navigate: Navigate }): ReactNode {
  return (
    <>
      <Facts rows={[
        ['Status', <StatusLozenge key="s" status={record.status} />],
        ['Rule', <span key="r"><RouteLink to={{ view: 'editor', ruleId: record.ruleId }} navigate={navigate}>{record.ruleId}</RouteLink> version {record.ruleVersion}</span>],
        ['Issue', record.issueKey],
        ['Trigger', <TriggerFacts key="t" trigger={record.trigger} navigate={navigate} />],
        ['Started', <When key="w" iso={record.startedAt} />],
        ['Duration', durationWords(record.durationMs)],
        ['Attempts', String(record.attempts)],
        ...(record.dryRun ? [['Dry run', 'Yes: nothing was changed in Jira'] as [string, ReactNode]] : []),
      ]} />
      <h3 style={sectionHeading}>Actions</h3>
      {record.actions.length === 0
        ? <p style={subtleText}>No actions ran.</p>
        : (
          <table style={tableStyle}>
            <thead><tr>{['#', 'Action', 'Status', 'Detail'].map((h) => <th key={h} scope="col" style={headCell}>{h}</th>)}</tr></thead>
            <tbody>
              {record.actions.map((action, i) => (
                <tr key={i}>
                  <td style={bodyCell}>{i + 1}</td>
                  <td style={bodyCell}>{action.type}</td>
                  <td style={bodyCell}>{{ done: 'Done', failed: 'Failed', 'not-run': 'Not run' }[action.status]}</td>
                  <td style={bodyCell}>
                    {action.detail !== undefined && <div>{action.detail}</div>}
                    {action.error !== undefined && <div style={{ color: token('color.text.danger') }}>{action.error.code}: {action.error.message}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      <h3 style={sectionHeading}>Let values</h3>
      <LetValues values={record.letValues} />
      {record.error !== null && record.error !== undefined && (
        <>
          <h3 style={sectionHeading}>Error</h3>
          <JsonBlock value={record.error} />
        </>
      )}
      <h3 style={sectionHeading}>Trace</h3>
      {record.trace === null || record.trace === undefined ? <p style={subtleText}>No trace was kept for this execution.</p> : <TraceTree trace={record.trace} />}
    </>
  );
}
