import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppSettings } from '../../../app/settings/settings.js';
import { useClient } from '../client.js';
import { fieldLabel } from '../components/table-styles.js';

type Field = 'executionDays' | 'runDays';
const FIELDS: { name: Field; label: string }[] = [
  { name: 'executionDays', label: 'Keep executions for (days)' },
  { name: 'runDays', label: 'Keep scheduled runs for (days)' },
];

const dayIssue = (text: string): string | null => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= 365 ? null : 'A whole number of days from 1 to 365.';
};

/** How long execution records and scheduled runs are kept; checked here, and again by the backend. */
export function RetentionForm({ settings, onChanged }: { settings: AppSettings; onChanged: (next: AppSettings) => void }): ReactNode {
  const client = useClient();
  const [values, setValues] = useState<Record<Field, string>>({ executionDays: String(settings.retention.executionDays), runDays: String(settings.retention.runDays) });
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    for (const { name } of FIELDS) {
      const issue = dayIssue(values[name]);
      if (issue !== null) found[name] = issue;
    }
    setIssues(found);
    if (Object.keys(found).length > 0) { setStatus({ busy: false, message: null }); return; }
    setStatus({ busy: true, message: null });
    const answer = await client('settings.setRetention', { executionDays: Number(values.executionDays), runDays: Number(values.runDays) });
    if (answer.ok) {
      setStatus({ busy: false, message: 'Retention saved.' });
      onChanged(answer.result);
      return;
    }
    // The backend's issues point at the payload's fields (/executionDays); anything else is said as a whole.
    const atFields: Partial<Record<Field, string>> = {};
    for (const issue of answer.error.issues ?? []) {
      const name = issue.path.replace(/^\//, '');
      if (name === 'executionDays' || name === 'runDays') atFields[name] = issue.message;
    }
    setIssues(atFields);
    setStatus({ busy: false, message: `Retention was not saved: ${answer.error.message}` });
  };

  return (
    <form onSubmit={(e) => { void submit(e); }} aria-label="Retention" noValidate>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.300'), alignItems: 'flex-start' }}>
        {FIELDS.map(({ name, label }) => (
          <div key={name} style={{ width: 220 }}>
            <label htmlFor={`retention-${name}`} style={fieldLabel}>{label}</label>
            <Textfield
              id={`retention-${name}`} type="number" min={1} max={365} value={values[name]}
              isInvalid={issues[name] !== undefined}
              aria-describedby={issues[name] === undefined ? undefined : `retention-${name}-issue`}
              onChange={(e) => { const v = e.currentTarget.value; setValues((old) => ({ ...old, [name]: v })); }}
            />
            {issues[name] !== undefined && (
              <p id={`retention-${name}-issue`} style={{ color: token('color.text.danger'), font: token('font.body.small'), margin: `${token('space.050')} 0 0` }}>{issues[name]}</p>
            )}
          </div>
        ))}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.150'), marginTop: token('space.150') }}>
        <Button type="submit" isLoading={status.busy}>Save retention</Button>
        <span role="status">{status.message}</span>
      </div>
    </form>
  );
}
