// The wire service on its own: routing, malformed requests, the never-throw promise, files and manifest entities.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../../../src/local/runtime/clock.js';
import { entitiesFromManifest, openStorage, type StorageEmulator } from '../../../src/local/storage/index.js';
import { START, TEST_MANIFEST, testEntities } from './fixtures/entities.js';
import { CALLER, post } from './fixtures/wire.js';

const PATHS = ['get', 'set', 'delete', 'query', 'secret/get', 'secret/set', 'secret/delete', 'entity/get', 'entity/set',
  'entity/delete', 'entity/query', 'batch/set', 'batch/get', 'batch/delete', 'transaction'].map((p) => `/api/v1/${p}`);

const open = (path = ':memory:', clock = new Clock({ start: START, frozen: true })): StorageEmulator =>
  openStorage({ path, entities: testEntities(), clock });

const codeOf = (body: string | undefined): unknown => (JSON.parse(body ?? '{}') as { code?: unknown }).code;

describe('KVS wire service', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  const memory = (): StorageEmulator => {
    const storage = open();
    cleanups.push(() => {
      storage.close();
    });
    return storage;
  };
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ruleforge-wire-'));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    return dir;
  };

  it('answers malformed JSON, wrong shapes, unknown paths and methods with codes', async () => {
    const storage = memory();
    const raw = (path: string, body: string | undefined, method = 'POST') => storage.handle({ path, method, headers: {}, body }, CALLER);
    expect(await raw('/api/v1/get', '{"key":')).toMatchObject({ status: 400 });
    expect(codeOf((await raw('/api/v1/get', '{"key":')).body)).toBe('INVALID_REQUEST_BODY');
    expect(codeOf((await raw('/api/v1/set', undefined)).body)).toBe('INVALID_REQUEST_BODY');
    expect(codeOf((await raw('/api/v1/get', '"just a string"')).body)).toBe('INVALID_REQUEST_BODY');
    expect(codeOf((await raw('/api/v1/query', '{"where":"key"}')).body)).toBe('INVALID_REQUEST_BODY');
    expect(await raw('/api/v1/nope', '{}')).toMatchObject({ status: 404 });
    expect(codeOf((await raw('/api/v1/nope', '{}')).body)).toBe('NOT_FOUND');
    expect(await raw('/api/v1/get', undefined, 'GET')).toMatchObject({ status: 405 });
  });

  it('never rejects: arbitrary JSON bodies on every path get a 2xx or a 4xx with a code', async () => {
    const storage = memory();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), fc.jsonValue(), async (path, body) => {
        const response = await storage.handle(post(path, body), CALLER);
        if (response.status >= 300) {
          expect(response.status).toBeLessThan(500);
          expect(codeOf(response.body)).toBeTypeOf('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never rejects on near-valid bodies either (Forge-shaped fields with hostile values)', async () => {
    const storage = memory();
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
    const condition = fc.record({
      property: fc.constantFrom('dueAt', 'issueKey', 'labels', 'nope'),
      condition: fc.constantFrom('BEGINS_WITH', 'BETWEEN', 'CONTAINS', 'EQUAL_TO', 'EXISTS', 'NOT_EXISTS', 'LESS_THAN', 'BOGUS'),
      values: fc.array(scalar, { maxLength: 3 }),
    }, { requiredKeys: [] });
    const item = fc.record({
      key: fc.oneof(fc.constantFrom('a', 'b', ''), fc.string({ maxLength: 4 }), fc.jsonValue()),
      value: fc.oneof(fc.jsonValue(), fc.record({ dueAt: scalar, issueKey: scalar, labels: fc.jsonValue() }, { requiredKeys: [] })),
      entityName: fc.constantFrom('sla-record', 'ab', 'unknown-entity', 5),
      options: fc.oneof(fc.jsonValue(), fc.record({
        ttl: fc.record({ value: scalar, unit: fc.constantFrom('SECONDS', 'DAYS', 'x') }, { requiredKeys: [] }),
        keyPolicy: fc.constantFrom('OVERRIDE', 'FAIL_IF_EXISTS', 'x'),
        returnValue: fc.constantFrom('PREVIOUS', 'LATEST'),
        metadataFields: fc.array(fc.constantFrom('CREATED_AT', 'EXPIRE_TIME', 'x')),
      }, { requiredKeys: [] })),
      conditions: fc.record({ and: fc.array(condition, { maxLength: 2 }), or: fc.array(condition, { maxLength: 2 }) }, { requiredKeys: [] }),
    }, { requiredKeys: [] });
    const query = fc.record({
      entityName: fc.constantFrom('sla-record', 'nope'),
      indexName: fc.constantFrom('issueKey', 'by-project-due', 'x'),
      partition: fc.oneof(fc.array(scalar, { maxLength: 2 }), scalar),
      range: condition,
      filters: fc.record({ and: fc.array(condition, { maxLength: 2 }), or: fc.array(condition, { maxLength: 2 }) }, { requiredKeys: [] }),
      sort: fc.constantFrom('ASC', 'DESC', 'x'),
      limit: scalar,
      cursor: fc.oneof(fc.string({ maxLength: 6 }), fc.constant('eyJ0IjoiZW50aXR5In0')),
      after: fc.string({ maxLength: 6 }),
      where: fc.array(condition, { maxLength: 2 }),
    }, { requiredKeys: [] });
    const body = fc.oneof(item, query, fc.array(item, { maxLength: 4 }), fc.record({ set: fc.array(item, { maxLength: 3 }), delete: fc.array(item, { maxLength: 2 }), check: fc.array(item, { maxLength: 2 }) }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), body, async (path, request) => {
        const response = await storage.handle(post(path, request), CALLER);
        if (response.status >= 300) {
          expect(response.status).toBeLessThan(500);
          expect(codeOf(response.body)).toBeTypeOf('string');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('turns an internal failure into 500 INTERNAL_SERVER_ERROR instead of throwing', async () => {
    const storage = open();
    storage.close();
    const response = await storage.handle(post('/api/v1/get', { key: 'k' }), CALLER);
    expect(response.status).toBe(500);
    expect(codeOf(response.body)).toBe('INTERNAL_SERVER_ERROR');
  });

  it('names the failed operations of a transaction in the error body', async () => {
    const storage = memory();
    const response = await storage.handle(post('/api/v1/transaction', {
      check: [{ key: 'a', entityName: 'sla-record', conditions: { and: [{ property: 'dueAt', condition: 'EXISTS', values: [true] }] } }],
    }), CALLER);
    expect(response.status).toBe(409);
    expect(JSON.parse(response.body ?? '')).toMatchObject({
      code: 'CONDITION_CHECK_FAILED',
      failedOperations: [{ operation: 'check[0]', key: 'a', entityName: 'sla-record' }],
    });
  });

  it('creates the file and its directory, in WAL mode with synchronous FULL, and keeps data across reopen', async () => {
    const path = join(tempDir(), 'a', 'b', 'store.sqlite');
    const first = open(path);
    expect((await first.handle(post('/api/v1/set', { key: 'k', value: { v: 1 } }), CALLER)).status).toBe(204);
    first.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const second = open(path);
    cleanups.push(() => {
      second.close();
    });
    expect(JSON.parse((await second.handle(post('/api/v1/get', { key: 'k' }), CALLER)).body ?? '')).toEqual({ key: 'k', value: { v: 1 } });
  });

  it('purges expired items lazily: on read, and on open', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const clock = new Clock({ start: START, frozen: true });
    const storage = open(path, clock);
    await storage.handle(post('/api/v1/set', { key: 'a', value: 1, options: { ttl: { value: 1, unit: 'SECONDS' } } }), CALLER);
    await storage.handle(post('/api/v1/set', { key: 'b', value: 1, options: { ttl: { value: 1, unit: 'SECONDS' } } }), CALLER);
    const rows = (): number => {
      const db = new Database(path, { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    clock.advance(1_000);
    expect((await storage.handle(post('/api/v1/get', { key: 'a' }), CALLER)).status).toBe(404);
    expect(rows()).toBe(1);
    storage.close();
    open(path, clock).close();
    expect(rows()).toBe(0);
  });
});

describe('entitiesFromManifest', () => {
  it('expands shorthand indexes and defaults partitions to none', () => {
    expect(testEntities()[0]?.indexes).toEqual([
      { name: 'issueKey', range: ['issueKey'], partition: [] },
      { name: 'by-project-due', range: ['dueAt'], partition: ['projectKey'] },
    ]);
    expect(testEntities()[0]?.attributes.dueAt).toEqual({ type: 'integer' });
    expect(entitiesFromManifest({ app: { ...TEST_MANIFEST.app, storage: { entities: [{ name: 'no-index', attributes: {} }] } } }))
      .toEqual([{ name: 'no-index', attributes: {}, indexes: [] }]);
  });

  it('answers [] for a manifest without entities and refuses a malformed one', () => {
    expect(entitiesFromManifest({ app: { id: 'x' } })).toEqual([]);
    expect(entitiesFromManifest({})).toEqual([]);
    expect(() => entitiesFromManifest({ app: { storage: { entities: [{ name: 'x', attributes: { a: { type: 'number' } } }] } } })).toThrow(/malformed/);
  });
});
