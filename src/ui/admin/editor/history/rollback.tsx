import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import { useClient } from '../../client.js';

export type RolledBack = { from: number; to: number; unchanged: boolean };

type Outcome =
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string; issues: { path: string; message: string }[] };

/**
 * Rolling back saves an old version's document as a new version (history only grows), with the current version as
 * expectedVersion: if someone saved meanwhile, it is a conflict like any stale save, and nothing is overwritten.
 */
export function Rollback({ ruleId, version, currentVersion, dirty, onCancel, onDone, onReload }: { ruleId: string; version: number; currentVersion: number | null; dirty: boolean; onCancel: () => void; onDone: (done: RolledBack) => void; onReload: () => void }): ReactNode {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const old = await client('rules.version', { ruleId, version });
    if (!old.ok) {
      setBusy(false);
      setOutcome({ kind: 'failed', message: old.error.message, issues: [] });
      return;
    }
    const saved = await client('rules.save', { document: old.result.document, expectedVersion: currentVersion });
    setBusy(false);
    if (saved.ok) {
      onDone({ from: version, to: saved.result.version, unchanged: saved.result.unchanged });
    } else if (saved.error.code === 'CONFLICT') {
      setOutcome({ kind: 'conflict', message: saved.error.message });
    } else {
      setOutcome({ kind: 'failed', message: saved.error.message, issues: saved.error.issues ?? [] });
    }
  };

  if (outcome?.kind === 'conflict') {
    return (
      <SectionMessage appearance="warning" title="Someone else saved this rule" actions={[<Button key="reload" onClick={() => { onReload(); onCancel(); }}>Reload</Button>]}>
        <p>Nothing was rolled back and nothing was overwritten. {outcome.message}</p>
      </SectionMessage>
    );
  }
  return (
    <div role="group" aria-label={`Roll back to version ${String(version)}`} style={{ padding: token('space.150'), border: `1px solid ${token('color.border')}`, borderRadius: token('radius.small'), margin: `${token('space.100')} 0` }}>
      <p style={{ marginTop: 0 }}>
        Roll back to version {version}? This saves a new version equal to it; every version stays in the history.
        {dirty ? ' Your unsaved changes in the editor will be replaced by the rolled-back document.' : ''}
      </p>
      {outcome?.kind === 'failed' && (
        <SectionMessage appearance="error" title="Not rolled back">
          <p>{outcome.message}</p>
          {outcome.issues.length > 0 && <ul>{outcome.issues.map((i) => <li key={`${i.path}|${i.message}`}>{i.path}: {i.message}</li>)}</ul>}
        </SectionMessage>
      )}
      <div style={{ display: 'flex', gap: token('space.100') }}>
        <Button appearance="warning" isLoading={busy} onClick={() => { void confirm(); }}>Confirm rollback</Button>
        <Button appearance="subtle" onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}
