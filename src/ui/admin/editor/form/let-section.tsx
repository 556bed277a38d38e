import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type ReactNode } from 'react';
import { escapeSegment } from '../../../../core/rule/json-pointer.js';
import { asObject, moved } from '../document-edit.js';
import { fieldDomId } from '../field-owners.js';
import { FieldMessages, useFieldIssues } from '../issues.js';
import type { SectionProps } from './basics-section.js';
import { focusSoon, hintStyle, inputStyle, JsonInput, labelStyle, RowButton, Section } from './controls.js';

/**
 * A name is committed to the document only when it is free: an object cannot hold two values of one name, and
 * renaming onto another entry would silently replace it. Until then the typed name waits here with a note.
 */
function NameInput({ index, name, taken, onRename }: { index: number; name: string; taken: (name: string) => boolean; onRename: (name: string) => void }): ReactNode {
  const [text, setText] = useState(name);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => { setText(name); setProblem(null); }, [name]);
  const id = `rf-let-name-${String(index)}`;
  const change = (next: string): void => {
    setText(next);
    if (next === '') setProblem('A value needs a name.');
    else if (next !== name && taken(next)) setProblem(`Another value is already called "${next}".`);
    else {
      setProblem(null);
      if (next !== name) onRename(next);
    }
  };
  return (
    <div style={{ marginBottom: token('space.100') }}>
      <label htmlFor={id} style={labelStyle}>Value name</label>
      <input id={id} type="text" value={text} spellCheck={false} aria-invalid={problem === null ? undefined : true} aria-describedby={problem === null ? undefined : `${id}-problem`} onChange={(e) => { change(e.target.value); }} style={{ ...inputStyle(problem !== null), maxWidth: '20em' }} />
      {problem !== null && <div id={`${id}-problem`} role="alert" style={{ ...hintStyle, color: token('color.text.danger') }}>{problem}</div>}
    </div>
  );
}

function freeName(names: readonly string[]): string {
  for (let i = 1; ; i++) if (!names.includes(`value${String(i)}`)) return `value${String(i)}`;
}

/** Named values, evaluated in order; each may read the ones above it as {"var": "let.<name>"}. */
export function LetSection({ doc, edit }: SectionProps): ReactNode {
  const entries = Object.entries(asObject(doc.let));
  const names = entries.map(([name]) => name);
  const sectionIssues = useFieldIssues('/let');
  const write = (next: [string, unknown][]): void => { edit(['let'], next.length === 0 ? undefined : Object.fromEntries(next)); };
  const move = (from: number, to: number, direction: 'up' | 'down'): void => {
    write(moved(entries, from, to));
    focusSoon(`rf-let-${direction}-${String(to)}`);
  };
  return (
    <Section title="Let values" id={fieldDomId('/let')}>
      <p style={{ ...hintStyle, marginTop: 0 }}>Named values computed before the condition, in this order; the condition, the actions and later values read them as {'{"var": "let.<name>"}'}.</p>
      <FieldMessages target="/let" issues={sectionIssues} />
      {entries.map(([name, logic], i) => (
        <fieldset key={i} style={{ border: `1px solid ${token('color.border')}`, borderRadius: token('radius.small'), margin: `0 0 ${token('space.150')}`, padding: token('space.150') }}>
          <legend style={{ font: token('font.heading.xsmall') }}>Let value {i + 1}</legend>
          <div style={{ float: 'right' }}>
            <RowButton id={`rf-let-up-${String(i)}`} label={`Move let value ${String(i + 1)} up`} disabled={i === 0} onClick={() => { move(i, i - 1, 'up'); }}>Move up</RowButton>
            <RowButton id={`rf-let-down-${String(i)}`} label={`Move let value ${String(i + 1)} down`} disabled={i === entries.length - 1} onClick={() => { move(i, i + 1, 'down'); }}>Move down</RowButton>
            <RowButton label={`Remove let value ${String(i + 1)}`} onClick={() => { write(entries.filter((_, j) => j !== i)); }}>Remove</RowButton>
          </div>
          <NameInput index={i} name={name} taken={(n) => names.includes(n)} onRename={(n) => { write(entries.map(([k, v], j): [string, unknown] => (j === i ? [n, v] : [k, v]))); }} />
          <JsonInput target={`/let/${escapeSegment(name)}`} label="Value logic" value={logic} rows={2} onChange={(v) => { write(entries.map(([k, old], j): [string, unknown] => [k, j === i ? v : old])); }} />
        </fieldset>
      ))}
      <Button onClick={() => { write([...entries, [freeName(names), { var: 'issue.key' }]]); focusSoon(`rf-let-name-${String(entries.length)}`); }}>Add let value</Button>
    </Section>
  );
}
