/**
 * What every write path shares: key and value checks with Forge's codes, TTL arithmetic, the one "put" that keeps
 * createdAt across overwrites, and the response shape of a stored item.
 */
import { Codes, fail } from './errors.js';
import { KEY_PATTERN, MAX_DEPTH, MAX_EXPIRY_MS, MAX_KEY_LENGTH, TTL_UNIT_MS } from './limits.js';
import type { Row, SqliteStore } from './sqlite-store.js';

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';
export const METADATA_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'] as const;

export const KVS_NS = 'kvs';
export const SECRET_NS = 'secret';
export const entityNs = (entityName: string): string => `entity:${entityName}`;

export function checkKey(key: unknown): string {
  if (key === undefined || key === null || key === '') fail(Codes.EMPTY_KEY, 'Key cannot be empty.');
  if (typeof key !== 'string') fail(Codes.INVALID_KEY, `The key must be a string, got ${typeof key}.`);
  if (key.length > MAX_KEY_LENGTH) {
    fail(Codes.KEY_TOO_LONG, `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`);
  }
  if (!KEY_PATTERN.test(key)) fail(Codes.INVALID_KEY, `The provided key does not match the regex: ${String(KEY_PATTERN)}`);
  return key;
}

/** Nesting depth: a scalar is 0, `{}` or `[]` is 1. Stops descending once past the limit, so hostile input is cheap. */
function depthOf(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (limit < 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit - 1));
    if (deepest > limit) break;
  }
  return deepest + 1;
}

/** Checks a value against Forge's depth and size limits and returns its stored JSON text. */
export function checkValue(value: unknown, maxBytes: number): string {
  if (value === undefined || value === null) {
    fail(Codes.INVALID_REQUEST_BODY, 'value is required: a string, number, boolean, array or object (not null).');
  }
  if (depthOf(value, MAX_DEPTH) > MAX_DEPTH) {
    fail(Codes.MAX_DEPTH, `The provided value has exceeded the maximum object depth (${MAX_DEPTH}) limit.`);
  }
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    fail(Codes.MAX_SIZE, `The provided value has exceeded the maximum size limit (${bytes} > ${maxBytes} bytes).`);
  }
  return text;
}

/** The expiry of a write with `options.ttl`, rounded up to a whole second (expireTime has second precision). */
export function expiryOf(ttl: unknown, now: number): number | null {
  if (ttl === undefined) return null;
  if (typeof ttl !== 'object' || ttl === null) fail(Codes.INVALID_TTL, 'ttl must be {value, unit}.');
  const { value, unit } = ttl as { value?: unknown; unit?: unknown };
  if (typeof unit !== 'string' || !Object.hasOwn(TTL_UNIT_MS, unit)) {
    fail(Codes.INVALID_TTL, `ttl.unit must be one of ${Object.keys(TTL_UNIT_MS).join(', ')}.`);
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail(Codes.INVALID_TTL, 'ttl.value must be a positive integer.');
  }
  const at = Math.ceil((now + value * TTL_UNIT_MS[unit as keyof typeof TTL_UNIT_MS]) / 1000) * 1000;
  if (!(at <= MAX_EXPIRY_MS)) fail(Codes.INVALID_TTL, 'ttl puts the expiry past the year 9999.');
  return at;
}

export type PutResult = { previous: Row | undefined; next: Row };

/** Writes one item; createdAt survives an overwrite of a live item, an expired one counts as absent. */
export function putItem(store: SqliteStore, ns: string, key: string, value: string, expiresAt: number | null, now: number): PutResult {
  const previous = store.read(ns, key, now);
  const next: Row = { key, value, createdAt: previous?.createdAt ?? now, updatedAt: now, expiresAt };
  store.write(ns, next);
  return { previous, next };
}

/** Forge's second-precision ISO form, as in the SDK's fixtures ('2025-01-12T13:00:00Z'). */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The stored item as Forge answers it: createdAt/updatedAt are epoch seconds, expireTime an ISO string. */
export function renderItem(row: Row, fields: readonly MetadataField[] | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...extra, key: row.key, value: JSON.parse(row.value) as unknown };
  if (fields?.includes('CREATED_AT') === true) out.createdAt = Math.floor(row.createdAt / 1000);
  if (fields?.includes('UPDATED_AT') === true) out.updatedAt = Math.floor(row.updatedAt / 1000);
  if (fields?.includes('EXPIRE_TIME') === true && row.expiresAt !== null) out.expireTime = isoSeconds(row.expiresAt);
  return out;
}
