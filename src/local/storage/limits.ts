/**
 * Forge's storage limits, each with where the number comes from. DOC = developer.atlassian.com (see
 * ../shared/reference/forge-platform.md §3); PKG = @forge/kvs 1.6.5 sources; CHOSEN = not published, our pick
 * (docs/decisions/0008-local-storage-emulation.md says why).
 */

/** DOC limits-kvs-ce and handling-errors-kvs: keys are at most 500 characters. */
export const MAX_KEY_LENGTH = 500;

/** DOC limits-kvs-ce and handling-errors-customentities (used as given, including `\s-#` = whitespace, `-`, `#`). */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;

/** DOC limits-kvs-ce (upd. Dec 1 2025): 240 KiB per persisted value, measured as its JSON serialisation in UTF-8. */
export const MAX_VALUE_BYTES = 240 * 1024;

/** DOC storage-api-secret: secrets "may be up to 128 KiB" (the limits table says 240 KiB for values; stricter wins). */
export const MAX_SECRET_VALUE_BYTES = 128 * 1024;

/** DOC handling-errors-kvs: "maximum object depth (32)"; the limits table says 31 (see the decision record). */
export const MAX_DEPTH = 32;

/** DOC storage-api-query: default page size 10, at most 100 (KVS key query and entity query alike). */
export const DEFAULT_QUERY_LIMIT = 10;
export const MAX_QUERY_LIMIT = 100;

/** DOC storage-reference/batchops, batchops-entities: at most 25 items per batch, 4 MB payload. */
export const MAX_BATCH_ITEMS = 25;

/** DOC storage-reference/transactions: at most 25 operations, 4 MB payload, each key once. */
export const MAX_TRANSACTION_OPERATIONS = 25;

/** DOC batchops and transactions: "4MB" request payloads (taken as 4 × 1024 × 1024 bytes of request body). */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** DOC handling-errors-customentities: entity names are 3..60 characters and match this pattern. */
export const MIN_ENTITY_NAME_LENGTH = 3;
export const MAX_ENTITY_NAME_LENGTH = 60;
export const ENTITY_NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;

/** DOC custom-entities: `integer` attributes are 32-bit signed integers. */
export const MIN_INTEGER = -(2 ** 31);
export const MAX_INTEGER = 2 ** 31 - 1;

/** PKG types.d.ts TtlUnit, in milliseconds. */
export const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

/** CHOSEN: no maximum TTL is published; the expiry must be a date JavaScript can print (year ≤ 9999). */
export const MAX_EXPIRY_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
