/**
 * `kvs.entity(name).query().index(...)`: one declared index, its partition values, a range condition on the index's
 * range attribute, filters, sort and pages. An entity is in an index only when it has every partition and range
 * attribute (sparse, as Forge's indexes are); ties on the range value are broken by key.
 */
import * as z from 'zod';
import { type Condition, compareScalars, matchesFilters, parseCondition, parseFilters, RANGE_CONDITIONS, testCondition } from './conditions.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { EntityIndex } from './entities.js';
import { Codes, fail } from './errors.js';
import { entityNs, renderItem } from './items.js';
import { pageLimit, type Reply, type StorageContext } from './key-value.js';
import { metadataFieldsOf, parse } from './requests.js';
import type { Row } from './sqlite-store.js';

const entityQuery = z.looseObject({
  entityName: z.unknown(),
  indexName: z.unknown(),
  partition: z.unknown().optional(),
  range: z.unknown().optional(),
  filters: z.unknown().optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.unknown().optional(),
  limit: z.unknown().optional(),
  options: z.unknown().optional(),
});

type Entry = { key: string; row: Row; rank: unknown[] };

const TYPE_ORDER = ['boolean', 'number', 'string'];
const typeRank = (value: unknown): number => {
  const rank = TYPE_ORDER.indexOf(typeof value);
  return rank < 0 ? TYPE_ORDER.length : rank;
};

/** A total order over attribute values of any type: booleans, then numbers, then strings, then anything else. */
function compareValues(a: unknown, b: unknown): number {
  const byType = typeRank(a) - typeRank(b);
  if (byType !== 0) return byType;
  return compareScalars(a, b) ?? JSON.stringify(a).localeCompare(JSON.stringify(b));
}

function compareEntries(a: { key: string; rank: unknown[] }, b: { key: string; rank: unknown[] }): number {
  for (let i = 0; i < a.rank.length; i++) {
    const c = compareValues(a.rank[i], b.rank[i]);
    if (c !== 0) return c;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function partitionOf(index: EntityIndex, raw: unknown): unknown[] {
  const partition = raw ?? [];
  if (!Array.isArray(partition)) fail(Codes.INVALID_ENTITY_INDEX, 'partition must be an array of values.');
  if (partition.length !== index.partition.length) {
    const want = index.partition.length === 0 ? 'has no partition' : `needs a value for each of [${index.partition.join(', ')}]`;
    fail(Codes.INVALID_ENTITY_INDEX, `The index "${index.name}" ${want}; got ${partition.length} partition value(s).`);
  }
  return partition;
}

export function queryEntities(ctx: StorageContext, body: unknown): Reply {
  const request = parse(entityQuery, body, 'body');
  const entity = ctx.catalog.resolve(request.entityName);
  const index = entity.indexes.find((candidate) => candidate.name === request.indexName);
  if (index === undefined) {
    fail(Codes.INVALID_ENTITY_INDEX, `The entity "${entity.name}" has no index ${JSON.stringify(request.indexName)}.`);
  }
  const limit = pageLimit(request.limit, Codes.COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE);
  const partition = partitionOf(index, request.partition);
  const range: Condition | undefined = request.range === undefined ? undefined : parseCondition(request.range, RANGE_CONDITIONS, 'body.range');
  const filters = request.filters === undefined ? undefined : parseFilters(request.filters, 'body.filters');
  const fields = metadataFieldsOf(request.options, 'body');
  const direction = request.sort === 'DESC' ? -1 : 1;
  let after: { key: string; rank: unknown[] } | undefined;
  if (request.cursor !== undefined) {
    const position = decodeCursor(request.cursor);
    if (position.t !== 'entity' || position.e !== entity.name || position.i !== index.name || typeof position.k !== 'string' || !Array.isArray(position.r)) {
      fail(Codes.INVALID_CURSOR, `The cursor does not belong to a query of ${entity.name}/${index.name}.`);
    }
    after = { key: position.k, rank: position.r as unknown[] };
  }

  const entries: Entry[] = [];
  for (const row of ctx.store.all(entityNs(entity.name), ctx.now)) {
    const value = JSON.parse(row.value) as Record<string, unknown>;
    const has = (attribute: string): boolean => Object.hasOwn(value, attribute) && value[attribute] !== undefined && value[attribute] !== null;
    if (![...index.partition, ...index.range].every(has)) continue;
    if (!index.partition.every((attribute, i) => compareValues(value[attribute], partition[i]) === 0)) continue;
    const rangeAttribute = index.range[0];
    if (range !== undefined && rangeAttribute !== undefined && !testCondition(range, true, value[rangeAttribute])) continue;
    if (filters !== undefined && !matchesFilters(filters, value)) continue;
    entries.push({ key: row.key, row, rank: index.range.map((attribute) => value[attribute]) });
  }
  entries.sort((a, b) => direction * compareEntries(a, b));
  const start = after === undefined ? 0 : entries.findIndex((entry) => direction * compareEntries(entry, after) > 0);
  const rest = start < 0 ? [] : entries.slice(start);
  const page = rest.slice(0, limit);
  const data = page.map((entry) => renderItem(entry.row, fields));
  const last = page.at(-1);
  if (rest.length <= limit || last === undefined) return { status: 200, body: { data } };
  return { status: 200, body: { data, cursor: encodeCursor({ t: 'entity', e: entity.name, i: index.name, r: last.rank, k: last.key }) } };
}
