import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { asText, isObject } from '../document-edit.js';
import { fieldDomId } from '../field-owners.js';
import { decodeValue, encodeValue } from '../value-text.js';
import { Field, inputStyle, JsonInput, labelStyle, ListInput, TextArea, TextInput, useDecodedText } from './controls.js';

type ParamProps = { at: string; action: Record<string, unknown>; set: (param: string, value: unknown) => void };

/** What a parameter holds when it switches from text to JSON-Logic and back: nothing typed is thrown away. */
function toLogic(text: string): unknown {
  return { cat: [text] };
}
function toText(logic: unknown): string {
  if (isObject(logic) && Array.isArray(logic.cat) && logic.cat.every((part) => typeof part === 'string')) return logic.cat.join('');
  return JSON.stringify(logic);
}

/**
 * A parameter that is plain text or a JSON-Logic expression (comment body, transition target): a bare string is
 * always the literal, so the admin says which one they mean with the checkbox.
 */
function TextOrLogic({ target, label, value, onChange, multiline, hint }: { target: string; label: string; value: unknown; onChange: (value: unknown) => void; multiline?: boolean; hint?: string }): ReactNode {
  const logic = isObject(value);
  const toggleId = `${fieldDomId(target)}-logic`;
  return (
    <div>
      {logic
        ? <JsonInput target={target} label={label} value={value} onChange={onChange} hint={'A JSON-Logic expression whose result is the text, e.g. {"cat": ["Reopened from ", {"var": "let.previous"}]}.'} />
        : multiline === true
          ? <TextArea target={target} label={label} value={asText(value)} rows={4} onChange={onChange} {...(hint === undefined ? {} : { hint })} />
          : <TextInput target={target} label={label} value={asText(value)} onChange={onChange} {...(hint === undefined ? {} : { hint })} />}
      <label style={{ display: 'block', font: token('font.body.small'), marginTop: `calc(-1 * ${token('space.150')})`, marginBottom: token('space.200') }}>
        <input id={toggleId} type="checkbox" checked={logic} onChange={(e) => { onChange(e.target.checked ? toLogic(asText(value)) : toText(value)); }} /> Write as JSON-Logic
      </label>
    </div>
  );
}

/** A value that may be any JSON (a Jira REST value, a record's value), typed as value-text.ts describes. */
function ValueText({ target, label, value, onChange, hint }: { target: string; label: string; value: unknown; onChange: (value: unknown) => void; hint: string }): ReactNode {
  const { text, error, change } = useDecodedText(value, encodeValue, decodeValue, onChange);
  return (
    <Field target={target} label={label} hint={error === null ? hint : `${error}. The last valid value is kept.`}>
      {(a11y, invalid) => <textarea {...a11y} aria-invalid={invalid || error !== null ? true : undefined} rows={Math.min(8, Math.max(1, text.split('\n').length))} value={text} spellCheck={false} onChange={(e) => { change(e.target.value); }} style={{ ...inputStyle(invalid || error !== null), font: token('font.code'), resize: 'vertical' }} />}
    </Field>
  );
}

const VALUE_HINT = 'Plain text, a number, true/false, null, or JSON: Jira\'s REST shape such as {"name": "High"}, or a JSON-Logic expression. Quote text that would read as a number.';

function AssignParams({ at, action, set }: ParamProps): ReactNode {
  const value = action.accountId;
  const mode = value === null ? 'unassign' : isObject(value) ? 'logic' : 'account';
  const selectId = `${fieldDomId(`${at}/accountId`)}-mode`;
  return (
    <>
      <div style={{ marginBottom: token('space.150') }}>
        <label htmlFor={selectId} style={labelStyle}>Assign to</label>
        <select id={selectId} value={mode} style={{ ...inputStyle(false), width: 'auto' }} onChange={(e) => { set('accountId', e.target.value === 'unassign' ? null : e.target.value === 'logic' ? { var: 'issue.fields.reporter.accountId' } : ''); }}>
          <option value="account">An account id</option>
          <option value="unassign">Nobody (unassign)</option>
          <option value="logic">The result of JSON-Logic</option>
        </select>
      </div>
      {mode === 'account' && <TextInput target={`${at}/accountId`} label="Assignee" value={asText(value)} onChange={(v) => { set('accountId', v); }} hint="The Atlassian account id of the new assignee." />}
      {mode === 'logic' && <JsonInput target={`${at}/accountId`} label="Assignee" value={value} onChange={(v) => { set('accountId', v); }} hint="An expression whose result is an account id (or null to unassign)." />}
      {mode === 'unassign' && <div id={fieldDomId(`${at}/accountId`)} tabIndex={-1} style={{ color: token('color.text.subtle'), marginBottom: token('space.200') }}>The issue will be unassigned.</div>}
    </>
  );
}

/** The parameters of one action, by type. */
export function ActionParams(props: ParamProps): ReactNode {
  const { at, action, set } = props;
  switch (action.type) {
    case 'comment':
      return <TextOrLogic target={`${at}/body`} label="Comment body" value={action.body} multiline onChange={(v) => { set('body', v); }} hint="Plain text; Ruleforge sends it to Jira as a comment." />;
    case 'setField':
      return (
        <>
          <TextInput target={`${at}/field`} label="Field" value={asText(action.field)} onChange={(v) => { set('field', v); }} hint='A field id or name, e.g. priority or customfield_10010.' />
          <ValueText target={`${at}/value`} label="Field value" value={action.value} onChange={(v) => { set('value', v); }} hint={VALUE_HINT} />
        </>
      );
    case 'addLabels':
    case 'removeLabels':
      return <ListInput target={`${at}/labels`} label="Labels" value={action.labels} onChange={(v) => { set('labels', v ?? []); }} hint="Labels separated by commas; a label has no spaces." />;
    case 'transition':
      return <TextOrLogic target={`${at}/to`} label="Transition to" value={action.to} onChange={(v) => { set('to', v); }} hint="The target status name (In Progress) or a transition id." />;
    case 'assign':
      return <AssignParams {...props} />;
    case 'record':
      return (
        <>
          <TextInput target={`${at}/name`} label="Record name" value={asText(action.name)} onChange={(v) => { set('name', v); }} hint='Lowercase letters, digits, "-" and "_", e.g. sla-overdue-days.' />
          <ValueText target={`${at}/value`} label="Record value" value={action.value} onChange={(v) => { set('value', v); }} hint={VALUE_HINT} />
        </>
      );
    default:
      return <p style={{ color: token('color.text.subtle') }}>Choose a type for this action.</p>;
  }
}
