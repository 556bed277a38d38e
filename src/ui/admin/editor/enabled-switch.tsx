import Lozenge from '@atlaskit/lozenge';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import type { RuleHead } from '../../../app/rules/rule-records.js';
import { useClient } from '../client.js';
import { hintStyle, labelStyle } from './form/controls.js';

/**
 * A saved rule's on/off switch. The head holds it, not the document (a version is what the rule does; whether it
 * runs is a switch beside it), so it applies at once, without a save, and never makes a new version.
 */
export function EnabledSwitch({ head, onChanged }: { head: RuleHead; onChanged: (head: RuleHead) => void }): ReactNode {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (enabled: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    const answer = await client('rules.setEnabled', { ruleId: head.ruleId, enabled });
    setBusy(false);
    if (answer.ok) onChanged(answer.result.head);
    else setError(answer.error.message);
  };
  return (
    <div style={{ marginBottom: token('space.200') }}>
      <label htmlFor="rf-enabled" style={labelStyle}>Enabled</label>
      <Toggle id="rf-enabled" isChecked={head.enabled} isDisabled={busy} descriptionId="rf-enabled-hint" onChange={(e) => { void change(e.target.checked); }} />
      {head.flag !== undefined && <Lozenge appearance="removed">{head.flag === 'DISABLED_THROTTLED' ? 'Disabled: over its hourly limit' : head.flag}</Lozenge>}
      <p id="rf-enabled-hint" style={hintStyle}>Switches the saved rule on or off at once; this is not part of a version and needs no save.</p>
      {error !== null && <p role="alert" style={{ ...hintStyle, color: token('color.text.danger') }}>{error}</p>}
    </div>
  );
}
