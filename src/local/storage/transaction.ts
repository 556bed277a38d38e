/**
 * `kvs.transact()`: up to 25 set/delete/check operations on distinct keys, all applied or none. Conditions are
 * filters on the stored entity (an absent entity has no attributes, so only NOT_EXISTS-style conditions hold); they
 * are all evaluated against the state before the transaction, then every write lands in one SQLite transaction.
 */
import * as z from 'zod';
import { type Filters, matchesFilters, parseFilters } from './conditions.js';
import { Codes, fail, StorageError } from './errors.js';
import { checkKey, expiryOf, putItem } from './items.js';
import { type Reply, type StorageContext, storedValue, type Target, targetOf } from './key-value.js';
import { MAX_TRANSACTION_OPERATIONS } from './limits.js';
import { parse, setOptions } from './requests.js';

const operation = z.looseObject({
  key: z.unknown().optional(),
  value: z.unknown().optional(),
  entityName: z.unknown().optional(),
  conditions: z.unknown().optional(),
  options: z.unknown().optional(),
});
const transactionRequest = z.looseObject({
  set: z.array(operation).optional(),
  delete: z.array(operation).optional(),
  check: z.array(operation).optional(),
});

type Kind = 'set' | 'delete' | 'check';
type Planned = { kind: Kind; at: string; target: Target; key: string; conditions: Filters | undefined; value?: string; expiresAt?: number | null };

function plan(ctx: StorageContext, kind: Kind, raw: z.infer<typeof operation>, at: string): Planned {
  try {
    if (raw.entityName === undefined && (kind === 'check' || raw.conditions !== undefined)) {
      fail(Codes.INVALID_REQUEST_BODY, 'conditions apply to custom entities: give entityName.');
    }
    if (kind === 'check' && raw.conditions === undefined) fail(Codes.INVALID_REQUEST_BODY, 'a check needs conditions.');
    const target = targetOf(ctx, raw.entityName === undefined ? 'kvs' : 'entity', raw.entityName);
    const key = checkKey(raw.key);
    const conditions = raw.conditions === undefined ? undefined : parseFilters(raw.conditions, 'conditions');
    const planned: Planned = { kind, at, target, key, conditions };
    if (kind === 'set') {
      const options = raw.options === undefined ? {} : parse(setOptions, raw.options, 'options');
      planned.value = storedValue(target, raw.value);
      planned.expiresAt = expiryOf(options.ttl, ctx.now);
    }
    return planned;
  } catch (error) {
    // Name the operation, so the app can tell which of its 25 failed.
    if (error instanceof StorageError) throw new StorageError(error.code, `${at}: ${error.message}`, { ...error.extra, operation: at });
    throw error;
  }
}

export function runTransaction(ctx: StorageContext, body: unknown): Reply {
  const request = parse(transactionRequest, body, 'body');
  const raw: [Kind, z.infer<typeof operation>[]][] = [['set', request.set ?? []], ['delete', request.delete ?? []], ['check', request.check ?? []]];
  const total = raw.reduce((sum, [, list]) => sum + list.length, 0);
  if (total === 0) fail(Codes.EMPTY_TRANSACTION, 'A transaction needs at least one operation.');
  if (total > MAX_TRANSACTION_OPERATIONS) {
    fail(Codes.TOO_MANY_TRANSACTION_OPERATIONS, `A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations, got ${total}.`);
  }
  const planned = raw.flatMap(([kind, list]) => list.map((op, i) => plan(ctx, kind, op, `${kind}[${i}]`)));
  const seen = new Map<string, string>();
  for (const op of planned) {
    const identity = `${op.target.ns}\u0000${op.key}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) fail(Codes.DUPLICATE_TRANSACTION_KEYS, `${op.at} uses the key "${op.key}" of ${earlier} again: each key once.`);
    seen.set(identity, op.at);
  }
  ctx.store.atomically(() => {
    const failed = planned.filter((op) => {
      if (op.conditions === undefined) return false;
      const row = ctx.store.read(op.target.ns, op.key, ctx.now);
      return !matchesFilters(op.conditions, row === undefined ? undefined : (JSON.parse(row.value) as Record<string, unknown>));
    });
    if (failed.length > 0) {
      fail(Codes.CONDITION_CHECK_FAILED, `Transaction conditions not met: ${failed.map((op) => `${op.at} (${op.key})`).join(', ')}.`, {
        failedOperations: failed.map((op) => ({ operation: op.at, key: op.key, entityName: op.target.entity?.name })),
      });
    }
    for (const op of planned) {
      if (op.kind === 'set' && op.value !== undefined) putItem(ctx.store, op.target.ns, op.key, op.value, op.expiresAt ?? null, ctx.now);
      if (op.kind === 'delete') ctx.store.remove(op.target.ns, op.key);
    }
  });
  return { status: 204 };
}
