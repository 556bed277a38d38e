/**
 * What every implementation of the storage port must do, written once (hono's router-test model): the in-memory
 * store and the Forge adapter over the local emulator both run it. Entities are manifest.yml's. Codes of refused
 * writes are Forge's (the emulator's, docs/decisions/0008-local-storage-emulation.md).
 */
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/ports/errors.js';
import type { EntityQuery, Item, ItemRef, StoragePort, TransactOp } from '../../src/ports/storage.js';

export type StoragePortHarness = {
  port: StoragePort;
  /** Moves the store's clock forward (TTL expiry). */
  advance(ms: number): void;
};

const exec = (key: string): ItemRef => ({ key, entity: 'execution' });
const execution = (id: string, ruleId: string | undefined, startedAt: string) => ({
  executionId: id,
  ...(ruleId === undefined ? {} : { ruleId }),
  ruleVersion: 1,
  status: 'matched',
  startedAt,
});
const counter = (key: string): ItemRef => ({ key, entity: 'rule-counter' });

async function refused(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(PermanentError);
  await expect(promise).rejects.toMatchObject({ code, retryable: false });
}

/** Every page of a query, following cursors to the end. */
async function allPages<T>(port: StoragePort, query: EntityQuery): Promise<{ pages: number; items: Item<T>[] }> {
  const items: Item<T>[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await port.query<T>(cursor === undefined ? query : { ...query, cursor });
    pages += 1;
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined && pages < 50);
  return { pages, items };
}

/** r1: 7 executions on 2026-03-0N, two of them at the same instant; r2: 3; one without a rule. */
async function seedExecutions(port: StoragePort): Promise<void> {
  const writes: [string, string | undefined, string][] = [
    ['x05', 'r1', '2026-03-05T10:00:00Z'], ['x01', 'r1', '2026-03-01T10:00:00Z'], ['x07', 'r1', '2026-03-07T10:00:00Z'],
    ['x03b', 'r1', '2026-03-03T10:00:00Z'], ['x03a', 'r1', '2026-03-03T10:00:00Z'], ['x02', 'r1', '2026-03-02T10:00:00Z'],
    ['x06', 'r1', '2026-03-06T10:00:00Z'], ['y01', 'r2', '2026-03-01T11:00:00Z'], ['y02', 'r2', '2026-03-02T11:00:00Z'],
    ['y03', 'r2', '2026-03-04T11:00:00Z'], ['z01', undefined, '2026-03-04T12:00:00Z'],
  ];
  for (const [id, rule, at] of writes) await port.set(exec(id), execution(id, rule, at));
}

export function storagePortContract(name: string, make: () => StoragePortHarness): void {
  describe(`storage port contract: ${name}`, () => {
    it('gets, sets, overwrites and deletes plain keys and entity items, which live apart', async () => {
      const { port } = make();
      expect(await port.get({ key: 'k1' })).toBeUndefined();
      await port.set({ key: 'k1' }, { a: 1 });
      await port.set(counter('k1'), { ruleId: 'r1', runs: 1 });
      await port.set({ key: 'k1' }, ['a', 2]);
      expect(await port.get({ key: 'k1' })).toEqual(['a', 2]);
      expect(await port.get(counter('k1'))).toEqual({ ruleId: 'r1', runs: 1 });
      await port.delete({ key: 'k1' });
      await port.delete({ key: 'k1' });
      expect(await port.get({ key: 'k1' })).toBeUndefined();
      expect(await port.get(counter('k1'))).toEqual({ ruleId: 'r1', runs: 1 });
    });

    it('keeps values apart from what callers hold', async () => {
      const { port } = make();
      const value = { nested: { list: [1, 2] } };
      await port.set({ key: 'v' }, value);
      value.nested.list.push(3);
      const read = await port.get<typeof value>({ key: 'v' });
      read?.nested.list.push(4);
      expect(await port.get({ key: 'v' })).toEqual({ nested: { list: [1, 2] } });
    });

    it('creates only what does not exist yet', async () => {
      const { port } = make();
      expect(await port.create(counter('c'), { ruleId: 'r1', runs: 1 })).toBe(true);
      expect(await port.create(counter('c'), { ruleId: 'r1', runs: 2 })).toBe(false);
      expect(await port.get(counter('c'))).toEqual({ ruleId: 'r1', runs: 1 });
      expect(await port.create({ key: 'c' }, 'plain')).toBe(true);
      await port.delete(counter('c'));
      expect(await port.create(counter('c'), { ruleId: 'r1', runs: 3 })).toBe(true);
    });

    it('expires items after their TTL, everywhere, and a later set without TTL keeps the item', async () => {
      const h = make();
      await h.port.set({ key: 'ttl:a' }, 'a', { ttlSeconds: 60 });
      await h.port.set({ key: 'ttl:b' }, 'b', { ttlSeconds: 60 });
      await h.port.set({ key: 'ttl:b' }, 'b2');
      await h.port.set(exec('t1'), execution('t1', 'r1', '2026-03-01T00:00:00Z'), { ttlSeconds: 120 });
      h.advance(59_000);
      expect(await h.port.get({ key: 'ttl:a' })).toBe('a');
      h.advance(1_000);
      expect(await h.port.get({ key: 'ttl:a' })).toBeUndefined();
      expect((await h.port.listKeys('ttl:')).items).toEqual([{ key: 'ttl:b', value: 'b2' }]);
      expect(await h.port.create({ key: 'ttl:a' }, 'again')).toBe(true);
      expect((await h.port.query({ entity: 'execution', index: 'by-rule-time', partition: ['r1'] })).items).toHaveLength(1);
      h.advance(60_000);
      expect(await h.port.getMany([exec('t1')])).toEqual([undefined]);
      expect((await h.port.query({ entity: 'execution', index: 'by-rule-time', partition: ['r1'] })).items).toEqual([]);
    });

    it('getMany answers in the order asked, with absences and repeats', async () => {
      const { port } = make();
      expect(await port.getMany([])).toEqual([]);
      await port.set({ key: 'g1' }, 1);
      await port.set(counter('g1'), { ruleId: 'r9' });
      expect(await port.getMany([counter('g1'), { key: 'none' }, { key: 'g1' }, counter('none'), { key: 'g1' }])).toEqual([{ ruleId: 'r9' }, undefined, 1, undefined, 1]);
    });

    it('queries a partition by range, newest first, paging through cursors to the end, each item once', async () => {
      const { port } = make();
      await seedExecutions(port);
      const query: EntityQuery = { entity: 'execution', index: 'by-rule-time', partition: ['r1'], sort: 'DESC', limit: 3 };
      const { pages, items } = await allPages(port, query);
      expect(items.map((item) => item.key)).toEqual(['x07', 'x06', 'x05', 'x03b', 'x03a', 'x02', 'x01']);
      expect(pages).toBe(3);
      expect(items[0]?.value).toEqual(execution('x07', 'r1', '2026-03-07T10:00:00Z'));
      const ascending = await port.query({ ...query, sort: 'ASC', limit: 100 });
      expect(ascending.items.map((item) => item.key)).toEqual(['x01', 'x02', 'x03a', 'x03b', 'x05', 'x06', 'x07']);
      expect(ascending.cursor).toBeUndefined();
      expect((await port.query({ ...query, limit: 7 })).cursor).toBeUndefined();
    });

    it('applies range conditions to the range attribute and leaves out items lacking an index attribute', async () => {
      const { port } = make();
      await seedExecutions(port);
      const keys = async (query: Omit<EntityQuery, 'entity'>): Promise<string[]> =>
        (await port.query({ entity: 'execution', ...query })).items.map((item) => item.key);
      const r1 = { index: 'by-rule-time', partition: ['r1'] } as const;
      expect(await keys({ ...r1, range: { op: 'between', from: '2026-03-02', to: '2026-03-05T10:00:00Z' } })).toEqual(['x02', 'x03a', 'x03b', 'x05']);
      expect(await keys({ ...r1, range: { op: 'greaterThan', value: '2026-03-05T10:00:00Z' } })).toEqual(['x06', 'x07']);
      expect(await keys({ ...r1, range: { op: 'lessThanEqualTo', value: '2026-03-02T10:00:00Z' } })).toEqual(['x01', 'x02']);
      expect(await keys({ ...r1, range: { op: 'beginsWith', value: '2026-03-03' } })).toEqual(['x03a', 'x03b']);
      expect(await keys({ ...r1, range: { op: 'equalTo', value: '2026-03-06T10:00:00Z' } })).toEqual(['x06']);
      expect(await keys({ index: 'by-rule-time', partition: ['r3'] })).toEqual([]);
      expect(await keys({ index: 'by-time', range: { op: 'beginsWith', value: '2026-03-04' } })).toEqual(['y03', 'z01']);
      expect(await keys({ index: 'by-rule-time', partition: ['r2'], sort: 'DESC' })).toEqual(['y03', 'y02', 'y01']);
    });

    it('lists plain keys by prefix in key order, a page at a time', async () => {
      const { port } = make();
      for (const key of ['job:3', 'job:10', 'job:1', 'jobs', 'other', 'job:2']) await port.set({ key }, key.toUpperCase());
      await port.set(counter('job:9'), { ruleId: 'r1' });
      const first = await port.listKeys('job:', { limit: 2 });
      expect(first.items).toEqual([{ key: 'job:1', value: 'JOB:1' }, { key: 'job:10', value: 'JOB:10' }]);
      const second = await port.listKeys('job:', { limit: 2, ...(first.cursor === undefined ? {} : { cursor: first.cursor }) });
      expect(second.items.map((item) => item.key)).toEqual(['job:2', 'job:3']);
      expect(second.cursor).toBeUndefined();
      expect((await port.listKeys('')).items.map((item) => item.key)).toEqual(['job:1', 'job:10', 'job:2', 'job:3', 'jobs', 'other']);
    });

    it('commits a transaction whole: sets, deletes and TTLs together', async () => {
      const h = make();
      await h.port.set(counter('old'), { ruleId: 'r1', runs: 1 });
      const ops: TransactOp[] = [
        { op: 'set', ref: counter('new'), value: { ruleId: 'r1', runs: 1 }, options: { ttlSeconds: 10 } },
        { op: 'set', ref: { key: 'plain' }, value: 'p' },
        { op: 'delete', ref: counter('old') },
      ];
      expect(await h.port.transact(ops)).toEqual({ ok: true });
      expect(await h.port.getMany([counter('new'), { key: 'plain' }, counter('old')])).toEqual([{ ruleId: 'r1', runs: 1 }, 'p', undefined]);
      h.advance(10_000);
      expect(await h.port.get(counter('new'))).toBeUndefined();
    });

    it('writes nothing when one condition fails', async () => {
      const { port } = make();
      await port.set(counter('a'), { ruleId: 'r1', runs: 5 });
      const result = await port.transact([
        { op: 'set', ref: counter('b'), value: { ruleId: 'r1', runs: 1 } },
        { op: 'delete', ref: { key: 'keep' } },
        { op: 'set', ref: counter('a'), value: { ruleId: 'r1', runs: 6 }, condition: { attribute: 'runs', equalTo: 4 } },
      ]);
      expect(result).toEqual({ ok: false, code: 'CONDITION_FAILED' });
      expect(await port.getMany([counter('a'), counter('b')])).toEqual([{ ruleId: 'r1', runs: 5 }, undefined]);
    });

    it('uses notExists as "create if absent" and equalTo as optimistic concurrency', async () => {
      const { port } = make();
      const claim = (state: string): TransactOp => ({ op: 'set', ref: { key: 'c1', entity: 'run-claim' }, value: { ruleId: 'r1', state }, condition: { attribute: 'state', notExists: true } });
      expect(await port.transact([claim('first')])).toEqual({ ok: true });
      expect(await port.transact([claim('second')])).toEqual({ ok: false, code: 'CONDITION_FAILED' });
      const bump = (from: number): TransactOp => ({ op: 'set', ref: { key: 'rule1', entity: 'rule' }, value: { ruleId: 'rule1', version: from + 1 }, condition: { attribute: 'version', equalTo: from } });
      await port.set({ key: 'rule1', entity: 'rule' }, { ruleId: 'rule1', version: 1 });
      expect(await port.transact([bump(1)])).toEqual({ ok: true });
      expect(await port.transact([bump(1)])).toEqual({ ok: false, code: 'CONDITION_FAILED' });
      const checked: TransactOp[] = [
        { op: 'check', ref: { key: 'rule1', entity: 'rule' }, condition: { attribute: 'version', equalTo: 2 } },
        { op: 'delete', ref: { key: 'c1', entity: 'run-claim' }, condition: { attribute: 'state', equalTo: 'first' } },
      ];
      expect(await port.transact(checked)).toEqual({ ok: true });
      expect(await port.get({ key: 'c1', entity: 'run-claim' })).toBeUndefined();
      expect(await port.get({ key: 'rule1', entity: 'rule' })).toEqual({ ruleId: 'rule1', version: 2 });
    });

    it('refuses transactions over 25 operations or 4 MB, or naming an item twice, writing nothing; an empty one is a no-op', async () => {
      const { port } = make();
      const many = Array.from({ length: 26 }, (_, i): TransactOp => ({ op: 'set', ref: { key: `t${String(i)}` }, value: i }));
      await refused(port.transact(many), 'TOO_MANY_TRANSACTION_OPERATIONS');
      expect(await port.transact(many.slice(0, 25))).toEqual({ ok: true });
      await refused(port.transact([{ op: 'set', ref: { key: 'd' }, value: 1 }, { op: 'delete', ref: { key: 'd' } }]), 'DUPLICATE_TRANSACTION_KEYS');
      const heavy = Array.from({ length: 21 }, (_, i): TransactOp => ({ op: 'set', ref: { key: `h${String(i)}` }, value: 'x'.repeat(200 * 1024) }));
      await refused(port.transact(heavy), 'PAYLOAD_TOO_LARGE');
      expect(await port.transact([])).toEqual({ ok: true });
      expect(await port.getMany([{ key: 'd' }, { key: 't25' }, { key: 'h0' }])).toEqual([undefined, undefined, undefined]);
    });

    it('refuses what Forge refuses, with Forge’s codes', async () => {
      const { port } = make();
      await refused(port.set({ key: 'bad key!' }, 1), 'INVALID_KEY');
      await refused(port.set({ key: '' }, 1), 'EMPTY_KEY');
      await refused(port.get({ key: 'k'.repeat(501) }), 'KEY_TOO_LONG');
      await port.set({ key: 'k'.repeat(500) }, 'x'.repeat(240 * 1024 - 2));
      await refused(port.set({ key: 'big' }, 'x'.repeat(240 * 1024 - 1)), 'MAX_SIZE');
      await refused(port.set({ key: 't' }, 1, { ttlSeconds: 0 }), 'INVALID_TTL');
      await refused(port.get({ key: 'k', entity: 'no-such-entity' }), 'INVALID_ENTITY_TYPE');
      await refused(port.set(counter('k'), { ruleId: 'r1', undeclared: 1 }), 'INVALID_ENTITY_VALUE');
      await refused(port.set(counter('k'), { ruleId: 'r1', runs: 2 ** 31 }), 'INVALID_ENTITY_VALUE');
      await refused(port.create(counter('k'), { ruleId: 7 }), 'INVALID_ENTITY_VALUE');
      await refused(port.getMany([{ key: 'fine' }, { key: 'bad key!' }]), 'INVALID_KEY');
      await refused(port.getMany([{ key: 'fine' }, { key: 'k', entity: 'no-such-entity' }]), 'INVALID_ENTITY_TYPE');
      await refused(port.getMany(Array.from({ length: 26 }, (_, i) => ({ key: `m${String(i)}` }))), 'TOO_MANY_BATCH_ITEMS');
      await refused(port.query({ entity: 'execution', index: 'by-nothing' }), 'INVALID_ENTITY_INDEX');
      await refused(port.query({ entity: 'execution', index: 'by-rule-time' }), 'INVALID_ENTITY_INDEX');
      for (const limit of [0, 101, 2.5]) {
        await refused(port.query({ entity: 'execution', index: 'by-time', limit }), 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
        await refused(port.listKeys('', { limit }), 'QUERY_PAGE_LIMIT_NOT_IN_RANGE');
      }
      expect(await port.get({ key: 'big' })).toBeUndefined();
    });
  });
}
