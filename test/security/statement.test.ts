import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/security-and-privacy.md and docs/threat-model.md make promises; each names the test that keeps it true, as
// `[test: <file> › <title>]`. This checks that every promise carries such a citation and that each cited test exists.
const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

const CITATION = /\[test: ([^\s\]]+) › ([^\]]+)\]/g;

export type Citation = { file: string; title: string };

export function citationsIn(text: string): Citation[] {
  return [...text.replace(/\s*\n\s*/g, ' ').matchAll(CITATION)].map((m) => ({ file: m[1] ?? '', title: (m[2] ?? '').trim() }));
}

/**
 * The statement's promises: after the introduction (everything before the first `## `), each list item and each
 * paragraph is a promise; tables, HTML comments and headings are not (a table is vouched for by the sentence above it).
 */
export function promisesIn(markdown: string): string[] {
  const body = bodyOf(markdown);
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) blocks.push(current.join(' '));
    current = [];
  };
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('|') || trimmed.startsWith('<!--')) {
      flush();
      continue;
    }
    if (trimmed.startsWith('- ')) flush();
    current.push(trimmed);
  }
  flush();
  return blocks;
}

/** Whether `file` has a test (or describe/it.each) whose title is exactly `title`. */
function hasTest(file: string, title: string): boolean {
  if (!existsSync(new URL(file, root))) return false;
  const source = read(file);
  return ["'", '"', '`'].some((quote) => source.includes(`${quote}${title.replaceAll(quote, `\\${quote}`)}${quote}`));
}

/** The part of a document after its introduction (which may show the citation format without citing). */
const bodyOf = (markdown: string): string => markdown.slice(Math.max(0, markdown.indexOf('\n## ')));

describe.each(['docs/security-and-privacy.md', 'docs/threat-model.md'])('%s', (doc) => {
  const text = bodyOf(read(doc));

  it('cites a test for every promise it makes', () => {
    const promises = promisesIn(text);
    expect(promises.length).toBeGreaterThan(5);
    const uncited = promises.filter((promise) => citationsIn(promise).length === 0);
    expect(uncited).toEqual([]);
  });

  it('cites only tests that exist', () => {
    const citations = citationsIn(text);
    expect(citations.length).toBeGreaterThan(5);
    const missing = citations.filter((c) => !/\.(test|suite)\.tsx?$/.test(c.file) || !hasTest(c.file, c.title));
    expect(missing).toEqual([]);
  });
});

describe('the citation checker', () => {
  it('finds an uncited promise, and a citation of a test that does not exist', () => {
    const doc = '# T\n\nIntro.\n\n## A\n\n- Cited. [test: test/security/statement.test.ts › cites only tests that exist]\n- Not cited.\n\n| a | b |\n';
    expect(promisesIn(doc).filter((p) => citationsIn(p).length === 0)).toEqual(['- Not cited.']);
    expect(hasTest('test/security/statement.test.ts', 'cites only tests that exist')).toBe(true);
    expect(hasTest('test/security/statement.test.ts', ['a test', 'nobody wrote'].join(' '))).toBe(false);
    expect(hasTest('test/security/nothing-here.test.ts', 'cites only tests that exist')).toBe(false);
  });
});
