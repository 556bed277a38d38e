import { token } from '@atlaskit/tokens';
import { createContext, useContext, useState, type CSSProperties, type ReactNode } from 'react';
import type { RuleTrace } from '../../../core/engine/types.js';
import type { TraceNode } from '../../../core/logic/types.js';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function isTraceNode(value: unknown): value is TraceNode {
  return isObject(value) && typeof value.op === 'string' && Array.isArray(value.args) && (value.children === undefined || (Array.isArray(value.children) && value.children.every(isTraceNode)));
}

type Root = { label: string; node: TraceNode };

/** The trees of a RuleTrace in evaluation order; null when `trace` is not one (a stored record is read, not trusted). */
export function traceRoots(trace: unknown): { roots: Root[]; omitted: number } | null {
  if (!isObject(trace) || !isObject(trace.let)) return null;
  const rule = trace as unknown as RuleTrace;
  const roots: Root[] = [];
  for (const [name, node] of Object.entries(rule.let)) if (isTraceNode(node)) roots.push({ label: `let ${name}`, node });
  if (isTraceNode(rule.when)) roots.push({ label: 'when', node: rule.when });
  (Array.isArray(rule.actions) ? rule.actions : []).forEach((trees, i) => {
    if (!isObject(trees)) return;
    for (const [key, node] of Object.entries(trees)) if (isTraceNode(node)) roots.push({ label: `action ${String(i + 1)} ${key}`, node });
  });
  return { roots, omitted: typeof rule.omitted === 'number' ? rule.omitted : 0 };
}

const preview = (value: unknown): string => {
  const text = JSON.stringify(value) as string | undefined ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

function resultStyle(result: unknown): CSSProperties {
  const base: CSSProperties = { font: token('font.code'), padding: `0 ${token('space.050')}`, borderRadius: token('radius.small') };
  if (result === true) return { ...base, background: token('color.background.success'), color: token('color.text.success') };
  if (result === false) return { ...base, background: token('color.background.danger'), color: token('color.text.danger') };
  return { ...base, background: token('color.background.neutral') };
}

/** "Expand all" and "Collapse all" remount the nodes with a new default; each node then toggles on its own. */
const Expansion = createContext<{ mode: 'depth' | 'all' | 'none' }>({ mode: 'depth' });
const OPEN_DEPTH = 3;

function NodeLine({ node }: { node: TraceNode }): ReactNode {
  return (
    <>
      <code style={{ font: token('font.code'), fontWeight: 600 }}>{node.op}</code>
      {node.args.length > 0 && <code title={JSON.stringify(node.args)} style={{ font: token('font.code'), color: token('color.text.subtle') }}> ({node.args.map(preview).join(', ')})</code>}
      {' → '}
      <span style={resultStyle(node.result)}>{preview(node.result)}</span>
      {node.error !== undefined && <strong style={{ color: token('color.text.danger') }}> {node.error}</strong>}
      {node.omitted !== undefined && node.omitted > 0 && <span style={{ color: token('color.text.subtlest') }}> ({node.omitted} nodes left out)</span>}
    </>
  );
}

/** What a screen reader says for a node: the same words as the line, spaced (inline elements run together). */
function spoken(node: TraceNode, label: string | undefined): string {
  const args = node.args.length > 0 ? ` (${node.args.map(preview).join(', ')})` : '';
  return `${label === undefined ? '' : `${label}: `}${node.op}${args} → ${preview(node.result)}${node.error === undefined ? '' : ` ${node.error}`}`;
}

function Branch({ node, depth, label }: { node: TraceNode; depth: number; label?: string }): ReactNode {
  const { mode } = useContext(Expansion);
  const [open, setOpen] = useState(mode === 'all' || (mode === 'depth' && depth < OPEN_DEPTH));
  const children = node.children ?? [];
  const line = <>{label !== undefined && <strong>{label}: </strong>}<NodeLine node={node} /></>;
  return (
    <li style={{ margin: `${token('space.025')} 0` }}>
      {children.length === 0
        ? <span style={{ paddingLeft: token('space.300') }}>{line}</span>
        : (
          <button
            type="button" aria-expanded={open} aria-label={spoken(node, label)} onClick={() => { setOpen(!open); }}
            style={{ background: 'none', border: 'none', padding: 0, font: 'inherit', color: 'inherit', cursor: 'pointer', textAlign: 'left' }}
          >
            <span aria-hidden="true" style={{ display: 'inline-block', width: token('space.300') }}>{open ? '▾' : '▸'}</span>{line}
          </button>
        )}
      {children.length > 0 && open && (
        <ul style={{ listStyle: 'none', margin: 0, paddingLeft: token('space.300') }}>
          {children.map((child, i) => <Branch key={`${child.path}|${String(i)}`} node={child} depth={depth + 1} />)}
        </ul>
      )}
    </li>
  );
}

/**
 * The explain trace of a run (RuleTrace from src/core/engine) as a tree: one root per evaluated expression (let
 * values, when, action parameters), each node its operator, the argument values it saw and its result, true and
 * false highlighted. Nodes open and close with Enter or Space on their button.
 */
export function TraceTree({ trace }: { trace: unknown }): ReactNode {
  const [expansion, setExpansion] = useState<{ mode: 'depth' | 'all' | 'none'; generation: number }>({ mode: 'depth', generation: 0 });
  const read = traceRoots(trace);
  if (read === null) return <p style={{ color: token('color.text.subtle') }}>No explain trace.</p>;
  if (read.roots.length === 0) return <p style={{ color: token('color.text.subtle') }}>The trace is empty: the rule has no expressions that were evaluated.</p>;
  const all = (mode: 'all' | 'none'): void => { setExpansion({ mode, generation: expansion.generation + 1 }); };
  const small: CSSProperties = { font: token('font.body.small'), marginRight: token('space.100'), cursor: 'pointer' };
  return (
    <div>
      <div style={{ marginBottom: token('space.100') }}>
        <button type="button" style={small} onClick={() => { all('all'); }}>Expand all</button>
        <button type="button" style={small} onClick={() => { all('none'); }}>Collapse all</button>
      </div>
      <Expansion.Provider value={{ mode: expansion.mode }}>
        <ul aria-label="Explain trace" key={expansion.generation} style={{ listStyle: 'none', margin: 0, padding: 0, font: token('font.body.small'), overflowX: 'auto' }}>
          {read.roots.map((root) => <Branch key={root.label} node={root.node} depth={0} label={root.label} />)}
        </ul>
      </Expansion.Provider>
      {read.omitted > 0 && <p style={{ color: token('color.text.subtlest'), font: token('font.body.small') }}>{read.omitted} nodes were left out to keep the trace small.</p>}
    </div>
  );
}
