/**
 * The storage contract, through the real @forge/kvs SDK and the runtime globals: one suite, run against every store
 * a factory can open (in memory, file-backed).
 */
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, MetadataField, Sort, WhereConditions } from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../../../src/local/runtime/clock.js';
import { type ForgeGlobals, installForgeGlobals } from '../../../src/local/runtime/forge-globals.js';
import type { StorageEmulator } from '../../../src/local/storage/index.js';
import { type SlaRecord, START } from './fixtures/entities.js';

export type StoreFactory = (clock: Clock) => { storage: StorageEmulator; dispose(): void };

/** The code of the ForgeKvsAPIError the call rejects with ('NO_ERROR' when it resolves). */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'NO_ERROR';
  } catch (error) {
    if (!(error instanceof ForgeKvsAPIError)) throw error;
    return error.code;
  }
}

const sla = () => kvs.entity<SlaRecord>('sla-record');

export function storageContract(name: string, factory: StoreFactory): void {
  describe(`storage contract (${name})`, () => {
    let clock: Clock;
    let opened: ReturnType<StoreFactory>;
    let globals: ForgeGlobals;

    beforeEach(() => {
      clock = new Clock({ start: START, frozen: true });
      opened = factory(clock);
      globals = installForgeGlobals({ kvs: opened.storage });
    });
    afterEach(() => {
      globals.uninstall();
      opened.dispose();
    });

    describe('key-value', () => {
      it('stores every JSON value type and answers a missing key with undefined', async () => {
        const values = { s: 'text', n: 42.5, b: false, o: { nested: [1, { deep: true }] }, a: ['x', 2] };
        for (const [key, value] of Object.entries(values)) await kvs.set(key, value);
        for (const [key, value] of Object.entries(values)) expect(await kvs.get(key)).toEqual(value);
        expect(await kvs.get('missing')).toBeUndefined();
      });

      it('returns metadata: createdAt/updatedAt in epoch seconds, expireTime as ISO', async () => {
        await kvs.set('meta', 1);
        clock.advance(5_000);
        await kvs.set('meta', 2, { ttl: { value: 2, unit: 'HOURS' } });
        const all = [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME];
        expect(await kvs.get('meta', { metadataFields: all })).toEqual({
          key: 'meta',
          value: 2,
          createdAt: START / 1000,
          updatedAt: START / 1000 + 5,
          expireTime: '2026-01-01T02:00:05Z',
        });
        expect(await kvs.get('meta', { metadataFields: [MetadataField.UPDATED_AT] })).toEqual({ key: 'meta', value: 2, updatedAt: START / 1000 + 5 });
      });

      it('expires a TTL item on the runtime clock: gone from get, query and FAIL_IF_EXISTS', async () => {
        await kvs.set('ttl:a', 'soon', { ttl: { value: 30, unit: 'SECONDS' } });
        await kvs.set('ttl:b', 'kept');
        clock.advance(29_999);
        expect(await kvs.get('ttl:a')).toBe('soon');
        clock.advance(1);
        expect(await kvs.get('ttl:a')).toBeUndefined();
        expect((await kvs.query().where('key', WhereConditions.beginsWith('ttl:')).getMany()).results.map((r) => r.key)).toEqual(['ttl:b']);
        await kvs.set('ttl:a', 'again', { keyPolicy: 'FAIL_IF_EXISTS' });
        expect(await kvs.get('ttl:a')).toBe('again');
      });

      it('a set without ttl clears an earlier ttl', async () => {
        await kvs.set('k', 1, { ttl: { value: 1, unit: 'MINUTES' } });
        await kvs.set('k', 2);
        clock.advance(3_600_000);
        expect(await kvs.get('k')).toBe(2);
      });

      it('keyPolicy FAIL_IF_EXISTS refuses an existing key with KEY_ALREADY_EXISTS', async () => {
        await kvs.set('once', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
        expect(await codeOf(kvs.set('once', 2, { keyPolicy: 'FAIL_IF_EXISTS' }))).toBe('KEY_ALREADY_EXISTS');
        expect(await kvs.get('once')).toBe(1);
        await kvs.set('once', 3, { keyPolicy: 'OVERRIDE' });
        expect(await kvs.get('once')).toBe(3);
      });

      it('returnValue PREVIOUS and LATEST', async () => {
        expect(await kvs.set('rv', 'first', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
        clock.advance(2_000);
        expect(await kvs.set('rv', 'second', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS', returnMetadataFields: [MetadataField.UPDATED_AT] }))
          .toEqual({ key: 'rv', value: 'first', updatedAt: START / 1000 });
        expect(await kvs.set('rv', 'third', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: [MetadataField.CREATED_AT] }))
          .toEqual({ key: 'rv', value: 'third', createdAt: START / 1000 });
      });

      it('deletes, and deleting a missing key does not throw', async () => {
        await kvs.set('gone', true);
        await kvs.delete('gone');
        expect(await kvs.get('gone')).toBeUndefined();
        await expect(kvs.delete('never-there')).resolves.toBeUndefined();
      });

      it('queries keys in ascending order with BEGINS_WITH, limit and cursors', async () => {
        const keys = ['rule:c', 'rule:a', 'other:x', 'rule:b', 'rule:e', 'rule:d'];
        for (const key of keys) await kvs.set(key, key.toUpperCase());
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const builder = kvs.query().where('key', WhereConditions.beginsWith('rule:')).limit(2);
          const page = await (cursor === undefined ? builder : builder.cursor(cursor)).getMany<string>();
          seen.push(...page.results.map((r) => r.key));
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== undefined && pages < 10);
        expect(seen).toEqual(['rule:a', 'rule:b', 'rule:c', 'rule:d', 'rule:e']);
        expect(pages).toBe(3);
        expect((await kvs.query().getMany()).results).toHaveLength(6);
        expect(await kvs.query().where('key', WhereConditions.beginsWith('other')).getOne()).toEqual({ key: 'other:x', value: 'OTHER:X' });
        expect(await kvs.query().where('key', WhereConditions.beginsWith('none')).getOne()).toBeUndefined();
      });

      it('defaults to 10 results and refuses limits outside 1..100', async () => {
        for (let i = 0; i < 12; i++) await kvs.set(`n:${String(i).padStart(2, '0')}`, i);
        const first = await kvs.query().getMany();
        expect(first.results).toHaveLength(10);
        expect(first.nextCursor).toBeTypeOf('string');
        expect(await codeOf(kvs.query().limit(0).getMany())).toBe('QUERY_PAGE_LIMIT_NOT_IN_RANGE');
        expect(await codeOf(kvs.query().limit(101).getMany())).toBe('QUERY_PAGE_LIMIT_NOT_IN_RANGE');
        expect(await codeOf(kvs.query().cursor('not a cursor').getMany())).toBe('INVALID_CURSOR');
      });

      it('keeps secrets apart: not readable with get, not queryable', async () => {
        await kvs.setSecret('token', { secret: 's3cr3t' });
        await kvs.set('token', 'public');
        expect(await kvs.getSecret('token')).toEqual({ secret: 's3cr3t' });
        expect(await kvs.get('token')).toBe('public');
        expect((await kvs.query().getMany()).results).toEqual([{ key: 'token', value: 'public' }]);
        await kvs.deleteSecret('token');
        expect(await kvs.getSecret('token')).toBeUndefined();
        expect(await kvs.get('token')).toBe('public');
      });

      it('surfaces key and value limits as ForgeKvsAPIError codes', async () => {
        expect(await codeOf(kvs.set('', 1))).toBe('EMPTY_KEY');
        expect(await codeOf(kvs.get('k'.repeat(501)))).toBe('KEY_TOO_LONG');
        expect(await codeOf(kvs.set('a/b', 1))).toBe('INVALID_KEY');
        expect(await codeOf(kvs.set('big', 'x'.repeat(240 * 1024)))).toBe('MAX_SIZE');
        let deep: unknown = {};
        for (let i = 0; i < 40; i++) deep = { d: deep };
        expect(await codeOf(kvs.set('deep', deep))).toBe('MAX_DEPTH');
        const error = await kvs.set('a/b', 1).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ForgeKvsAPIError);
        expect((error as ForgeKvsAPIError).responseDetails.status).toBe(400);
      });
    });

    describe('custom entities', () => {
      const seed = async () => {
        const records: [string, SlaRecord][] = [
          ['OPS-1', { issueKey: 'OPS-1', projectKey: 'OPS', dueAt: 30, breached: false, labels: ['vip', 'eu'] }],
          ['OPS-2', { issueKey: 'OPS-2', projectKey: 'OPS', dueAt: 10, breached: true, labels: ['eu'] }],
          ['OPS-3', { issueKey: 'OPS-3', projectKey: 'OPS', dueAt: 20, breached: true, score: 0.5 }],
          ['OPS-4', { issueKey: 'OPS-4', projectKey: 'OPS', dueAt: 20, breached: false }],
          ['DEV-1', { issueKey: 'DEV-1', projectKey: 'DEV', dueAt: 15, breached: true }],
          ['OPS-9', { issueKey: 'OPS-9', projectKey: 'OPS' }],
        ];
        for (const [key, value] of records) await sla().set(key, value);
      };
      const keys = (page: { results: { key: string }[] }) => page.results.map((r) => r.key);
      const byDue = () => sla().query().index('by-project-due', { partition: ['OPS'] });

      it('sets, gets with metadata and deletes an entity', async () => {
        await sla().set('OPS-1', { issueKey: 'OPS-1', dueAt: 5 });
        expect(await sla().get('OPS-1')).toEqual({ issueKey: 'OPS-1', dueAt: 5 });
        expect(await sla().get('OPS-1', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'OPS-1', value: { issueKey: 'OPS-1', dueAt: 5 }, createdAt: START / 1000 });
        expect(await kvs.get('OPS-1')).toBeUndefined();
        await sla().delete('OPS-1');
        expect(await sla().get('OPS-1')).toBeUndefined();
      });

      it('checks names and values against the declared entity', async () => {
        expect(await codeOf(kvs.entity('undeclared').set('k', {}))).toBe('INVALID_ENTITY_TYPE');
        expect(await codeOf(kvs.entity('ab').get('k'))).toBe('ENTITY_TYPE_TOO_SHORT');
        expect(await codeOf(sla().set('k', { dueAt: 2 ** 31 }))).toBe('INVALID_ENTITY_VALUE');
        expect(await codeOf(sla().set('k', { dueAt: 1.5 }))).toBe('INVALID_ENTITY_VALUE');
        expect(await codeOf(sla().set('k', { breached: 'yes' } as unknown as SlaRecord))).toBe('INVALID_ENTITY_VALUE');
        expect(await codeOf(sla().set('k', { unknownAttr: 1 } as unknown as SlaRecord))).toBe('INVALID_ENTITY_VALUE');
        expect(await codeOf(sla().set('k', { dueAt: -(2 ** 31), score: 1e300, labels: { any: [null] } }))).toBe('NO_ERROR');
      });

      it('queries a partitioned index in range order, with key as tie-breaker, ASC and DESC', async () => {
        await seed();
        expect(keys(await byDue().getMany())).toEqual(['OPS-2', 'OPS-3', 'OPS-4', 'OPS-1']);
        expect(keys(await byDue().sort(Sort.DESC).getMany())).toEqual(['OPS-1', 'OPS-4', 'OPS-3', 'OPS-2']);
        expect(keys(await sla().query().index('by-project-due', { partition: ['DEV'] }).getMany())).toEqual(['DEV-1']);
        expect(keys(await sla().query().index('issueKey').where(WhereConditions.beginsWith('OPS-')).getMany()))
          .toEqual(['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-9']);
      });

      it.each([
        ['between', WhereConditions.between(15, 25), ['OPS-3', 'OPS-4']],
        ['equalTo', WhereConditions.equalTo(20), ['OPS-3', 'OPS-4']],
        ['greaterThan', WhereConditions.greaterThan(20), ['OPS-1']],
        ['greaterThanEqualTo', WhereConditions.greaterThanEqualTo(20), ['OPS-3', 'OPS-4', 'OPS-1']],
        ['lessThan', WhereConditions.lessThan(20), ['OPS-2']],
        ['lessThanEqualTo', WhereConditions.lessThanEqualTo(20), ['OPS-2', 'OPS-3', 'OPS-4']],
      ])('range condition %s', async (_name, condition, expected) => {
        await seed();
        expect(keys(await byDue().where(condition).getMany())).toEqual(expected);
      });

      it.each([
        ['and equalTo', new Filter<SlaRecord>().and('breached', FilterConditions.equalTo(true)), ['OPS-2', 'OPS-3']],
        ['and notEqualTo + exists', new Filter<SlaRecord>().and('breached', FilterConditions.notEqualTo(true)).and('labels', FilterConditions.exists()), ['OPS-1']],
        ['or', new Filter<SlaRecord>().or('score', FilterConditions.exists()).or('labels', FilterConditions.contains('vip')), ['OPS-3', 'OPS-1']],
        ['notContains', new Filter<SlaRecord>().and('labels', FilterConditions.notContains('vip')), ['OPS-2', 'OPS-3', 'OPS-4']],
        ['notExists', new Filter<SlaRecord>().and('labels', FilterConditions.notExists()), ['OPS-3', 'OPS-4']],
        ['beginsWith', new Filter<SlaRecord>().and('issueKey', FilterConditions.beginsWith('OPS-3')), ['OPS-3']],
        ['contains on a string', new Filter<SlaRecord>().and('issueKey', FilterConditions.contains('-4')), ['OPS-4']],
      ])('filter %s', async (_name, filter, expected) => {
        await seed();
        expect(keys(await byDue().filters(filter).getMany())).toEqual(expected);
      });

      it('pages with cursors in both directions and excludes expired entities', async () => {
        await seed();
        await sla().set('OPS-0', { issueKey: 'OPS-0', projectKey: 'OPS', dueAt: 1 });
        await kvs.batchSet([{ key: 'OPS-5', entityName: 'sla-record', value: { projectKey: 'OPS', dueAt: 25 }, options: { ttl: { value: 1, unit: 'SECONDS' } } }]);
        clock.advance(1_000);
        for (const [sort, expected] of [[Sort.ASC, ['OPS-0', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-1']], [Sort.DESC, ['OPS-1', 'OPS-4', 'OPS-3', 'OPS-2', 'OPS-0']]] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const query = byDue().sort(sort).limit(2);
            const page = await (cursor === undefined ? query : query.cursor(cursor)).getMany();
            seen.push(...keys(page));
            cursor = page.nextCursor;
          } while (cursor !== undefined && seen.length < 20);
          expect(seen).toEqual(expected);
        }
        expect(await byDue().getOne()).toEqual({ key: 'OPS-0', value: { issueKey: 'OPS-0', projectKey: 'OPS', dueAt: 1 } });
      });

      it('refuses unknown indexes, missing partitions, bad limits and bad filters with Forge codes', async () => {
        await seed();
        expect(await codeOf(sla().query().index('nope').getMany())).toBe('INVALID_ENTITY_INDEX');
        expect(await codeOf(sla().query().index('by-project-due').getMany())).toBe('INVALID_ENTITY_INDEX');
        expect(await codeOf(byDue().limit(0).getMany())).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
        expect(await codeOf(byDue().limit(101).getMany())).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
        expect(await codeOf(byDue().limit(100).getMany())).toBe('NO_ERROR');
        expect(await codeOf(byDue().filters(new Filter<SlaRecord>().and('dueAt', { condition: 'BETWEEN', values: [1] } as never)).getMany()))
          .toBe('INSUFFICIENT_FILTER_VALUES');
        expect(await codeOf(kvs.entity('undeclared').query().index('x').getMany())).toBe('INVALID_ENTITY_TYPE');
        const other = await sla().query().index('issueKey').limit(1).getMany();
        expect(await codeOf(byDue().cursor(other.nextCursor ?? '').getMany())).toBe('INVALID_CURSOR');
      });
    });

    describe('batches', () => {
      it('sets, gets and deletes KVS keys and entities with partial success', async () => {
        const set = await kvs.batchSet<unknown>([
          { key: 'b1', value: 1 },
          { key: 'b1', entityName: 'sla-record', value: { dueAt: 1 } },
          { key: 'bad/key', value: 2 },
          { key: 'b2', entityName: 'sla-record', value: { dueAt: 'late' } },
        ]);
        expect(set.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b1', entityName: 'sla-record' }]);
        expect(set.failedKeys.map((f) => [f.key, f.entityName, f.error.code])).toEqual([
          ['bad/key', undefined, 'INVALID_KEY'],
          ['b2', 'sla-record', 'INVALID_ENTITY_VALUE'],
        ]);
        const got = await kvs.batchGet([{ key: 'b1' }, { key: 'b1', entityName: 'sla-record' }, { key: 'absent' }]);
        expect(got.successfulKeys).toEqual([{ key: 'b1', value: 1 }, { key: 'b1', entityName: 'sla-record', value: { dueAt: 1 } }]);
        expect(got.failedKeys).toEqual([{ key: 'absent', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) as string } }]);
        const deleted = await kvs.batchDelete([{ key: 'b1' }, { key: 'b1', entityName: 'sla-record' }]);
        expect(deleted.failedKeys).toEqual([]);
        expect(await kvs.get('b1')).toBeUndefined();
        expect(await sla().get('b1')).toBeUndefined();
      });

      it('fails a whole batch that is empty, too long or repeats a key', async () => {
        expect(await codeOf(kvs.batchSet([]))).toBe('EMPTY_BATCH');
        const many = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
        expect(await codeOf(kvs.batchSet(many))).toBe('TOO_MANY_BATCH_ITEMS');
        expect(await codeOf(kvs.batchSet(many.slice(0, 25)))).toBe('NO_ERROR');
        expect(await codeOf(kvs.batchGet([{ key: 'k1' }, { key: 'k1' }]))).toBe('DUPLICATE_BATCH_KEYS');
        expect(await codeOf(kvs.batchDelete([{ key: 'dup' }, { key: 'dup' }]))).toBe('DUPLICATE_BATCH_KEYS');
        expect(await kvs.get('k1')).toBe(1);
      });
    });

    describe('transactions', () => {
      it('applies sets, deletes and checks together', async () => {
        await sla().set('t1', { dueAt: 1, breached: false });
        await kvs.set('plain', 'old');
        await kvs
          .transact()
          .set<SlaRecord>('t2', { dueAt: 2 }, { entityName: 'sla-record', conditions: new Filter<SlaRecord>().and('dueAt', FilterConditions.notExists()) })
          .set('fresh', 'value', undefined, { ttl: { value: 1, unit: 'DAYS' } })
          .delete('plain')
          .check('t1', { entityName: 'sla-record', conditions: new Filter<SlaRecord>().and('breached', FilterConditions.equalTo(false)) })
          .execute();
        expect(await sla().get('t2')).toEqual({ dueAt: 2 });
        expect(await kvs.get('plain')).toBeUndefined();
        expect(await kvs.get('fresh', { metadataFields: [MetadataField.EXPIRE_TIME] })).toEqual({ key: 'fresh', value: 'value', expireTime: '2026-01-02T00:00:00Z' });
      });

      it('applies nothing when a condition fails', async () => {
        await sla().set('t1', { dueAt: 1, breached: true });
        await kvs.set('plain', 'old');
        const tx = kvs
          .transact()
          .set('plain', 'new')
          .delete('t1', { entityName: 'sla-record', conditions: new Filter<SlaRecord>().and('breached', FilterConditions.equalTo(false)) });
        expect(await codeOf(tx.execute())).toBe('CONDITION_CHECK_FAILED');
        expect(await kvs.get('plain')).toBe('old');
        expect(await sla().get('t1')).toEqual({ dueAt: 1, breached: true });
        const check = kvs.transact().set('x', 1).check('missing', { entityName: 'sla-record', conditions: new Filter<SlaRecord>().and('dueAt', FilterConditions.exists()) });
        expect(await codeOf(check.execute())).toBe('CONDITION_CHECK_FAILED');
        expect(await kvs.get('x')).toBeUndefined();
      });

      it('refuses repeated keys, more than 25 operations and invalid operations, applying nothing', async () => {
        expect(await codeOf(kvs.transact().set('k', 1).delete('k').execute())).toBe('DUPLICATE_TRANSACTION_KEYS');
        let tx = kvs.transact();
        for (let i = 0; i < 26; i++) tx = tx.set(`k${i}`, i);
        expect(await codeOf(tx.execute())).toBe('TOO_MANY_TRANSACTION_OPERATIONS');
        expect(await codeOf(kvs.transact().set('ok', 1).set('bad/key', 2).execute())).toBe('INVALID_KEY');
        expect(await codeOf(kvs.transact().set('ok', 1).set('e', { dueAt: 'x' }, { entityName: 'sla-record' }).execute())).toBe('INVALID_ENTITY_VALUE');
        expect(await kvs.get('ok')).toBeUndefined();
        expect(await kvs.get('k0')).toBeUndefined();
      });
    });
  });
}
