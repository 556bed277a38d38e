import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adfFromText, adfToText, isAdfDocument } from '../../../../src/local/jira/site/adf.js';
import { CUSTOM_FIELDS } from '../../../../src/local/jira/site/catalog.js';
import { allFields, selectFields } from '../../../../src/local/jira/site/fields.js';
import { createRouter } from '../../../../src/local/jira/site/routes.js';

type FieldsVector = { name: string; values: string[]; default: '*all' | 'id'; idsOnly?: true; fields?: string[]; count?: number; without?: string[] };
const fieldVectors = (JSON.parse(readFileSync(new URL('../../../vectors/jira/fields-param.json', import.meta.url), 'utf8')) as { vectors: FieldsVector[] }).vectors;

describe('the fields parameter', () => {
  const fields = allFields(CUSTOM_FIELDS);
  it.each(fieldVectors)('$name', (vector) => {
    const selection = selectFields(vector.values, vector.default, fields);
    if (vector.idsOnly) {
      expect(selection).toEqual({ idsOnly: true });
      return;
    }
    if (selection.idsOnly) throw new Error('expected fields, got ids only');
    if (vector.fields) expect(selection.fields).toEqual(vector.fields);
    if (vector.count !== undefined) expect(selection.fields).toHaveLength(vector.count);
    for (const id of vector.without ?? []) expect(selection.fields).not.toContain(id);
  });
});

describe('ADF', () => {
  it('round-trips text through paragraphs', () => {
    expect(adfToText(adfFromText('first line\n\nthird line'))).toBe('first line\n\nthird line');
    expect(adfToText(null)).toBe('');
  });

  it('reads text from nested blocks, hard breaks and mentions, in document order', () => {
    const doc = {
      type: 'doc' as const, version: 1 as const,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        { type: 'bulletList', content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two', marks: [{ type: 'strong' }] }] }] },
        ] },
        { type: 'paragraph', content: [{ type: 'text', text: 'ask ' }, { type: 'mention', attrs: { id: 'x', text: '@Ben' } }, { type: 'hardBreak' }, { type: 'text', text: 'now' }] },
      ],
    };
    expect(isAdfDocument(doc)).toBe(true);
    expect(adfToText(doc)).toBe('Title\none\ntwo\nask @Ben\nnow');
  });

  it.each([
    ['a string', 'text'],
    ['a doc without version', { type: 'doc', content: [] }],
    ['a doc of version 2', { type: 'doc', version: 2, content: [] }],
    ['a node without a type', { type: 'doc', version: 1, content: [{ text: 'x' }] }],
    ['a text node without text', { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text' }] }] }],
    ['content that is not a list', { type: 'doc', version: 1, content: [{ type: 'paragraph', content: 'x' }] }],
    ['a nested doc', { type: 'doc', version: 1, content: [{ type: 'doc', version: 1, content: [] }] }],
  ])('rejects %s', (_name, value) => {
    expect(isAdfDocument(value)).toBe(false);
  });

  it('rejects a document nested deeper than any editor makes, without recursion', () => {
    let node: Record<string, unknown> = { type: 'text', text: 'deep' };
    for (let i = 0; i < 10_000; i += 1) node = { type: 'blockquote', content: [node] };
    expect(isAdfDocument({ type: 'doc', version: 1, content: [node] })).toBe(false);
  });
});

describe('the router', () => {
  const route = createRouter([
    { method: 'GET', template: '/a/{id}', handler: () => ({ status: 200 }) },
    { method: 'PUT', template: '/a/{id}', handler: () => ({ status: 204 }) },
    { method: 'GET', template: '/a/{id}/b', handler: () => ({ status: 200 }) },
  ]);

  it('matches templates and decodes parameters', () => {
    expect(route('GET', '/a/RF%2D1')).toMatchObject({ kind: 'found', params: { id: 'RF-1' } });
    expect(route('GET', '/a/x/b/')).toMatchObject({ kind: 'found', params: { id: 'x' } });
  });

  it('tells an unknown path from a method the path does not take', () => {
    expect(route('GET', '/a')).toEqual({ kind: 'not-found' });
    expect(route('GET', '/a/x/c')).toEqual({ kind: 'not-found' });
    expect(route('GET', '/a/%E0%A4%A')).toEqual({ kind: 'not-found' });
    expect(route('DELETE', '/a/x')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'PUT'] });
  });
});
