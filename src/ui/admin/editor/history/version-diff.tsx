import { token } from '@atlaskit/tokens';
import { diffLines } from 'diff';
import type { CSSProperties, ReactNode } from 'react';

export type DiffLine = { kind: 'added' | 'removed' | 'same'; text: string };

/** The line diff of two documents, each pretty-printed the same way so only real changes show. */
export function documentDiff(before: unknown, after: unknown): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const change of diffLines(`${JSON.stringify(before, null, 2)}\n`, `${JSON.stringify(after, null, 2)}\n`)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of change.value.replace(/\n$/, '').split('\n')) lines.push({ kind, text });
  }
  return lines;
}

const LINE: Record<DiffLine['kind'], { sign: string; style: CSSProperties }> = {
  added: { sign: '+', style: { background: token('color.background.accent.green.subtlest') } },
  removed: { sign: '-', style: { background: token('color.background.accent.red.subtlest') } },
  same: { sign: ' ', style: {} },
};

const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' };

/** Version `from` against version `to`: removed lines marked "-", added lines "+", the rest as context. */
export function VersionDiff({ from, to, lines }: { from: number; to: number; lines: readonly DiffLine[] }): ReactNode {
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ margin: `${token('space.100')} 0`, font: token('font.body') }}>
        Version {from} → version {to}: {added === 0 && removed === 0 ? 'the documents are the same.' : `${String(added)} lines added, ${String(removed)} removed.`}
      </figcaption>
      <pre aria-label={`Changes from version ${String(from)} to version ${String(to)}`} style={{ margin: 0, padding: token('space.100'), font: token('font.code'), background: token('elevation.surface.sunken'), borderRadius: token('radius.small'), overflowX: 'auto', maxHeight: '60vh' }}>
        {lines.map((line, i) => (
          <div key={i} data-diff={line.kind} style={LINE[line.kind].style}>
            <span aria-hidden="true">{LINE[line.kind].sign} </span>{line.kind !== 'same' && <span style={VISUALLY_HIDDEN}>{line.kind}: </span>}{line.text}
          </div>
        ))}
      </pre>
    </figure>
  );
}
