import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { PurgeStatus } from '../../../app/settings/purge-status.js';
import { PURGE_PHRASE } from '../../../contract/resolver-contract.js';
import { useClient } from '../client.js';
import { fieldLabel } from '../components/table-styles.js';

/** How often the page asks how far a deletion got. */
export const DELETE_POLL_MS = 3000;

type View = { state: 'idle' } | { state: 'deleting'; status: Extract<PurgeStatus, { state: 'deleting' }> } | { state: 'done' };

/**
 * "Delete all app data": says what goes, asks for the phrase, then follows the queued deletion until its marker is
 * gone (the backend's last step deletes it with everything else).
 */
export function DeleteAllData({ pollMs = DELETE_POLL_MS }: { pollMs?: number }): ReactNode {
  const client = useClient();
  const [phrase, setPhrase] = useState('');
  const [issue, setIssue] = useState<string | null>(null);
  const [view, setView] = useState<View>({ state: 'idle' });

  const show = (status: PurgeStatus, wasDeleting: boolean): void => {
    if (status.state === 'deleting') setView({ state: 'deleting', status });
    else setView(wasDeleting ? { state: 'done' } : { state: 'idle' });
  };

  useEffect(() => {
    void client('data.deleteStatus', {}).then((answer) => { if (answer.ok) show(answer.result, false); });
  }, [client]);

  const deleting = view.state === 'deleting';
  useEffect(() => {
    if (!deleting) return undefined;
    const timer = setInterval(() => {
      void client('data.deleteStatus', {}).then((answer) => { if (answer.ok) show(answer.result, true); });
    }, pollMs);
    return () => { clearInterval(timer); };
  }, [client, deleting, pollMs]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (phrase !== PURGE_PHRASE) { setIssue(`Type ${PURGE_PHRASE} exactly to confirm.`); return; }
    setIssue(null);
    const answer = await client('data.deleteAll', { confirm: phrase });
    if (answer.ok) { show(answer.result, true); return; }
    setIssue(answer.error.issues?.find((i) => i.path === '/confirm')?.message ?? answer.error.message);
  };

  return (
    <div>
      <p style={{ margin: 0 }}>
        Deletes everything Ruleforge stores on this site: every rule and its versions, executions, recorded results,
        traces, scheduled runs, counters, the audit log and these settings. Rules are paused first. It cannot be undone;
        export your rules first if you may want them back.
      </p>
      {view.state === 'deleting' && (
        <p role="status">Deleting… {view.status.deleted} items so far (now: {view.status.current}).</p>
      )}
      {view.state === 'done' && <p role="status">All app data has been deleted.</p>}
      {view.state === 'idle' && (
        <form onSubmit={(e) => { void submit(e); }} aria-label="Delete all app data" noValidate style={{ marginTop: token('space.150') }}>
          <label htmlFor="delete-all-confirm" style={fieldLabel}>Type {PURGE_PHRASE} to confirm</label>
          <div style={{ display: 'flex', gap: token('space.150'), alignItems: 'flex-start' }}>
            <div style={{ width: 260 }}>
              <Textfield
                id="delete-all-confirm" value={phrase} isInvalid={issue !== null}
                aria-describedby={issue === null ? undefined : 'delete-all-issue'}
                onChange={(e) => { setPhrase(e.currentTarget.value); }}
              />
            </div>
            <Button type="submit" appearance="danger">Delete all app data</Button>
          </div>
          {issue !== null && <p id="delete-all-issue" style={{ color: token('color.text.danger'), font: token('font.body.small'), margin: `${token('space.050')} 0 0` }}>{issue}</p>}
        </form>
      )}
    </div>
  );
}
