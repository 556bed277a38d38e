/**
 * `kvs.batchSet / batchGet / batchDelete`: up to 25 items, KVS keys and entities mixed. The batch as a whole fails
 * when it is empty, too long or names one (entity, key) twice; otherwise each item succeeds or fails on its own
 * (batchops, batchops-entities). The writes of one batch commit together, so an acknowledged batch is durable.
 */
import { Codes, fail, StorageError } from './errors.js';
import { checkKey, expiryOf, putItem, renderItem } from './items.js';
import { type Reply, type StorageContext, storedValue, targetOf } from './key-value.js';
import { MAX_BATCH_ITEMS } from './limits.js';
import { type ItemRequest, itemRequest, metadataFieldsOf, parse, setOptions } from './requests.js';

export type BatchOperation = 'set' | 'get' | 'delete';

type Identity = { key: string; entityName?: string };

function identityOf(item: ItemRequest): Identity {
  const key = typeof item.key === 'string' ? item.key : JSON.stringify(item.key ?? '');
  return typeof item.entityName === 'string' ? { key, entityName: item.entityName } : { key };
}

export function parseItems(body: unknown, where: string): ItemRequest[] {
  if (!Array.isArray(body)) fail(Codes.INVALID_REQUEST_BODY, `${where}: a batch is an array of items.`);
  if (body.length === 0) fail(Codes.EMPTY_BATCH, 'A batch needs at least one item.');
  if (body.length > MAX_BATCH_ITEMS) {
    fail(Codes.TOO_MANY_BATCH_ITEMS, `A batch holds at most ${MAX_BATCH_ITEMS} items, got ${body.length}.`);
  }
  const items = body.map((item: unknown, i) => parse(itemRequest, item, `${where}[${i}]`));
  const seen = new Set<string>();
  for (const item of items) {
    const identity = JSON.stringify([item.entityName ?? null, item.key ?? null]);
    if (seen.has(identity)) {
      fail(Codes.DUPLICATE_BATCH_KEYS, `The batch names ${identity} more than once.`);
    }
    seen.add(identity);
  }
  return items;
}

function runItem(ctx: StorageContext, operation: BatchOperation, item: ItemRequest, identity: Identity): Record<string, unknown> {
  const target = targetOf(ctx, item.entityName === undefined ? 'kvs' : 'entity', item.entityName);
  const key = checkKey(item.key);
  switch (operation) {
    case 'set': {
      const value = storedValue(target, item.value);
      const options = item.options === undefined ? {} : parse(setOptions, item.options, 'options');
      putItem(ctx.store, target.ns, key, value, expiryOf(options.ttl, ctx.now), ctx.now);
      return identity;
    }
    case 'get': {
      const fields = metadataFieldsOf(item.options, 'item');
      const row = ctx.store.read(target.ns, key, ctx.now);
      if (row === undefined) fail(Codes.KEY_NOT_FOUND, `The key "${key}" does not exist.`);
      return { ...identity, ...renderItem(row, fields) };
    }
    case 'delete':
      // Deleting a missing key succeeds, as a delete of a gone key does in a single call (see the decision record).
      ctx.store.remove(target.ns, key);
      return identity;
  }
}

export function runBatch(ctx: StorageContext, operation: BatchOperation, body: unknown): Reply {
  const items = parseItems(body, 'body');
  const successfulKeys: Record<string, unknown>[] = [];
  const failedKeys: (Identity & { error: { code: string; message: string } })[] = [];
  ctx.store.atomically(() => {
    for (const item of items) {
      const identity = identityOf(item);
      try {
        successfulKeys.push(runItem(ctx, operation, item, identity));
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        failedKeys.push({ ...identity, error: { code: error.code, message: error.message } });
      }
    }
  });
  return { status: 200, body: { successfulKeys, failedKeys } };
}
