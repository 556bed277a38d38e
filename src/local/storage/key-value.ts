/**
 * Single-item get/set/delete for the three namespaces (KVS, secrets, custom entities) and the KVS key query.
 */
import { decodeCursor, encodeCursor } from './cursor.js';
import { checkEntityValue, type EntityCatalog, type EntityDefinition } from './entities.js';
import { Codes, fail } from './errors.js';
import { checkKey, checkValue, entityNs, expiryOf, KVS_NS, putItem, renderItem, SECRET_NS } from './items.js';
import { DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT, MAX_SECRET_VALUE_BYTES, MAX_VALUE_BYTES } from './limits.js';
import { itemRequest, metadataFieldsOf, parse, setOptions } from './requests.js';
import type { SqliteStore } from './sqlite-store.js';
import * as z from 'zod';

export type StorageContext = { store: SqliteStore; catalog: EntityCatalog; now: number };
export type Reply = { status: number; body?: unknown };
export type Space = 'kvs' | 'secret' | 'entity';
export type Target = { ns: string; maxBytes: number; entity: EntityDefinition | undefined };

export function targetOf(ctx: StorageContext, space: Space, entityName: unknown): Target {
  if (space === 'secret') return { ns: SECRET_NS, maxBytes: MAX_SECRET_VALUE_BYTES, entity: undefined };
  if (space === 'kvs') return { ns: KVS_NS, maxBytes: MAX_VALUE_BYTES, entity: undefined };
  const entity = ctx.catalog.resolve(entityName);
  return { ns: entityNs(entity.name), maxBytes: MAX_VALUE_BYTES, entity };
}

/** The checked JSON text of a value written to target (entity values are type-checked first). */
export function storedValue(target: Target, value: unknown): string {
  if (target.entity !== undefined) checkEntityValue(target.entity, value);
  return checkValue(value, target.maxBytes);
}

const entityExtra = (target: Target): Record<string, unknown> =>
  target.entity === undefined ? {} : { entityName: target.entity.name };

export function getItem(ctx: StorageContext, space: Space, body: unknown): Reply {
  const request = parse(itemRequest, body, 'body');
  const target = targetOf(ctx, space, request.entityName);
  const key = checkKey(request.key);
  const fields = metadataFieldsOf(request.options, 'body');
  const row = ctx.store.read(target.ns, key, ctx.now);
  if (row === undefined) fail(Codes.KEY_NOT_FOUND, `The key "${key}" does not exist.`);
  return { status: 200, body: renderItem(row, fields, entityExtra(target)) };
}

export function setItem(ctx: StorageContext, space: Space, body: unknown): Reply {
  const request = parse(itemRequest, body, 'body');
  const target = targetOf(ctx, space, request.entityName);
  const key = checkKey(request.key);
  const value = storedValue(target, request.value);
  const options = request.options === undefined ? {} : parse(setOptions, request.options, 'body.options');
  if (options.returnValue !== undefined && options.keyPolicy !== 'OVERRIDE') {
    fail(Codes.INVALID_REQUEST_BODY, 'options.returnValue needs options.keyPolicy "OVERRIDE".');
  }
  const expiresAt = expiryOf(options.ttl, ctx.now);
  const { previous, next } = ctx.store.atomically(() => {
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && ctx.store.read(target.ns, key, ctx.now) !== undefined) {
      fail(Codes.KEY_ALREADY_EXISTS, `The key "${key}" already exists (keyPolicy FAIL_IF_EXISTS).`);
    }
    return putItem(ctx.store, target.ns, key, value, expiresAt, ctx.now);
  });
  const fields = options.returnMetadataFields;
  if (options.returnValue === 'LATEST') return { status: 200, body: renderItem(next, fields, entityExtra(target)) };
  if (options.returnValue === 'PREVIOUS' && previous !== undefined) {
    return { status: 200, body: renderItem(previous, fields, entityExtra(target)) };
  }
  return { status: 204 };
}

export function deleteItem(ctx: StorageContext, space: Space, body: unknown): Reply {
  const request = parse(itemRequest, body, 'body');
  const target = targetOf(ctx, space, request.entityName);
  const key = checkKey(request.key);
  const existed = ctx.store.atomically(() => ctx.store.read(target.ns, key, ctx.now) !== undefined && ctx.store.remove(target.ns, key));
  // Forge answers a missing key with KEY_NOT_FOUND, which @forge/kvs's delete swallows (storage-api.js).
  if (!existed) fail(Codes.KEY_NOT_FOUND, `The key "${key}" does not exist.`);
  return { status: 204 };
}

const keyQuery = z.looseObject({
  limit: z.unknown().optional(),
  after: z.unknown().optional(),
  where: z
    .array(z.looseObject({ property: z.literal('key'), condition: z.literal('BEGINS_WITH'), values: z.tuple([z.union([z.string(), z.number()])]) }))
    .max(1, 'only one where condition is supported')
    .optional(),
  options: z.unknown().optional(),
});

/** Checks a page size: undefined is the default; anything but an integer in 1..100 is `code`. */
export function pageLimit(raw: unknown, code: typeof Codes.QUERY_PAGE_LIMIT_NOT_IN_RANGE | typeof Codes.COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE): number {
  if (raw === undefined) return DEFAULT_QUERY_LIMIT;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_QUERY_LIMIT) {
    fail(code, `The page limit must be set between 1 and ${MAX_QUERY_LIMIT}, got ${JSON.stringify(raw)}.`);
  }
  return raw;
}

/** `kvs.query()`: KVS keys only (never secrets or entities), ascending key order, BEGINS_WITH on `key` at most. */
export function queryKeys(ctx: StorageContext, body: unknown): Reply {
  const request = parse(keyQuery, body, 'body');
  const limit = pageLimit(request.limit, Codes.QUERY_PAGE_LIMIT_NOT_IN_RANGE);
  const fields = metadataFieldsOf(request.options, 'body');
  const prefix = String(request.where?.[0]?.values[0] ?? '');
  let after = '';
  if (request.after !== undefined) {
    const position = decodeCursor(request.after);
    if (position.t !== 'kvs' || typeof position.k !== 'string') fail(Codes.INVALID_CURSOR, 'The cursor is not one this store issued.');
    after = position.k;
  }
  const rows = ctx.store.scan(KVS_NS, prefix, after, limit + 1, ctx.now);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const data = page.map((row) => renderItem(row, fields));
  return { status: 200, body: rows.length > limit && last !== undefined ? { data, cursor: encodeCursor({ t: 'kvs', k: last.key }) } : { data } };
}
