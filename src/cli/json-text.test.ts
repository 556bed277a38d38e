import { describe, expect, it } from 'vitest';
import { findSyntaxError, parseJsonText } from './json-text.js';

describe('parseJsonText', () => {
  it('accepts a UTF-8 byte order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('names the line and column of the first bad character', () => {
    expect(parseJsonText('{\n  "a": 1,\n}')).toMatchObject({ ok: false, issue: { path: '', code: 'NOT_JSON', message: expect.stringContaining('(line 3, column 1)') as unknown } });
  });
});

describe('findSyntaxError', () => {
  it.each([
    ['{"a": }', 6],
    ['{"a":1,}', 7],
    ['', 0],
    ['{"a":1', 6],
    ['[1, 2] x', 7],
    ['{"a": "x\ny"}', 8],
    ['[01]', 2],
    ['[tru]', 4],
    ['{"a": "\\q"}', 8],
  ])('finds the first bad character of %j at %i', (text, offset) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(findSyntaxError(text)).toBe(offset);
  });

  it('finds nothing wrong with JSON that parses', () => {
    expect(findSyntaxError(JSON.stringify({ a: [1, -2.5e3, true, false, null, 'é\n"\u0001'], b: {} }))).toBeUndefined();
  });
});
