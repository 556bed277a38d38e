import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByStoredBytes, storedStringBytes } from '../../../src/app/rules/text-chunks.js';

const storedBytes = (text: string): number => Buffer.byteLength(JSON.stringify(text), 'utf8');
// Quotes, backslashes, control characters, multi-byte letters, emoji (surrogate pairs) and lone surrogates.
const awkward = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', 'é', '✓', '😀', '\ud800', '\udc00', '\u2028'), maxLength: 400 });
const anyText = fc.oneof(awkward, fc.string({ unit: 'binary', maxLength: 400 }));

describe('splitByStoredBytes', () => {
  it('measures the stored size exactly', () => {
    fc.assert(fc.property(anyText, (text) => storedStringBytes(text) === storedBytes(text)));
  });

  it('cuts pieces that each fit, and that join back to the text', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 8, max: 64 }), (text, max) => {
        const pieces = splitByStoredBytes(text, max);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) expect(storedBytes(piece)).toBeLessThanOrEqual(max);
        // No piece is empty unless the text is, and no piece could have taken the next character too.
        if (text !== '') expect(pieces.every((piece) => piece !== '')).toBe(true);
        pieces.slice(1).forEach((next, i) => {
          const first = String.fromCodePoint(next.codePointAt(0) ?? 0);
          expect(storedBytes(`${pieces[i] ?? ''}${first}`)).toBeGreaterThan(max);
        });
        return true;
      }),
    );
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(50);
    for (const piece of splitByStoredBytes(text, 15)) expect(piece).toMatch(/^(?:😀)+$/u);
  });

  it('fills each piece before starting the next', () => {
    expect(splitByStoredBytes('abcdefghij', 12)).toEqual(['abcdefghij']);
    expect(splitByStoredBytes('"abcdefghij', 12)).toEqual(['"abcdefgh', 'ij']);
    expect(splitByStoredBytes('', 12)).toEqual(['']);
  });
});
