import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppSettings } from '../../../app/settings/settings.js';
import { useClient } from '../client.js';
import { fieldLabel } from '../components/table-styles.js';

import type { Retention, RetentionField } from '../../../app/settings/retention-policy.js';
import { boundsOf, RETENTION_FIELDS, retentionIssues } from '../../../contract/resolver-contract.js';

type Field = RetentionField;
const LABELS: Record<Field, string> = {
  executionDays: 'Keep executions for (days)',
  resultDays: 'Keep recorded results for (days)',
  traceDays: 'Keep explain traces for (days)',
  runDays: 'Keep scheduled runs for (days)',
  auditDays: 'Keep the audit log for (days)',
};
const FIELDS = RETENTION_FIELDS.map((name) => ({ name, label: LABELS[name] }));

const dayIssue = (name: Field, text: string): string | null => {
  const value = Number(text);
  const { min, max } = boundsOf(name);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? null : `A whole number of days from ${String(min)} to ${String(max)}.`;
};

const textsOf = (retention: Retention): Record<Field, string> =>
  Object.fromEntries(RETENTION_FIELDS.map((name) => [name, String(retention[name])])) as Record<Field, string>;

/**
 * How long each kind of record is kept; checked here, and again by the backend. A shorter period reaches records
 * already stored within minutes (the scheduled sweep); a longer one reaches only records written from then on.
 */
export function RetentionForm({ settings, onChanged }: { settings: AppSettings; onChanged: (next: AppSettings) => void }): ReactNode {
  const client = useClient();
  const [values, setValues] = useState<Record<Field, string>>(() => textsOf(settings.retention));
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    for (const { name } of FIELDS) {
      const issue = dayIssue(name, values[name]);
      if (issue !== null) found[name] = issue;
    }
    const wanted = Object.fromEntries(RETENTION_FIELDS.map((name) => [name, Number(values[name])])) as Retention;
    if (Object.keys(found).length === 0) for (const issue of retentionIssues(wanted)) found[issue.field] = issue.message;
    setIssues(found);
    if (Object.keys(found).length > 0) { setStatus({ busy: false, message: null }); return; }
    setStatus({ busy: true, message: null });
    const answer = await client('settings.setRetention', wanted);
    if (answer.ok) {
      setStatus({ busy: false, message: 'Retention saved.' });
      onChanged(answer.result);
      return;
    }
    // The backend's issues point at the payload's fields (/executionDays); anything else is said as a whole.
    const atFields: Partial<Record<Field, string>> = {};
    for (const issue of answer.error.issues ?? []) {
      const name = issue.path.replace(/^\//, '');
      if ((RETENTION_FIELDS as readonly string[]).includes(name)) atFields[name as Field] = issue.message;
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
              id={`retention-${name}`} type="number" min={boundsOf(name).min} max={boundsOf(name).max} value={values[name]}
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
        <span style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>
          Shorter periods delete older records within minutes; longer ones apply to records written from now on.
        </span>
        <span role="status">{status.message}</span>
      </div>
    </form>
  );
}
