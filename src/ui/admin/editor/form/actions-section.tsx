import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { asArray, asObject, moved } from '../document-edit.js';
import { fieldDomId } from '../field-owners.js';
import { FieldMessages, useFieldIssues } from '../issues.js';
import { ActionParams } from './action-params.js';
import type { SectionProps } from './basics-section.js';
import { focusSoon, RowButton, Section, SelectInput } from './controls.js';

export const ACTION_TYPES = [
  { value: 'comment', label: 'Comment' },
  { value: 'setField', label: 'Set field' },
  { value: 'addLabels', label: 'Add labels' },
  { value: 'removeLabels', label: 'Remove labels' },
  { value: 'transition', label: 'Transition' },
  { value: 'assign', label: 'Assign' },
  { value: 'record', label: 'Record a value' },
] as const;

const NEW_ACTIONS: Record<string, Record<string, unknown>> = {
  comment: { type: 'comment', body: '' },
  setField: { type: 'setField', field: '', value: '' },
  addLabels: { type: 'addLabels', labels: [] },
  removeLabels: { type: 'removeLabels', labels: [] },
  transition: { type: 'transition', to: '' },
  assign: { type: 'assign', accountId: '' },
  record: { type: 'record', name: '', value: null },
};

/** Actions run in this order when the condition holds; each fieldset is a group named "Action <n>". */
export function ActionsSection({ doc, edit }: SectionProps): ReactNode {
  const actions = asArray(doc.actions);
  const sectionIssues = useFieldIssues('/actions');
  const write = (next: unknown[]): void => { edit(['actions'], next); };
  const move = (from: number, to: number, direction: 'up' | 'down'): void => {
    write(moved(actions, from, to));
    focusSoon(`rf-action-${direction}-${String(to)}`);
  };
  return (
    <Section title="Actions" id={fieldDomId('/actions')}>
      <FieldMessages target="/actions" issues={sectionIssues} />
      {!Array.isArray(doc.actions) && doc.actions !== undefined && <p style={{ color: token('color.text.danger') }}>"actions" is not a list; fix it in the JSON tab.</p>}
      {actions.map((raw, i) => {
        const action = asObject(raw);
        const at = `/actions/${String(i)}`;
        const n = String(i + 1);
        return (
          <fieldset key={i} style={{ border: `1px solid ${token('color.border')}`, borderRadius: token('radius.small'), margin: `0 0 ${token('space.150')}`, padding: token('space.150') }}>
            <legend style={{ font: token('font.heading.xsmall') }}>Action {n}</legend>
            <div style={{ float: 'right' }}>
              <RowButton id={`rf-action-up-${String(i)}`} label={`Move action ${n} up`} disabled={i === 0} onClick={() => { move(i, i - 1, 'up'); }}>Move up</RowButton>
              <RowButton id={`rf-action-down-${String(i)}`} label={`Move action ${n} down`} disabled={i === actions.length - 1} onClick={() => { move(i, i + 1, 'down'); }}>Move down</RowButton>
              <RowButton label={`Remove action ${n}`} onClick={() => { write(actions.filter((_, j) => j !== i)); }}>Remove</RowButton>
            </div>
            <SelectInput
              target={at} label="Action type" value={typeof action.type === 'string' ? action.type : ''} options={ACTION_TYPES}
              onChange={(type) => { write(actions.map((a, j) => (j === i ? NEW_ACTIONS[type] ?? { type } : a))); }}
            />
            <ActionParams at={at} action={action} set={(param, value) => { edit(['actions', i, param], value); }} />
          </fieldset>
        );
      })}
      <Button onClick={() => { write([...actions, NEW_ACTIONS.comment]); focusSoon(fieldDomId(`/actions/${String(actions.length)}`)); }}>Add action</Button>
    </Section>
  );
}
