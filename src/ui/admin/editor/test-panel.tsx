import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import type { IssueRunResult } from '../../../app/schedule/manual-run.js';
import { useClient } from '../client.js';
import { TraceTree } from '../components/trace-tree.js';
import type { Draft } from './document-edit.js';
import { hintStyle, inputStyle, labelStyle } from './form/controls.js';

type Outcome = { kind: 'result'; result: IssueRunResult } | { kind: 'error'; code: string; message: string; issues: { path: string; message: string }[] };

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

const DECISIONS: Record<string, { label: string; appearance: 'success' | 'default' | 'moved' | 'removed'; words: string }> = {
  matched: { label: 'Matched', appearance: 'success', words: 'The condition holds for this issue: these actions would run.' },
  'not-matched': { label: 'Not matched', appearance: 'default', words: 'The condition is false for this issue: nothing would run. The trace shows which part decided.' },
  'out-of-scope': { label: 'Out of scope', appearance: 'moved', words: "The issue's project or issue type is outside the rule's scope: nothing would run." },
  'not-triggered': { label: 'Not triggered', appearance: 'moved', words: 'The trigger does not fire for this issue: nothing would run.' },
  failed: { label: 'Failed', appearance: 'removed', words: 'Evaluating the rule failed on this issue; a real run would be recorded as FAILED.' },
};

const json = (value: unknown): string => JSON.stringify(value);
const sectionTitle = { font: token('font.heading.xsmall'), margin: `${token('space.200')} 0 ${token('space.100')}` } as const;

function Result({ result }: { result: IssueRunResult }): ReactNode {
  const decision = DECISIONS[result.decision] ?? { label: result.decision, appearance: 'default' as const, words: '' };
  const lets = Object.entries(result.let);
  return (
    <div aria-label={`Dry run of ${result.issueKey}`} role="region">
      <p style={{ display: 'flex', gap: token('space.100'), alignItems: 'center', margin: `${token('space.200')} 0 ${token('space.050')}` }}>
        <strong>{result.issueKey}:</strong> <Lozenge appearance={decision.appearance}>{decision.label}</Lozenge>
      </p>
      <p style={{ margin: 0 }}>{decision.words} Dry run: nothing was written to Jira.</p>
      {result.error !== null && (
        <SectionMessage appearance="error" title={`${result.error.code} at ${result.error.path === '' ? 'the rule' : result.error.path}`}><p>{result.error.message}</p></SectionMessage>
      )}
      <h4 style={sectionTitle}>Let values</h4>
      {lets.length === 0 ? <p style={hintStyle}>None.</p> : (
        <table style={{ borderCollapse: 'collapse', font: token('font.body.small') }}>
          <thead><tr><th scope="col" style={{ textAlign: 'left', paddingRight: token('space.200') }}>Name</th><th scope="col" style={{ textAlign: 'left' }}>Value</th></tr></thead>
          <tbody>{lets.map(([name, value]) => <tr key={name}><td style={{ paddingRight: token('space.200') }}><code>{name}</code></td><td><code>{json(value)}</code></td></tr>)}</tbody>
        </table>
      )}
      <h4 style={sectionTitle}>Planned actions</h4>
      {result.actions.length === 0 ? <p style={hintStyle}>None.</p> : (
        <ol aria-label="Planned actions" style={{ margin: 0, paddingLeft: token('space.300') }}>
          {result.actions.map((action, i) => {
            const { summary, ...params } = action;
            return (
              <li key={i} style={{ marginBottom: token('space.100') }}>
                <span>{summary}</span>
                <code style={{ display: 'block', font: token('font.code'), color: token('color.text.subtle'), whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{json(params)}</code>
              </li>
            );
          })}
        </ol>
      )}
      <h4 style={sectionTitle}>Explain trace</h4>
      {result.trace === null ? <p style={hintStyle}>No trace: the rule stopped before evaluating anything.</p> : <TraceTree trace={result.trace} />}
    </div>
  );
}

/**
 * Dry-runs the document as it is now (saved or not) on one issue: matched or not, the let values, the actions with
 * their evaluated parameters, and the explain trace. Nothing is written to Jira. (Pasting an event instead of an
 * issue needs a contract change: rules.test takes an issue key only.)
 */
export function TestPanel({ doc }: { doc: Draft }): ReactNode {
  const client = useClient();
  const [issueKey, setIssueKey] = useState('');
  const [running, setRunning] = useState(false);
  const [keyProblem, setKeyProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (): Promise<void> => {
    const key = issueKey.trim();
    if (!ISSUE_KEY.test(key)) {
      setKeyProblem('Type an issue key such as OPS-7.');
      return;
    }
    setKeyProblem(null);
    setRunning(true);
    const answer = await client('rules.test', { document: doc, issueKey: key });
    setRunning(false);
    setOutcome(answer.ok ? { kind: 'result', result: answer.result } : { kind: 'error', code: answer.error.code, message: answer.error.message, issues: answer.error.issues ?? [] });
  };

  return (
    <div>
      <form onSubmit={(e) => { e.preventDefault(); void run(); }} style={{ display: 'flex', gap: token('space.100'), alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <div>
          <label htmlFor="rf-test-issue" style={labelStyle}>Issue key</label>
          <input
            id="rf-test-issue" type="text" value={issueKey} placeholder="OPS-7" spellCheck={false} autoComplete="off"
            aria-invalid={keyProblem === null ? undefined : true} aria-describedby={keyProblem === null ? 'rf-test-hint' : 'rf-test-problem rf-test-hint'}
            onChange={(e) => { setIssueKey(e.target.value); }} style={{ ...inputStyle(keyProblem !== null), width: '14em' }}
          />
        </div>
        <Button type="submit" appearance="primary" isLoading={running}>Dry run</Button>
      </form>
      {keyProblem !== null && <p id="rf-test-problem" role="alert" style={{ ...hintStyle, color: token('color.text.danger') }}>{keyProblem}</p>}
      <p id="rf-test-hint" style={hintStyle}>Runs the rule as it is in the editor now, saved or not, on this issue. Nothing is written to Jira.</p>
      <div aria-live="polite">
        {outcome?.kind === 'error' && (
          <SectionMessage appearance="error" title={outcome.code === 'ISSUE_UNAVAILABLE' ? 'The issue could not be read' : outcome.code === 'INVALID_RULE' ? 'Fix the rule to test it' : `The dry run failed (${outcome.code})`}>
            <p>{outcome.message}</p>
            {outcome.issues.length > 0 && <ul>{outcome.issues.map((i) => <li key={`${i.path}|${i.message}`}>{i.path === '' ? '' : `${i.path}: `}{i.message}</li>)}</ul>}
          </SectionMessage>
        )}
        {outcome?.kind === 'result' && <Result result={outcome.result} />}
      </div>
    </div>
  );
}
