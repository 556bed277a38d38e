import { token } from '@atlaskit/tokens';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { fieldDomId } from '../field-owners.js';
import { fieldA11y, FieldMessages, useFieldIssues } from '../issues.js';
import { decodeTextList, encodeTextList, parseJson, sameJson, type Decoded } from '../value-text.js';

export const inputStyle = (invalid: boolean): CSSProperties => ({
  font: token('font.body'), color: token('color.text'), background: token('color.background.input'), boxSizing: 'border-box', width: '100%',
  padding: `${token('space.075')} ${token('space.100')}`, borderRadius: token('radius.small'),
  border: `1px solid ${invalid ? token('color.border.danger') : token('color.border.input')}`,
});
export const codeStyle = (invalid: boolean): CSSProperties => ({ ...inputStyle(invalid), font: token('font.code'), resize: 'vertical' });
export const labelStyle: CSSProperties = { display: 'block', font: token('font.body.small'), fontWeight: 600, color: token('color.text.subtle'), marginBottom: token('space.050') };
export const hintStyle: CSSProperties = { margin: `${token('space.050')} 0 0`, font: token('font.body.small'), color: token('color.text.subtlest') };

type A11y = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/**
 * One labelled control bound to the field `target` (a JSON Pointer): its id comes from the pointer, and the
 * validation issues the field owns show under it, tied to it by aria-describedby.
 */
export function Field({ target, label, hint, children, style }: { target: string; label: string; hint?: ReactNode; children: (a11y: A11y, invalid: boolean) => ReactNode; style?: CSSProperties }): ReactNode {
  const issues = useFieldIssues(target);
  const id = fieldDomId(target);
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  return (
    <div style={{ marginBottom: token('space.200'), ...style }}>
      <label htmlFor={id} style={labelStyle}>{label}</label>
      {children({ id, ...fieldA11y(target, issues, hintId) }, issues.length > 0)}
      {hint !== undefined && <div id={hintId} style={hintStyle}>{hint}</div>}
      <FieldMessages target={target} issues={issues} />
    </div>
  );
}

export function TextInput({ target, label, value, onChange, hint, placeholder, list }: { target: string; label: string; value: string; onChange: (text: string) => void; hint?: ReactNode; placeholder?: string; list?: string }): ReactNode {
  return (
    <Field target={target} label={label} {...(hint === undefined ? {} : { hint })}>
      {(a11y, invalid) => <input {...a11y} type="text" value={value} placeholder={placeholder} list={list} onChange={(e) => { onChange(e.target.value); }} style={inputStyle(invalid)} />}
    </Field>
  );
}

/** Keeps what the admin typed while it does not decode, and the document's value (the last good one) meanwhile. */
export function useDecodedText(value: unknown, encode: (value: unknown) => string, decode: (text: string) => Decoded, onChange: (value: unknown) => void): { text: string; error: string | null; change: (text: string) => void } {
  const [text, setText] = useState(() => encode(value));
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(value) as string | undefined;
  useEffect(() => {
    // Another control (or the JSON tab) changed the value: show it, unless the text already says the same.
    setText((current) => {
      const decoded = decode(current);
      return decoded.ok && sameJson(decoded.value, value) ? current : encode(value);
    });
    setError(null);
    // Keyed on the value's JSON, not its identity: a re-render with an equal value must not reset the text.
  }, [key]);
  const change = (next: string): void => {
    setText(next);
    const decoded = decode(next);
    if (decoded.ok) {
      setError(null);
      onChange(decoded.value);
    } else {
      setError(decoded.message);
    }
  };
  return { text, error, change };
}

const prettyJson = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value, null, 2));

/** A JSON-Logic expression (or any JSON) edited as text; text that does not parse is shown with the parser's error. */
export function JsonInput({ target, label, value, onChange, hint, rows = 4 }: { target: string; label: string; value: unknown; onChange: (value: unknown) => void; hint?: ReactNode; rows?: number }): ReactNode {
  const { text, error, change } = useDecodedText(value, prettyJson, parseJson, onChange);
  const id = fieldDomId(target);
  return (
    <Field target={target} label={label} {...(hint === undefined ? {} : { hint })}>
      {(a11y, invalid) => (
        <>
          <textarea {...a11y} aria-describedby={[a11y['aria-describedby'], error === null ? undefined : `${id}-parse`].filter(Boolean).join(' ') || undefined} aria-invalid={invalid || error !== null ? true : undefined} rows={Math.max(rows, Math.min(12, text.split('\n').length))} value={text} spellCheck={false} onChange={(e) => { change(e.target.value); }} style={codeStyle(invalid || error !== null)} />
          {error !== null && <p id={`${id}-parse`} role="alert" style={{ ...hintStyle, color: token('color.text.danger') }}>{error}. The last valid value is kept.</p>}
        </>
      )}
    </Field>
  );
}

/** A list of names typed with commas (project keys, issue types, labels, field names). Empty means absent. */
export function ListInput({ target, label, value, onChange, hint, placeholder }: { target: string; label: string; value: unknown; onChange: (items: string[] | undefined) => void; hint?: ReactNode; placeholder?: string }): ReactNode {
  const { text, change } = useDecodedText(
    value ?? [],
    (v) => encodeTextList(Array.isArray(v) ? v : []),
    (t) => ({ ok: true, value: decodeTextList(t) }),
    (items) => { onChange(Array.isArray(items) && items.length > 0 ? (items as string[]) : undefined); },
  );
  return <TextInput target={target} label={label} value={text} onChange={change} placeholder={placeholder ?? 'Separate items with commas'} {...(hint === undefined ? {} : { hint })} />;
}

/** A whole number, or empty for the default; anything else is kept as typed so the validator can say what is wrong. */
export function NumberInput({ target, label, value, onChange, hint }: { target: string; label: string; value: unknown; onChange: (value: number | string | undefined) => void; hint?: ReactNode }): ReactNode {
  const text = value === undefined ? '' : typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value);
  const decode = (t: string): number | string | undefined => (t.trim() === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t.trim()) ? Number(t) : t);
  return (
    <Field target={target} label={label} {...(hint === undefined ? {} : { hint })}>
      {(a11y, invalid) => <input {...a11y} type="text" inputMode="numeric" value={text} onChange={(e) => { onChange(decode(e.target.value)); }} style={{ ...inputStyle(invalid), maxWidth: '12em' }} />}
    </Field>
  );
}

export function SelectInput({ target, label, value, options, onChange, hint }: { target: string; label: string; value: string; options: readonly { value: string; label: string }[]; onChange: (value: string) => void; hint?: ReactNode }): ReactNode {
  const known = options.some((o) => o.value === value);
  return (
    <Field target={target} label={label} {...(hint === undefined ? {} : { hint })}>
      {(a11y, invalid) => (
        <select {...a11y} value={value} onChange={(e) => { onChange(e.target.value); }} style={{ ...inputStyle(invalid), width: 'auto', minWidth: '12em' }}>
          {!known && <option value={value}>{value === '' ? '(choose)' : `${value} (not supported)`}</option>}
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

export function Section({ title, id, children }: { title: string; id?: string; children: ReactNode }): ReactNode {
  return (
    <section id={id} tabIndex={id === undefined ? undefined : -1} style={{ marginBottom: token('space.300'), padding: token('space.200'), border: `1px solid ${token('color.border')}`, borderRadius: token('radius.medium'), background: token('elevation.surface') }}>
      <h3 style={{ margin: `0 0 ${token('space.150')}`, font: token('font.heading.small') }}>{title}</h3>
      {children}
    </section>
  );
}

export function TextArea({ target, label, value, onChange, hint, rows = 3 }: { target: string; label: string; value: string; onChange: (text: string) => void; hint?: ReactNode; rows?: number }): ReactNode {
  return (
    <Field target={target} label={label} {...(hint === undefined ? {} : { hint })}>
      {(a11y, invalid) => <textarea {...a11y} rows={rows} value={value} onChange={(e) => { onChange(e.target.value); }} style={{ ...inputStyle(invalid), resize: 'vertical' }} />}
    </Field>
  );
}

export function Checkbox({ target, label, checked, onChange, hint }: { target: string; label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: ReactNode }): ReactNode {
  const issues = useFieldIssues(target);
  const id = fieldDomId(target);
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  return (
    <div style={{ marginBottom: token('space.200') }}>
      <input {...fieldA11y(target, issues, hintId)} id={id} type="checkbox" checked={checked} onChange={(e) => { onChange(e.target.checked); }} />
      <label htmlFor={id} style={{ marginLeft: token('space.075'), font: token('font.body') }}>{label}</label>
      {hint !== undefined && <div id={hintId} style={hintStyle}>{hint}</div>}
      <FieldMessages target={target} issues={issues} />
    </div>
  );
}

/** A small secondary button for list rows (move, remove); its accessible name says which row. */
export function RowButton({ label, children, onClick, disabled, id }: { label: string; children: ReactNode; onClick: () => void; disabled?: boolean; id?: string }): ReactNode {
  return (
    <button
      type="button" id={id} aria-label={label} disabled={disabled} onClick={onClick}
      style={{ font: token('font.body.small'), padding: `${token('space.025')} ${token('space.100')}`, marginLeft: token('space.050'), cursor: disabled === true ? 'default' : 'pointer', border: `1px solid ${token('color.border')}`, borderRadius: token('radius.small'), background: token('color.background.neutral'), color: disabled === true ? token('color.text.disabled') : token('color.text') }}
    >{children}</button>
  );
}

/** Focus moves with a row the admin moved (after React has rendered it in its new place). */
export function focusSoon(id: string): void {
  setTimeout(() => { document.getElementById(id)?.focus(); }, 0);
}
