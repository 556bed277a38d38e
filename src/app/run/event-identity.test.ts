import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical } from './event-identity.js';

/** The recursive form run keys were first built on: the iterative one must keep its text exactly. */
function recursive(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursive).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursive(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

describe('canonical', () => {
  it('writes exactly the text of the recursive form for any JSON value, with undefined members', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(fc.property(value, (v) => { expect(canonical(v)).toBe(recursive(v)); }), { numRuns: 500 });
  });

  it('sorts keys, so the order keys arrive in does not matter', () => {
    expect(canonical({ b: 1, a: [{ d: null, c: 'x' }] })).toBe(canonical({ a: [{ c: 'x', d: null }], b: 1 }));
  });

  it('writes a payload nested 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { k: deep };
    const text = canonical(deep);
    expect(text.length).toBe(100_000 + 50_000 * 6 + 1);
    expect(text.startsWith('{"k":[{"k":[')).toBe(true);
  });
});
