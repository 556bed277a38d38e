import type { TraceNode } from '../logic/types.js';
import type { RuleTrace } from './types.js';

/**
 * Caps on a whole run's trace. The evaluator caps each tree (200 nodes, previewed values); a rule has up to 20 let
 * entries, `when` and 10 actions with expressions in them, so the run caps the sum too, to keep the trace a small
 * part of an execution record (Forge entity values are at most 240 KiB).
 */
export const RULE_TRACE_LIMITS = {
  nodes: 600,
  /** Characters of the trace written as JSON. */
  chars: 64 * 1024,
  /** Characters kept for roots standing in for trees that did not fit: every expression keeps at least its result. */
  stubReserve: 8 * 1024,
  /** Characters of a root result kept when the rest of its tree is left out. */
  stubResultChars: 500,
} as const;

/**
 * Collects the trees of one run in evaluation order. A tree that does not fit in what is left is replaced by its
 * root alone (its result, and how many nodes were left out), which counts against the characters only; when not
 * even that fits, the tree is left out entirely.
 * `omitted` on the run's trace counts every node left out here.
 */
export class RuleTracer {
  readonly trace: RuleTrace = { let: {} };
  private nodes = 0;
  private chars = 0;
  private omitted = 0;

  addLet(name: string, tree: TraceNode | undefined): void {
    const kept = this.fit(tree);
    if (kept !== undefined) Object.defineProperty(this.trace.let, name, { value: kept, enumerable: true, writable: true, configurable: true });
  }

  addWhen(tree: TraceNode | undefined): void {
    const kept = this.fit(tree);
    if (kept !== undefined) this.trace.when = kept;
  }

  /** Starts the trace of the next action; its expressions' trees follow with addAction. */
  startAction(): void {
    (this.trace.actions ??= []).push({});
  }

  addAction(key: string, tree: TraceNode | undefined): void {
    const kept = this.fit(tree);
    const current = this.trace.actions?.at(-1);
    if (kept !== undefined && current !== undefined) current[key] = kept;
  }

  private fit(tree: TraceNode | undefined): TraceNode | undefined {
    if (tree === undefined) return undefined;
    const count = countNodes(tree);
    const size = jsonLength(tree);
    if (this.nodes + count <= RULE_TRACE_LIMITS.nodes && this.take(count, size, RULE_TRACE_LIMITS.stubReserve)) return tree;
    const stub = stubOf(tree, count);
    if (this.take(1, jsonLength(stub), 0)) {
      this.leftOut(count - 1);
      return stub;
    }
    this.leftOut(count);
    return undefined;
  }

  private take(count: number, size: number, reserve: number): boolean {
    if (this.chars + size > RULE_TRACE_LIMITS.chars - reserve) return false;
    this.nodes += count;
    this.chars += size;
    return true;
  }

  private leftOut(count: number): void {
    this.omitted += count;
    this.trace.omitted = this.omitted;
  }
}

function countNodes(tree: TraceNode): number {
  let count = 1;
  for (const child of tree.children ?? []) count += countNodes(child);
  return count;
}

function stubOf(tree: TraceNode, count: number): TraceNode {
  const length = jsonLength(tree.result);
  const result = length <= RULE_TRACE_LIMITS.stubResultChars ? tree.result : `(${String(length)} characters left out)`;
  const stub: TraceNode = { op: tree.op, path: tree.path, args: [], result, omitted: count - 1 + (tree.omitted ?? 0) };
  if (tree.error !== undefined) stub.error = tree.error;
  return stub;
}

/** Previews never hold undefined, but JSON.stringify returns undefined for it rather than text. */
function jsonLength(value: unknown): number {
  return (JSON.stringify(value) as string | undefined)?.length ?? 4;
}
