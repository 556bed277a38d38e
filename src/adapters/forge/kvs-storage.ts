/**
 * The storage port on Forge: @forge/kvs 1.6.5 (KVS keys and the Custom Entity Store of manifest.yml). Limits are
 * Forge's own: the service refuses what it refuses, and its code travels in the PermanentError, so the adapter
 * checks nothing the service checks (test/contract/storage-port.contract.ts pins the answers).
 */
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, Sort, WhereConditions } from '@forge/kvs';
import { PermanentError, TransientError } from '../../ports/errors.js';
import type { AttributeCondition, EntityQuery, ItemRef, Page, RangeCondition, StoragePort, TransactOp, WriteOptions } from '../../ports/storage.js';
import { MAX_PAGE } from '../../ports/storage.js';

type Attributes = Record<string, unknown>;

const TRANSIENT_CODES = new Set(['RATE_LIMIT_EXCEEDED', 'TOO_MANY_REQUESTS']);

/** Forge's error as the port's: rate limits and 5xx may pass later, other 4xx never will. */
export function storageFailure(error: unknown): TransientError | PermanentError {
  if (error instanceof TransientError || error instanceof PermanentError) return error;
  if (error instanceof ForgeKvsAPIError) {
    const status = error.responseDetails.status;
    if (status === 429 || status >= 500 || TRANSIENT_CODES.has(error.code)) {
      const retryAfter = Number(error.context.retryAfterSeconds ?? error.context.retryAfter);
      return new TransientError(error.code, error.message, {
        cause: error,
        ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
      });
    }
    if (status >= 400) return new PermanentError(error.code, error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransientError('STORAGE_UNAVAILABLE', `Forge storage failed: ${message}`, { cause: error });
}

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw storageFailure(error);
  }
}

const ttlOf = (options: WriteOptions | undefined): { ttl?: { value: number; unit: 'SECONDS' } } =>
  options?.ttlSeconds === undefined ? {} : { ttl: { value: options.ttlSeconds, unit: 'SECONDS' } };

function whereOf(range: RangeCondition): ReturnType<(typeof WhereConditions)[keyof typeof WhereConditions]> {
  switch (range.op) {
    case 'between':
      return WhereConditions.between(range.from, range.to);
    case 'equalTo':
      return WhereConditions.equalTo(range.value);
    default:
      // Forge's other range conditions take a string or number; a boolean is passed on for the service to refuse.
      return WhereConditions[range.op](range.value as string | number);
  }
}

function filterOf(condition: AttributeCondition): ReturnType<Filter<Attributes>['and']> {
  const clause = 'notExists' in condition ? FilterConditions.notExists() : FilterConditions.equalTo(condition.equalTo);
  return new Filter<Attributes>().and(condition.attribute, clause);
}

const identity = (ref: ItemRef): string => JSON.stringify([ref.entity ?? null, ref.key]);

export function forgeStorage(): StoragePort {
  return {
    get: <T>(ref: ItemRef) => guarded(() => (ref.entity === undefined ? kvs.get<T>(ref.key) : kvs.entity<T>(ref.entity).get(ref.key))),

    getMany: <T>(refs: readonly ItemRef[]) =>
      guarded(async () => {
        // Forge refuses a batch naming an item twice; asking twice for the same item is harmless, so ask once.
        const distinct = [...new Map(refs.map((ref) => [identity(ref), ref])).values()];
        if (distinct.length === 0) return [];
        const result = await kvs.batchGet<T>(distinct.map((ref) => (ref.entity === undefined ? { key: ref.key } : { key: ref.key, entityName: ref.entity })));
        const failed = result.failedKeys.find((item) => item.error.code !== 'KEY_NOT_FOUND');
        if (failed !== undefined) {
          const code = failed.error.code;
          const message = `batchGet of "${failed.key}": ${failed.error.message}`;
          throw TRANSIENT_CODES.has(code) || code === 'INTERNAL_SERVER_ERROR' ? new TransientError(code, message) : new PermanentError(code, message);
        }
        const found = new Map(result.successfulKeys.map((item) => [identity({ key: item.key, ...(item.entityName === undefined ? {} : { entity: item.entityName }) }), item.value]));
        return refs.map((ref) => found.get(identity(ref)));
      }),

    set: (ref, value, options) =>
      guarded(() => (ref.entity === undefined ? kvs.set(ref.key, value, ttlOf(options)) : kvs.entity<unknown>(ref.entity).set(ref.key, value, ttlOf(options)))),

    create: async (ref, value, options) => {
      const policy = { ...ttlOf(options), keyPolicy: 'FAIL_IF_EXISTS' as const };
      try {
        await (ref.entity === undefined ? kvs.set(ref.key, value, policy) : kvs.entity<unknown>(ref.entity).set(ref.key, value, policy));
        return true;
      } catch (error) {
        if (error instanceof ForgeKvsAPIError && error.code === 'KEY_ALREADY_EXISTS') return false;
        throw storageFailure(error);
      }
    },

    delete: (ref) => guarded(() => (ref.entity === undefined ? kvs.delete(ref.key) : kvs.entity<unknown>(ref.entity).delete(ref.key))),

    query: <T>(query: EntityQuery) =>
      guarded(async () => {
        let builder = kvs
          .entity<T>(query.entity)
          .query()
          .index(query.index, query.partition === undefined ? undefined : { partition: [...query.partition] })
          .limit(query.limit ?? MAX_PAGE)
          .sort(query.sort === 'DESC' ? Sort.DESC : Sort.ASC);
        if (query.range !== undefined) builder = builder.where(whereOf(query.range));
        if (query.cursor !== undefined) builder = builder.cursor(query.cursor);
        const { results, nextCursor } = await builder.getMany();
        return pageOf<T>(results, nextCursor);
      }),

    listKeys: <T>(prefix: string, options: { limit?: number; cursor?: string } = {}) =>
      guarded(async () => {
        let builder = kvs.query().limit(options.limit ?? MAX_PAGE);
        if (prefix !== '') builder = builder.where('key', WhereConditions.beginsWith(prefix));
        if (options.cursor !== undefined) builder = builder.cursor(options.cursor);
        const { results, nextCursor } = await builder.getMany<T>();
        return pageOf<T>(results, nextCursor);
      }),

    transact: async (ops: readonly TransactOp[]) => {
      if (ops.length === 0) return { ok: true };
      const transaction = kvs.transact();
      for (const [i, op] of ops.entries()) {
        const entity = op.ref.entity;
        if (entity === undefined) {
          // The SDK can only attach conditions to entity items; Forge refuses them on plain keys.
          if (op.condition !== undefined) throw new PermanentError('INVALID_REQUEST_BODY', `operation ${String(i)}: conditions apply to entity items only.`);
          if (op.op === 'set') transaction.set(op.ref.key, op.value, undefined, ttlOf(op.options));
          else if (op.op === 'delete') transaction.delete(op.ref.key);
          continue;
        }
        const target = op.condition === undefined ? { entityName: entity } : { entityName: entity, conditions: filterOf(op.condition) };
        if (op.op === 'set') transaction.set(op.ref.key, op.value as Attributes, target, ttlOf(op.options));
        else if (op.op === 'delete') transaction.delete(op.ref.key, target);
        else transaction.check(op.ref.key, { entityName: entity, conditions: filterOf(op.condition) });
      }
      try {
        await transaction.execute();
        return { ok: true };
      } catch (error) {
        if (error instanceof ForgeKvsAPIError && error.code === 'CONDITION_CHECK_FAILED') return { ok: false, code: 'CONDITION_FAILED' };
        throw storageFailure(error);
      }
    },
  };
}

function pageOf<T>(results: readonly { key: string; value: T }[], cursor: string | undefined): Page<T> {
  const items = results.map(({ key, value }) => ({ key, value }));
  return cursor === undefined ? { items } : { items, cursor };
}
