import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { JsonBlock } from '../components/json-block.js';
import { bodyCell, headCell, subtleText, tableStyle } from '../components/table-styles.js';

/** Name / value pairs of a record, as a description list. */
export function Facts({ rows }: { rows: [string, ReactNode][] }): ReactNode {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${token('space.075')} ${token('space.300')}`, margin: 0, padding: 0 }}>
      {rows.map(([name, value]) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt style={{ margin: 0, color: token('color.text.subtle'), fontWeight: token('font.weight.semibold') }}>{name}</dt>
          <dd style={{ margin: 0 }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A run's `let` values: each name with its value as JSON. */
export function LetValues({ values }: { values: unknown }): ReactNode {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return <JsonBlock value={values ?? null} />;
  const entries = Object.entries(values as Record<string, unknown>);
  if (entries.length === 0) return <p style={subtleText}>None.</p>;
  return (
    <table style={tableStyle}>
      <thead><tr><th scope="col" style={headCell}>Name</th><th scope="col" style={headCell}>Value</th></tr></thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <td style={bodyCell}><code>{name}</code></td>
            <td style={bodyCell}><code>{JSON.stringify(value)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
