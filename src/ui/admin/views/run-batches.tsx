import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { BatchItem, RunBatch } from '../../../app/schedule/run-record.js';
import { useClient } from '../client.js';
import { LoadError } from '../components/load-error.js';
import { Pager } from '../components/pager.js';
import { subtleText } from '../components/table-styles.js';
import { TraceTree } from '../components/trace-tree.js';
import { usePages, valuePageOf } from '../components/use-pages.js';
import { describePlanned } from '../../../core/engine/describe-planned.js';

export const BATCHES_PAGE_SIZE = 5;

/**
 * A run's matched issues with their planned actions, a few batches at a time. While the run moves on
 * (`progressKey` changes) the first page is asked again, so new batches and their outcomes appear.
 */
export function RunBatches({ runId, dryRun, progressKey }: { runId: string; dryRun: boolean; progressKey: string }): ReactNode {
  const client = useClient();
  const fetchPage = useCallback(async (cursor: string | undefined) => valuePageOf(await client('runs.batches', {
    runId, limit: BATCHES_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }),
  })), [client, runId]);
  const pages = usePages<RunBatch>(fetchPage);
  const seenKey = useRef(progressKey);
  const { pageNo, reload } = pages;
  useEffect(() => {
    if (seenKey.current === progressKey) return;
    seenKey.current = progressKey;
    if (pageNo === 1) reload();
  }, [progressKey, pageNo, reload]);

  if (pages.status === 'failed') return <LoadError title="The batches could not be loaded" message={pages.error ?? ''} onRetry={pages.reload} />;
  if (pages.status === 'loading' && pages.items.length === 0) return <p>Loading batches…</p>;
  if (pages.items.length === 0) return <p style={subtleText}>No issue matched yet.</p>;
  return (
    <>
      {pages.items.map((batch) => (
        <section key={batch.batchNo} aria-label={`Batch ${batch.batchNo}`} style={{ marginBottom: token('space.200') }}>
          <h4 style={{ font: token('font.heading.xsmall'), margin: `0 0 ${token('space.075')}` }}>
            Batch {batch.batchNo}{' '}
            <span style={subtleText}>
              {dryRun ? `${batch.items.length} issues` : batch.state === 'done' ? `done: ${batch.acted} done, ${batch.failed} failed` : 'waiting to be carried out'}
            </span>
          </h4>
          <ul style={{ margin: 0, paddingLeft: token('space.250') }}>
            {batch.items.map((item) => <BatchIssue key={item.issueKey} item={item} dryRun={dryRun} />)}
          </ul>
        </section>
      ))}
      <Pager pages={pages} label="Batch pages" />
    </>
  );
}

function BatchIssue({ item, dryRun }: { item: BatchItem; dryRun: boolean }): ReactNode {
  const actions = item.plan.actions.map((action) => `${dryRun ? 'would ' : ''}${describePlanned(action)}`);
  return (
    <li style={{ marginBottom: token('space.100') }}>
      <strong>{item.issueKey}</strong>
      {item.plan.decision === 'failed'
        ? <span style={{ color: token('color.text.danger') }}> failed: {item.plan.error === undefined ? 'no plan' : `${item.plan.error.code}: ${item.plan.error.message}`}</span>
        : actions.length === 0 && <span style={subtleText}> no actions</span>}
      {actions.length > 0 && (
        <ul aria-label={`${dryRun ? 'Would change' : 'Planned actions'} on ${item.issueKey}`} style={{ margin: 0, paddingLeft: token('space.250') }}>
          {actions.map((words, i) => <li key={i}>{words}</li>)}
        </ul>
      )}
      {item.trace !== null && (
        <details>
          <summary>Why ({item.issueKey})</summary>
          <TraceTree trace={item.trace} />
        </details>
      )}
    </li>
  );
}
