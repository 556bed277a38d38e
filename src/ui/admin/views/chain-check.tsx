import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import type { AuditVerdict } from '../../../app/rules/audit-log.js';
import { useClient } from '../client.js';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'failed'; message: string } | { state: 'done'; verdict: AuditVerdict };

const REASONS: Record<Extract<AuditVerdict, { ok: false }>['reason'], string> = {
  MALFORMED: 'an entry is not an audit entry',
  KEY_MISMATCH: 'an entry is stored under the wrong key',
  SEQ_GAP: 'an entry is missing',
  PREV_HASH_MISMATCH: 'an entry does not link to the one before',
  HASH_MISMATCH: 'an entry was changed after it was written',
};

/** Walks the whole hash chain on the backend (a page at a time there) and says whether it holds. */
export function ChainCheck(): ReactNode {
  const client = useClient();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const verify = async (): Promise<void> => {
    setCheck({ state: 'checking' });
    const answer = await client('audit.verify', {});
    setCheck(answer.ok ? { state: 'done', verdict: answer.result } : { state: 'failed', message: answer.error.message });
  };
  return (
    <div style={{ marginBottom: token('space.200') }}>
      <Button onClick={() => { void verify(); }} isLoading={check.state === 'checking'}>Verify chain</Button>
      <div role="status" style={{ marginTop: token('space.100') }}>
        {check.state === 'failed' && <SectionMessage appearance="error" title="The chain could not be checked"><p>{check.message}</p></SectionMessage>}
        {check.state === 'done' && check.verdict.ok && (
          <SectionMessage appearance="success" title="The audit chain is intact">
            <p>
              All {check.verdict.entries} entries link up, and none was changed after it was written.
              {check.verdict.from > 1 && ` Checked from entry ${String(check.verdict.from)}: older entries were removed by the audit log's retention period.`}
            </p>
          </SectionMessage>
        )}
        {check.state === 'done' && !check.verdict.ok && (
          <SectionMessage appearance="error" title={`The audit chain breaks at entry ${check.verdict.seq}`}>
            <p>{capital(REASONS[check.verdict.reason])} ({check.verdict.reason}): {check.verdict.message}</p>
          </SectionMessage>
        )}
      </div>
    </div>
  );
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
