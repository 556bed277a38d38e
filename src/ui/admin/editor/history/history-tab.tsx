import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { RuleVersionInfo } from '../../../../app/rules/rule-records.js';
import { useClient } from '../../client.js';
import { inputStyle, labelStyle } from '../form/controls.js';
import { Rollback, type RolledBack } from './rollback.js';
import { documentDiff, VersionDiff, type DiffLine } from './version-diff.js';

const PAGE = 20;

type Diff = { from: number; to: number; lines: DiffLine[] };

function VersionSelect({ id, label, value, versions, onChange }: { id: string; label: string; value: number | null; versions: readonly RuleVersionInfo[]; onChange: (v: number) => void }): ReactNode {
  return (
    <div>
      <label htmlFor={id} style={labelStyle}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => { onChange(Number(e.target.value)); }} style={{ ...inputStyle(false), width: 'auto' }}>
        {versions.map((v) => <option key={v.version} value={v.version}>Version {v.version}</option>)}
      </select>
    </div>
  );
}

/** A saved rule's versions (who saved each, and when), a diff between any two, and rollback to any of them. */
export function HistoryTab({ ruleId, currentVersion, dirty, onRolledBack }: { ruleId: string; currentVersion: number | null; dirty: boolean; onRolledBack: () => void }): ReactNode {
  const client = useClient();
  const [versions, setVersions] = useState<RuleVersionInfo[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [rollingBack, setRollingBack] = useState<number | null>(null);
  const [done, setDone] = useState<RolledBack | null>(null);
  // Versions never change once saved, so each document is fetched once.
  const documents = useRef(new Map<number, unknown>());

  const load = useCallback(async (after: string | undefined): Promise<void> => {
    const answer = await client('rules.versions', { ruleId, limit: PAGE, ...(after === undefined ? {} : { cursor: after }) });
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    setError(null);
    const page = answer.result.items;
    setVersions((known) => (after === undefined ? page : [...known, ...page]));
    setCursor(answer.result.cursor);
    if (after === undefined) {
      const sorted = [...page].sort((a, b) => b.version - a.version);
      setTo(sorted[0]?.version ?? null);
      setFrom(sorted[1]?.version ?? sorted[0]?.version ?? null);
    }
  }, [client, ruleId]);

  useEffect(() => { void load(undefined); }, [load, currentVersion]);

  const documentOf = async (version: number): Promise<unknown> => {
    if (documents.current.has(version)) return documents.current.get(version);
    const answer = await client('rules.version', { ruleId, version });
    if (!answer.ok) throw new Error(answer.error.message);
    documents.current.set(version, answer.result.document);
    return answer.result.document;
  };

  const showDiff = async (): Promise<void> => {
    if (from === null || to === null) return;
    try {
      const [before, after] = [await documentOf(from), await documentOf(to)];
      setDiff({ from, to, lines: documentDiff(before, after) });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div>
      {error !== null && <SectionMessage appearance="error" title="The history could not be read"><p>{error}</p></SectionMessage>}
      {done !== null && (
        <SectionMessage appearance="success" title={done.unchanged ? `Version ${String(done.from)} is already the current document` : `Rolled back: version ${String(done.to)} equals version ${String(done.from)}`}>
          <p>The editor shows the current version.</p>
        </SectionMessage>
      )}
      <h3 style={{ font: token('font.heading.small'), margin: `${token('space.100')} 0` }}>Versions</h3>
      <ol aria-label="Versions" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {versions.map((v) => (
          <li key={v.version} style={{ padding: `${token('space.100')} 0`, borderBottom: `1px solid ${token('color.border')}` }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: token('space.200'), flexWrap: 'wrap' }}>
              <span><strong>Version {v.version}</strong>{v.version === currentVersion ? ' (current)' : ''} · saved <time dateTime={v.savedAt}>{v.savedAt}</time> by {v.savedBy}</span>
              {v.version !== currentVersion && (
                <Button aria-label={`Roll back to version ${String(v.version)}`} onClick={() => { setDone(null); setRollingBack(v.version); }}>Roll back to this version</Button>
              )}
            </div>
            {rollingBack === v.version && (
              <Rollback
                ruleId={ruleId} version={v.version} currentVersion={currentVersion} dirty={dirty}
                onCancel={() => { setRollingBack(null); }} onReload={onRolledBack}
                onDone={(result) => { setRollingBack(null); setDone(result); onRolledBack(); }}
              />
            )}
          </li>
        ))}
      </ol>
      {cursor !== undefined && <div style={{ marginTop: token('space.100') }}><Button onClick={() => { void load(cursor); }}>Load older versions</Button></div>}
      <h3 style={{ font: token('font.heading.small'), margin: `${token('space.300')} 0 ${token('space.100')}` }}>Compare two versions</h3>
      {versions.length < 2 ? <p style={{ color: token('color.text.subtle') }}>There is only one version so far.</p> : (
        <div style={{ display: 'flex', gap: token('space.150'), alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: token('space.150') }}>
          <VersionSelect id="rf-diff-from" label="Compare version" value={from} versions={versions} onChange={setFrom} />
          <VersionSelect id="rf-diff-to" label="With version" value={to} versions={versions} onChange={setTo} />
          <Button onClick={() => { void showDiff(); }}>Show differences</Button>
        </div>
      )}
      {diff !== null && <VersionDiff from={diff.from} to={diff.to} lines={diff.lines} />}
    </div>
  );
}
