import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState, type ChangeEvent, type ReactNode } from 'react';
import type { ResolverResults } from '../../../contract/resolver-contract.js';
import { useClient } from '../client.js';
import { codeBlock, fieldLabel, subtleText } from '../components/table-styles.js';
import { importInput, importIssueWords } from './import-bundle.js';

/** A chosen file's text (FileReader: older engines, and jsdom, lack Blob.text()). */
export function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => { resolve(typeof reader.result === 'string' ? reader.result : ''); };
    reader.onerror = () => { reject(reader.error ?? new Error('The file could not be read.')); };
    reader.readAsText(file);
  });
}

type Outcome =
  | { state: 'idle' }
  | { state: 'importing' }
  | { state: 'refused'; title: string; lines: string[] }
  | { state: 'saved'; results: Extract<ResolverResults['rules.import'], { saved: true }>['results'] };

/** Imports a bundle or an array of documents, all or nothing: the backend writes nothing unless every one is valid. */
export function RulesImport(): ReactNode {
  const client = useClient();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.currentTarget.files?.[0];
    if (file === undefined) return;
    try {
      setText(await readText(file));
      setOutcome({ state: 'idle' });
    } catch (error) {
      setOutcome({ state: 'refused', title: 'The file could not be read', lines: [error instanceof Error ? error.message : String(error)] });
    }
  };

  const runImport = async (): Promise<void> => {
    const input = importInput(text);
    if (!input.ok) { setOutcome({ state: 'refused', title: 'Nothing was imported', lines: [input.message] }); return; }
    setOutcome({ state: 'importing' });
    const answer = await client('rules.import', { documents: input.documents });
    if (!answer.ok) {
      setOutcome({ state: 'refused', title: 'Nothing was written', lines: [answer.error.message, ...(answer.error.issues ?? []).map((i) => `${i.path}: ${i.message}`)] });
    } else if (!answer.result.saved) {
      setOutcome({ state: 'refused', title: 'Nothing was written: fix these and import again', lines: answer.result.issues.map(importIssueWords) });
    } else {
      setOutcome({ state: 'saved', results: answer.result.results });
    }
  };

  return (
    <div>
      <p style={subtleText}>An export bundle or an array of rule documents, at most 100 rules. A rule whose id exists already is replaced by a new version.</p>
      <div style={{ marginBottom: token('space.150') }}>
        <label htmlFor="rules-import-file" style={fieldLabel}>Rules file</label>
        <input id="rules-import-file" type="file" accept="application/json,.json" onChange={(e) => { void chooseFile(e); }} />
      </div>
      <div style={{ marginBottom: token('space.150') }}>
        <label htmlFor="rules-import-text" style={fieldLabel}>Rules JSON</label>
        <textarea
          id="rules-import-text" rows={8} value={text} spellCheck={false}
          onChange={(e) => { setText(e.currentTarget.value); }}
          style={{ ...codeBlock, width: '100%', boxSizing: 'border-box', border: `1px solid ${token('color.border.input')}` }}
        />
      </div>
      <Button appearance="primary" onClick={() => { void runImport(); }} isLoading={outcome.state === 'importing'}>Import rules</Button>
      <div role="status" style={{ marginTop: token('space.150') }}>
        {outcome.state === 'refused' && (
          <SectionMessage appearance="error" title={outcome.title}>
            <ul>{outcome.lines.map((line, i) => <li key={i}>{line}</li>)}</ul>
          </SectionMessage>
        )}
        {outcome.state === 'saved' && (
          <SectionMessage appearance="success" title={`Imported ${outcome.results.length} rule${outcome.results.length === 1 ? '' : 's'}`}>
            <ul>
              {outcome.results.map((r) => (
                <li key={r.head.ruleId}>{r.head.name} ({r.head.ruleId}): {r.unchanged ? 'unchanged' : `saved as version ${r.version}`}</li>
              ))}
            </ul>
          </SectionMessage>
        )}
      </div>
    </div>
  );
}
