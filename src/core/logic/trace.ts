import type { TraceNode } from './types.js';

/**
 * Caps on an explain trace, so a trace always fits in an execution record (Forge entity values are at most 240 KiB)
 * and renders as a readable tree. Values are previews: long strings cut, long lists and objects shortened, deep
 * nesting summarised, and NaN/Infinity/undefined (which JSON cannot hold) written as text.
 */
export const TRACE_LIMITS = {
  nodes: 200,
  stringChars: 200,
  items: 10,
  nesting: 3,
} as const;

export function preview(value: unknown, nesting = 0): unknown {
  switch (typeof value) {
    case 'string':
      return value.length > TRACE_LIMITS.stringChars ? `${value.slice(0, TRACE_LIMITS.stringChars)}…` : value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'object':
      if (value === null) return null;
      return Array.isArray(value) ? previewArray(value, nesting) : previewObject(value as Record<string, unknown>, nesting);
    default:
      return typeof value;
  }
}

function previewArray(items: readonly unknown[], nesting: number): unknown {
  if (nesting >= TRACE_LIMITS.nesting) return `[${String(items.length)} items]`;
  const out = items.slice(0, TRACE_LIMITS.items).map((item) => preview(item, nesting + 1));
  if (items.length > TRACE_LIMITS.items) out.push(`… ${String(items.length - TRACE_LIMITS.items)} more`);
  return out;
}

function previewObject(object: Record<string, unknown>, nesting: number): unknown {
  const keys = Object.keys(object);
  if (nesting >= TRACE_LIMITS.nesting) return `{${String(keys.length)} keys}`;
  const out: Record<string, unknown> = {};
  for (const key of keys.slice(0, TRACE_LIMITS.items)) {
    Object.defineProperty(out, key, { value: preview(object[key], nesting + 1), enumerable: true, writable: true, configurable: true });
  }
  if (keys.length > TRACE_LIMITS.items) out['…'] = `${String(keys.length - TRACE_LIMITS.items)} more keys`;
  return out;
}

/**
 * Builds the tree while a traced program runs. Nodes past the cap are still built (the operator needs somewhere to
 * put its arguments) but not attached; the root says how many were left out.
 */
export class Tracer {
  private readonly top: TraceNode = { op: '', path: '', args: [], result: null, children: [] };
  private current: TraceNode = this.top;
  private attached = 0;
  private omitted = 0;

  enter(op: string, path: string): TraceNode {
    const node: TraceNode = { op, path, args: [], result: null };
    if (this.attached < TRACE_LIMITS.nodes) {
      this.attached++;
      (this.current.children ??= []).push(node);
    } else {
      this.omitted++;
    }
    const parent = this.current;
    this.current = node;
    return parent;
  }

  exit(parent: TraceNode): void {
    this.current = parent;
  }

  /** The node being evaluated; an operator records its arguments and result on it. */
  get node(): TraceNode {
    return this.current;
  }

  arg(value: unknown): void {
    this.current.args.push(preview(value));
  }

  /** The finished tree: the expression's own root node, or a value node for an expression without operators. */
  finish(result: unknown): TraceNode {
    const root = this.top.children?.[0] ?? { op: 'value', path: '', args: [], result: preview(result) };
    if (this.omitted > 0) root.omitted = this.omitted;
    return root;
  }
}
