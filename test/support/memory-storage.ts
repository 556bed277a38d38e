/**
 * An in-memory StoragePort for fast unit tests of app code. It answers as Forge (and the local emulator,
 * src/local/storage) does for everything the port can say, and shares the emulator's checks so the codes match:
 * test/contract/storage-port.test.ts runs the same contract on this and on the Forge adapter over the emulator.
 * Values are kept as JSON text, so nothing a caller holds aliases the store.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type Condition, compareScalars, testCondition } from '../../src/local/storage/conditions.js';
import { decodeCursor, encodeCursor } from '../../src/local/storage/cursor.js';
import { checkEntityValue, EntityCatalog, type EntityDefinition, entitiesFromManifest } from '../../src/local/storage/entities.js';
import { Codes, fail, StorageError } from '../../src/local/storage/errors.js';
import { checkKey, checkValue, expiryOf } from '../../src/local/storage/items.js';
import { pageLimit } from '../../src/local/storage/key-value.js';
import { MAX_BATCH_ITEMS, MAX_PAYLOAD_BYTES, MAX_TRANSACTION_OPERATIONS, MAX_VALUE_BYTES } from '../../src/local/storage/limits.js';
import { PermanentError } from '../../src/ports/errors.js';
import type { AttributeCondition, EntityQuery, Item, ItemRef, Page, RangeCondition, StoragePort, TransactOp, WriteOptions } from '../../src/ports/storage.js';

export type EntityDeclarations = readonly EntityDefinition[];

type Stored = { key: string; text: string; expiresAt: number | null };

let manifestEntities: EntityDeclarations | undefined;

/** The entities of the repository's manifest.yml, read once. */
export function manifestEntityDeclarations(): EntityDeclarations {
  manifestEntities ??= entitiesFromManifest(parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')));
  return manifestEntities;
}

const RANGE_NAMES = {
  equalTo: 'EQUAL_TO', beginsWith: 'BEGINS_WITH', greaterThan: 'GREATER_THAN', greaterThanEqualTo: 'GREATER_THAN_EQUAL_TO',
  lessThan: 'LESS_THAN', lessThanEqualTo: 'LESS_THAN_EQUAL_TO', between: 'BETWEEN',
} as const;

function rangeCondition(range: RangeCondition): Condition {
  return range.op === 'between' ? { condition: 'BETWEEN', values: [range.from, range.to] } : { condition: RANGE_NAMES[range.op], values: [range.value] };
}

/** A total order over attribute values, as the emulator's index order: booleans, numbers, strings, then the rest. */
function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown): number => ['boolean', 'number', 'string'].indexOf(typeof v) >>> 0;
  return rank(a) - rank(b) || (compareScalars(a, b) ?? JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

type Position = { key: string; rank: unknown[] };
function comparePositions(a: Position, b: Position): number {
  for (let i = 0; i < a.rank.length; i++) {
    const c = compareValues(a.rank[i], b.rank[i]);
    if (c !== 0) return c;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function holds(condition: AttributeCondition, value: Record<string, unknown> | undefined): boolean {
  const present = value !== undefined && Object.hasOwn(value, condition.attribute) && value[condition.attribute] !== undefined;
  const actual = present ? value[condition.attribute] : undefined;
  return 'notExists' in condition ? !present : testCondition({ condition: 'EQUAL_TO', values: [condition.equalTo] }, present, actual);
}

/** Runs `body`, turning the emulator's StorageError into the port's PermanentError with the same code. */
function guarded<T>(body: () => T): Promise<T> {
  try {
    return Promise.resolve(body());
  } catch (error) {
    if (error instanceof StorageError) return Promise.reject(new PermanentError(error.code, error.message, { cause: error }));
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export function createMemoryStorage(options: { entities?: EntityDeclarations; now?: () => number } = {}): StoragePort {
  const catalog = new EntityCatalog(options.entities ?? manifestEntityDeclarations());
  const now = options.now ?? Date.now;
  const spaces = new Map<string, Map<string, Stored>>();

  /** The map of one namespace ('' = plain keys), after checking the entity name and the key. */
  const locate = (ref: ItemRef): { space: Map<string, Stored>; key: string; entity: EntityDefinition | undefined } => {
    const entity = ref.entity === undefined ? undefined : catalog.resolve(ref.entity);
    const key = checkKey(ref.key);
    const name = entity?.name ?? '';
    let space = spaces.get(name);
    if (space === undefined) {
      space = new Map<string, Stored>();
      spaces.set(name, space);
    }
    return { space, key, entity };
  };
  const live = (space: Map<string, Stored>, key: string, at: number): Stored | undefined => {
    const stored = space.get(key);
    if (stored?.expiresAt != null && stored.expiresAt <= at) {
      space.delete(key);
      return undefined;
    }
    return stored;
  };
  const read = (ref: ItemRef, at: number): unknown => {
    const { space, key } = locate(ref);
    const stored = live(space, key, at);
    return stored === undefined ? undefined : (JSON.parse(stored.text) as unknown);
  };
  /** Checks a write completely and returns the function that applies it. */
  const prepare = (ref: ItemRef, value: unknown, write: WriteOptions | undefined, at: number): (() => void) => {
    const { space, key, entity } = locate(ref);
    if (entity !== undefined) checkEntityValue(entity, value);
    const text = checkValue(value, MAX_VALUE_BYTES);
    const expiresAt = expiryOf(write?.ttlSeconds === undefined ? undefined : { value: write.ttlSeconds, unit: 'SECONDS' }, at);
    return () => {
      space.set(key, { key, text, expiresAt });
    };
  };
  const all = (space: Map<string, Stored> | undefined, at: number): Stored[] =>
    [...(space?.keys() ?? [])].flatMap((key) => (space === undefined ? [] : (live(space, key, at) ?? [])));
  const page = <T>(items: Item<T>[], cursor: string | undefined): Page<T> => (cursor === undefined ? { items } : { items, cursor });

  return {
    get: <T>(ref: ItemRef) => guarded(() => read(ref, now()) as T | undefined),
    getMany: <T>(refs: readonly ItemRef[]) =>
      guarded(() => {
        const distinct = new Set(refs.map((ref) => JSON.stringify([ref.entity ?? null, ref.key])));
        if (distinct.size > MAX_BATCH_ITEMS) fail(Codes.TOO_MANY_BATCH_ITEMS, `A batch holds at most ${MAX_BATCH_ITEMS} items, got ${distinct.size}.`);
        const at = now();
        return refs.map((ref) => read(ref, at) as T | undefined);
      }),
    set: (ref, value, write) =>
      guarded(() => {
        prepare(ref, value, write, now())();
      }),
    create: (ref, value, write) =>
      guarded(() => {
        const at = now();
        const apply = prepare(ref, value, write, at);
        if (read(ref, at) !== undefined) return false;
        apply();
        return true;
      }),
    delete: (ref) =>
      guarded(() => {
        const { space, key } = locate(ref);
        space.delete(key);
      }),
    query: <T>(query: EntityQuery) =>
      guarded(() => {
        const entity = catalog.resolve(query.entity);
        const index = entity.indexes.find((candidate) => candidate.name === query.index);
        if (index === undefined) fail(Codes.INVALID_ENTITY_INDEX, `The entity "${entity.name}" has no index ${JSON.stringify(query.index)}.`);
        const limit = query.limit === undefined ? 100 : pageLimit(query.limit, Codes.COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE);
        const partition = query.partition ?? [];
        if (partition.length !== index.partition.length) {
          fail(Codes.INVALID_ENTITY_INDEX, `The index "${index.name}" takes ${index.partition.length} partition value(s); got ${partition.length}.`);
        }
        const range = query.range === undefined ? undefined : rangeCondition(query.range);
        const direction = query.sort === 'DESC' ? -1 : 1;
        let after: Position | undefined;
        if (query.cursor !== undefined) {
          const p = decodeCursor(query.cursor);
          if (p.t !== 'entity' || p.e !== entity.name || p.i !== index.name || typeof p.k !== 'string' || !Array.isArray(p.r)) {
            fail(Codes.INVALID_CURSOR, `The cursor does not belong to a query of ${entity.name}/${index.name}.`);
          }
          after = { key: p.k, rank: p.r as unknown[] };
        }
        const entries: (Position & { value: Record<string, unknown> })[] = [];
        for (const stored of all(spaces.get(entity.name), now())) {
          const value = JSON.parse(stored.text) as Record<string, unknown>;
          const has = (attribute: string): boolean => Object.hasOwn(value, attribute) && value[attribute] !== undefined && value[attribute] !== null;
          if (![...index.partition, ...index.range].every(has)) continue;
          if (!index.partition.every((attribute, i) => compareValues(value[attribute], partition[i]) === 0)) continue;
          const first = index.range[0];
          if (range !== undefined && first !== undefined && !testCondition(range, true, value[first])) continue;
          entries.push({ key: stored.key, value, rank: index.range.map((attribute) => value[attribute]) });
        }
        entries.sort((a, b) => direction * comparePositions(a, b));
        const rest = after === undefined ? entries : entries.filter((entry) => direction * comparePositions(entry, after) > 0);
        const items = rest.slice(0, limit);
        const last = items.at(-1);
        const cursor = rest.length > limit && last !== undefined ? encodeCursor({ t: 'entity', e: entity.name, i: index.name, r: last.rank, k: last.key }) : undefined;
        return page(items.map(({ key, value }) => ({ key, value: value as T })), cursor);
      }),
    listKeys: <T>(prefix: string, list: { limit?: number; cursor?: string } = {}) =>
      guarded(() => {
        const limit = list.limit === undefined ? 100 : pageLimit(list.limit, Codes.QUERY_PAGE_LIMIT_NOT_IN_RANGE);
        let after = '';
        if (list.cursor !== undefined) {
          const p = decodeCursor(list.cursor);
          if (p.t !== 'kvs' || typeof p.k !== 'string') fail(Codes.INVALID_CURSOR, 'The cursor is not one this store issued.');
          after = p.k;
        }
        const keys = all(spaces.get(''), now())
          .filter((stored) => stored.key.startsWith(prefix) && stored.key > after)
          .sort((a, b) => (a.key < b.key ? -1 : 1));
        const items = keys.slice(0, limit);
        const last = items.at(-1);
        const cursor = keys.length > limit && last !== undefined ? encodeCursor({ t: 'kvs', k: last.key }) : undefined;
        return page(items.map((stored) => ({ key: stored.key, value: JSON.parse(stored.text) as T })), cursor);
      }),
    transact: (ops: readonly TransactOp[]) =>
      guarded(() => {
        if (ops.length > MAX_TRANSACTION_OPERATIONS) {
          fail(Codes.TOO_MANY_TRANSACTION_OPERATIONS, `A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations, got ${ops.length}.`);
        }
        // Forge measures the request body; the operations' JSON is within a few bytes per operation of it.
        const bytes = Buffer.byteLength(JSON.stringify(ops), 'utf8');
        if (bytes > MAX_PAYLOAD_BYTES) fail(Codes.PAYLOAD_TOO_LARGE, `The request payload is ${String(bytes)} bytes; the limit is ${String(MAX_PAYLOAD_BYTES)}.`);
        const at = now();
        const seen = new Set<string>();
        const planned = ops.map((op, i) => {
          if (op.condition !== undefined && op.ref.entity === undefined) {
            fail(Codes.INVALID_REQUEST_BODY, `operation ${i}: conditions apply to custom entities: give an entity.`);
          }
          const { space, key } = locate(op.ref);
          const identity = JSON.stringify([op.ref.entity ?? null, key]);
          if (seen.has(identity)) fail(Codes.DUPLICATE_TRANSACTION_KEYS, `operation ${i} uses the key "${key}" again: each item once.`);
          seen.add(identity);
          const apply = op.op === 'set' ? prepare(op.ref, op.value, op.options, at) : op.op === 'delete' ? () => space.delete(key) : () => undefined;
          return { op, apply };
        });
        const failed = planned.some(({ op }) => op.condition !== undefined && !holds(op.condition, read(op.ref, at) as Record<string, unknown> | undefined));
        if (failed) return { ok: false, code: 'CONDITION_FAILED' } as const;
        for (const { apply } of planned) apply();
        return { ok: true } as const;
      }),
  };
}
