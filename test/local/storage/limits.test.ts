// Forge's limits as data (test/vectors/local/storage-limits.json), posted straight to the wire service.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { Clock } from '../../../src/local/runtime/clock.js';
import { openStorage } from '../../../src/local/storage/index.js';
import { START, testEntities } from './fixtures/entities.js';
import { CALLER, post } from './fixtures/wire.js';

const vectorFile = z.strictObject({
  description: z.string(),
  cases: z.array(z.strictObject({
    name: z.string(),
    path: z.string().startsWith('/api/v1/'),
    body: z.unknown(),
    expect: z.strictObject({ status: z.number().int(), code: z.string().optional() }),
  })),
});

const vectors = vectorFile.parse(JSON.parse(readFileSync(new URL('../../vectors/local/storage-limits.json', import.meta.url), 'utf8')));

/** Expands the vector generators ($repeat, $nest, $array); see the file's description. */
function expand(node: unknown, index?: number): unknown {
  if (typeof node === 'string') return index === undefined ? node : node.replaceAll('{i}', String(index));
  if (Array.isArray(node)) return node.map((item: unknown) => expand(item, index));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$repeat === 'string' && typeof record.times === 'number') return record.$repeat.repeat(record.times);
  if (typeof record.$nest === 'number') {
    let value: unknown = {};
    for (let level = 1; level < record.$nest; level++) value = { a: value };
    return value;
  }
  if (typeof record.$array === 'number') return Array.from({ length: record.$array }, (_, i) => expand(record.of, i));
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, expand(value, index)]));
}

describe('storage limits (vectors)', () => {
  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    const storage = openStorage({ path: ':memory:', entities: testEntities(), clock: new Clock({ start: START, frozen: true }) });
    try {
      const response = await storage.handle(post(vector.path, expand(vector.body)), CALLER);
      const body = response.body === undefined || response.body === '' ? undefined : (JSON.parse(response.body) as { code?: string });
      expect({ status: response.status, code: response.status >= 300 ? body?.code : undefined }).toEqual({ status: vector.expect.status, code: vector.expect.code });
    } finally {
      storage.close();
    }
  });

  it('the generators build what the vectors say', () => {
    expect(expand({ $repeat: 'ab', times: 3 })).toBe('ababab');
    expect(expand({ $nest: 2 })).toEqual({ a: {} });
    expect(expand({ $array: 2, of: { key: 'k{i}' } })).toEqual([{ key: 'k0' }, { key: 'k1' }]);
  });
});
