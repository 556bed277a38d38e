import { useCallback, type ReactNode } from 'react';
import type { AuditEntry } from '../../../app/rules/audit-log.js';
import { useClient } from '../client.js';
import { LoadError } from '../components/load-error.js';
import { Pager } from '../components/pager.js';
import { bodyCell, headCell, tableStyle, viewHeading } from '../components/table-styles.js';
import { usePages } from '../components/use-pages.js';
import { When } from '../components/when.js';
import { ChainCheck } from './chain-check.js';

export const AUDIT_PAGE_SIZE = 50;
// audit-log.ts's APP_WIDE: the rule id of entries about the whole app (pause, settings). That module is backend-only.
const APP_WIDE = '*';

/** Every change to rules and settings, newest first, and a check that nobody rewrote the log. */
export function AuditView(): ReactNode {
  const client = useClient();
  const fetchPage = useCallback(async (cursor: string | undefined) => {
    const answer = await client('audit.list', { limit: AUDIT_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) });
    return answer.ok ? { ok: true as const, items: answer.result.entries, cursor: answer.result.cursor } : { ok: false as const, message: answer.error.message };
  }, [client]);
  const pages = usePages<AuditEntry>(fetchPage);

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading" style={viewHeading}>Audit log</h2>
      <ChainCheck />
      {pages.status === 'failed'
        ? <LoadError title="The audit log could not be loaded" message={pages.error ?? ''} onRetry={pages.reload} />
        : (
          <>
            <table style={tableStyle} aria-busy={pages.status === 'loading'}>
              <thead>
                <tr>{['Seq', 'When', 'Who', 'Action', 'Rule', 'Version', 'Summary'].map((h) => <th key={h} scope="col" style={headCell}>{h}</th>)}</tr>
              </thead>
              <tbody>
                {pages.items.map((entry) => (
                  <tr key={entry.seq}>
                    <td style={bodyCell}>{entry.seq}</td>
                    <td style={bodyCell}><When iso={entry.at} /></td>
                    <td style={bodyCell}>{entry.actor}</td>
                    <td style={bodyCell}>{entry.action}</td>
                    <td style={bodyCell}>{entry.ruleId === APP_WIDE ? 'All rules' : entry.ruleId}</td>
                    <td style={bodyCell}>{entry.version}</td>
                    <td style={bodyCell}>{entry.summary}</td>
                  </tr>
                ))}
                {pages.status === 'ready' && pages.items.length === 0 && <tr><td colSpan={7} style={bodyCell}>Nothing has been changed yet.</td></tr>}
                {pages.status === 'loading' && pages.items.length === 0 && <tr><td colSpan={7} style={bodyCell}>Loading the audit log…</td></tr>}
              </tbody>
            </table>
            <Pager pages={pages} label="Audit log pages" />
          </>
        )}
    </section>
  );
}
