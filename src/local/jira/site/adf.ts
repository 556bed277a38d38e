/**
 * Atlassian Document Format, as far as the site needs it: REST v3 takes and returns descriptions and comment bodies
 * as ADF documents, JQL's `~` and the changelog read their plain text. Documents come from clients, so every walk
 * here is iterative and bounded.
 */
import type { AdfDocument } from './model.js';

const MAX_NODES = 20_000;
const MAX_DEPTH = 64;

type Node = { type?: unknown; text?: unknown; content?: unknown };

/** The checks Jira's ADF validator makes that matter to a client: a versioned doc of typed nodes, text in text nodes. */
export function isAdfDocument(value: unknown): value is AdfDocument {
  if (!isObject(value) || value.type !== 'doc' || value.version !== 1 || !Array.isArray(value.content)) return false;
  const stack: { node: unknown; depth: number }[] = (value.content as unknown[]).map((node) => ({ node, depth: 1 }));
  let seen = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    seen += 1;
    if (seen > MAX_NODES || depth > MAX_DEPTH || !isObject(node) || typeof node.type !== 'string' || node.type === 'doc') return false;
    if (node.type === 'text' && typeof node.text !== 'string') return false;
    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return false;
      for (const child of node.content as unknown[]) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return true;
}

/** One paragraph per line, as Jira's editor stores typed text. */
export function adfFromText(text: string): AdfDocument {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/** The blocks that hold text; containers (lists, quotes, panels, tables) only hold these. */
const BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** The document's text, blocks on their own lines. */
export function adfToText(doc: AdfDocument | null): string {
  if (doc === null) return '';
  const lines: string[] = [];
  let line = '';
  // Children are pushed in reverse so the walk reads the document in order; a null marks the end of a block.
  const stack: (Node | null)[] = [...doc.content].reverse().filter(isObject);
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === null) {
      lines.push(line);
      line = '';
      continue;
    }
    if (node.type === 'text' && typeof node.text === 'string') line += node.text;
    else if (node.type === 'hardBreak') {
      lines.push(line);
      line = '';
    } else if (node.type === 'mention' || node.type === 'emoji') line += mentionText(node);
    if (typeof node.type === 'string' && BLOCKS.has(node.type)) stack.push(null);
    if (Array.isArray(node.content)) stack.push(...(node.content as unknown[]).filter(isObject).reverse());
  }
  if (line !== '') lines.push(line);
  return lines.join('\n').replace(/\n+$/, '');
}

function mentionText(node: Node): string {
  const attrs = (node as { attrs?: unknown }).attrs;
  return isObject(attrs) && typeof attrs.text === 'string' ? attrs.text : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
