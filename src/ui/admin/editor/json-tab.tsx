import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { isObject, type Draft } from './document-edit.js';
import { codeStyle, hintStyle, labelStyle, useDecodedText } from './form/controls.js';
import { parseJson, type Decoded } from './value-text.js';

const pretty = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function parseDocument(text: string): Decoded {
  const parsed = parseJson(text);
  if (parsed.ok && !isObject(parsed.value)) return { ok: false, message: 'A rule document is a JSON object ({ ... })' };
  return parsed;
}

/**
 * The same document as JSON text. Valid text replaces the document at once (the form follows); text that does not
 * parse stays here with the parser's error, and the form keeps the last valid document.
 */
export function JsonTab({ doc, onChange }: { doc: Draft; onChange: (doc: Draft) => void }): ReactNode {
  const { text, error, change } = useDecodedText(doc, pretty, parseDocument, (value) => { onChange(value as Draft); });
  return (
    <div>
      <label htmlFor="rf-json" style={labelStyle}>Rule document (JSON)</label>
      <textarea
        id="rf-json" value={text} spellCheck={false} rows={Math.min(40, Math.max(12, text.split('\n').length))}
        aria-invalid={error === null ? undefined : true} aria-describedby={error === null ? 'rf-json-hint' : 'rf-json-error rf-json-hint'}
        onChange={(e) => { change(e.target.value); }} style={codeStyle(error !== null)}
      />
      {error !== null && <p id="rf-json-error" role="alert" style={{ ...hintStyle, color: token('color.text.danger'), font: token('font.body') }}>{error}. The form keeps the last valid document until this parses.</p>}
      <p id="rf-json-hint" style={hintStyle}>Edits here update the form, and edits in the form update this text. Problems the validator finds show at their fields in the form and in the summary above.</p>
    </div>
  );
}
