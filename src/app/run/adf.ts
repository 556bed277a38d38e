import type { AdfDocument } from '../../ports/jira.js';

/**
 * A rule's plain-text comment as Atlassian Document Format: blank lines separate paragraphs, single newlines are
 * hard breaks. Text is never interpreted as markup, so a value read from an issue cannot inject links or mentions.
 */
export function plainTextToAdf(text: string): AdfDocument {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).filter((p) => p.trim() !== '');
  const content = (paragraphs.length > 0 ? paragraphs : [text]).map((paragraph) => {
    const lines = paragraph.split('\n');
    const inline: unknown[] = [];
    lines.forEach((line, i) => {
      if (i > 0) inline.push({ type: 'hardBreak' });
      if (line !== '') inline.push({ type: 'text', text: line });
    });
    return { type: 'paragraph', content: inline };
  });
  return { type: 'doc', version: 1, content };
}

/** Whether two ADF values are the same document (comment reconciliation compares what was posted). */
export function sameAdf(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
