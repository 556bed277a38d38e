import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import type { AppSettings } from '../../../app/settings/settings.js';
import { useClient } from '../client.js';
import { subtleText } from '../components/table-styles.js';
import { When } from '../components/when.js';

/**
 * Stops every rule at once, or lets them run again. Pausing asks first (it stops all automation on the site);
 * resuming does not. Either way the change is audited by the backend.
 */
export function PauseSwitch({ settings, onChanged }: { settings: AppSettings; onChanged: (next: AppSettings) => void }): ReactNode {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setPaused = async (paused: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    const answer = await client('settings.setPaused', { paused });
    setBusy(false);
    setConfirming(false);
    if (answer.ok) onChanged(answer.result);
    else setError(`All rules were not ${paused ? 'paused' : 'resumed'}: ${answer.error.message}`);
  };

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100') }}>
        <Toggle
          id="pause-all" label="Pause all rules" size="large" isChecked={settings.paused} isDisabled={busy || confirming}
          onChange={() => { if (settings.paused) void setPaused(false); else setConfirming(true); }}
        />
        <label htmlFor="pause-all" style={{ font: token('font.body') }}>Pause all rules</label>
      </div>
      <p style={subtleText}>
        {settings.paused ? 'All rules are paused' : 'Rules run on their events and schedules'}
        {settings.pausedChangedAt !== null && <> (changed <When iso={settings.pausedChangedAt} />{settings.pausedChangedBy === null ? '' : ` by ${settings.pausedChangedBy}`})</>}
        .
      </p>
      {confirming && (
        <SectionMessage appearance="warning" title="Pause every rule?">
          <p>No rule will run on events or schedules until someone resumes them here. Schedules do not catch up on the time they were paused.</p>
          <div style={{ display: 'flex', gap: token('space.100'), marginTop: token('space.100') }}>
            <Button appearance="warning" onClick={() => { void setPaused(true); }} isLoading={busy}>Yes, pause all rules</Button>
            <Button onClick={() => { setConfirming(false); }} isDisabled={busy}>Cancel</Button>
          </div>
        </SectionMessage>
      )}
      {error !== null && <p role="alert" style={{ color: token('color.text.danger') }}>{error}</p>}
    </div>
  );
}
