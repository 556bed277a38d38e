/**
 * App storage as a port: plain keys (KVS) and Custom Entity Store items, with Forge's semantics written down once
 * in test/contract/storage-port.contract.ts. The Forge adapter (adapters/forge/kvs-storage.ts) speaks @forge/kvs;
 * the in-memory implementation (test/support/memory-storage.ts) backs fast unit tests. Both pass the same contract.
 *
 * Unexpected failures throw TransientError (rate limit, 5xx: retry later) or PermanentError (a value Forge refuses,
 * a limit exceeded); a failed transaction condition is an expected outcome and comes back as data.
 */

/** An item: a plain key, or a key inside a Custom Entity Store entity declared in manifest.yml. */
export type ItemRef = { key: string; entity?: string };

export type WriteOptions = {
  /** Forge deletes the item after this many seconds. */
  ttlSeconds?: number;
};

export type Item<T = unknown> = { key: string; value: T };

export type Page<T = unknown> = { items: Item<T>[]; cursor?: string };

/** A condition on an index's (first) range attribute, as @forge/kvs WhereConditions. */
export type RangeCondition =
  | { op: 'equalTo' | 'beginsWith' | 'greaterThan' | 'greaterThanEqualTo' | 'lessThan' | 'lessThanEqualTo'; value: string | number | boolean }
  | { op: 'between'; from: string | number; to: string | number };

export type EntityQuery = {
  entity: string;
  /** An index declared for the entity in manifest.yml. */
  index: string;
  /** One value per partition attribute of the index, in order. */
  partition?: readonly (string | number | boolean)[];
  range?: RangeCondition;
  /** Default ASC. */
  sort?: 'ASC' | 'DESC';
  /** 1..100 (Forge's page limit); default 100. */
  limit?: number;
  cursor?: string;
};

/**
 * A condition on an entity item's attribute, checked before any write of the transaction: `equalTo` a value, or
 * `notExists` (an absent item has no attributes, so `notExists` also means "the item does not exist yet").
 */
export type AttributeCondition = { attribute: string; equalTo: string | number | boolean } | { attribute: string; notExists: true };

export type TransactOp =
  | { op: 'set'; ref: ItemRef; value: unknown; options?: WriteOptions; condition?: AttributeCondition }
  | { op: 'delete'; ref: ItemRef; condition?: AttributeCondition }
  | { op: 'check'; ref: ItemRef & { entity: string }; condition: AttributeCondition };

/** A transaction either wrote everything, or nothing because a condition did not hold. */
export type TransactResult = { ok: true } | { ok: false; code: 'CONDITION_FAILED' };

export const MAX_TRANSACTION_OPS = 25;
export const MAX_BATCH_ITEMS = 25;
export const MAX_PAGE = 100;

export interface StoragePort {
  get<T>(ref: ItemRef): Promise<T | undefined>;
  /** One round trip for up to 25 items; absent items are undefined, in the order asked. */
  getMany<T>(refs: readonly ItemRef[]): Promise<(T | undefined)[]>;
  set(ref: ItemRef, value: unknown, options?: WriteOptions): Promise<void>;
  /** A conditional create: false, and nothing written, when the item already exists. */
  create(ref: ItemRef, value: unknown, options?: WriteOptions): Promise<boolean>;
  /** Deleting an absent item is not an error. */
  delete(ref: ItemRef): Promise<void>;
  /** An entity query on one index, a page of at most 100. */
  query<T>(query: EntityQuery): Promise<Page<T>>;
  /** Plain keys beginning with `prefix`, a page of at most 100, in key order. */
  listKeys<T>(prefix: string, options?: { limit?: number; cursor?: string }): Promise<Page<T>>;
  /** At most 25 operations, each item once; all or nothing. */
  transact(ops: readonly TransactOp[]): Promise<TransactResult>;
}
