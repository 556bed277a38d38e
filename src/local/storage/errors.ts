/**
 * The error codes the emulator answers with. Documented ones are Forge's (handling-errors-kvs,
 * handling-errors-customentities, storage-api-query-complex); the CHOSEN ones fill gaps the docs leave and are listed
 * in docs/decisions/0008-local-storage-emulation.md. Everything the app can see goes through StorageError, so a code
 * never appears as a bare string elsewhere.
 */
export const Codes = {
  // Documented.
  EMPTY_KEY: 'EMPTY_KEY',
  KEY_TOO_LONG: 'KEY_TOO_LONG',
  INVALID_KEY: 'INVALID_KEY',
  KEY_NOT_FOUND: 'KEY_NOT_FOUND',
  MAX_SIZE: 'MAX_SIZE',
  MAX_DEPTH: 'MAX_DEPTH',
  ENTITY_TYPE_TOO_SHORT: 'ENTITY_TYPE_TOO_SHORT',
  ENTITY_TYPE_TOO_LARGE: 'ENTITY_TYPE_TOO_LARGE',
  INVALID_ENTITY_TYPE: 'INVALID_ENTITY_TYPE',
  INVALID_ENTITY_VALUE: 'INVALID_ENTITY_VALUE',
  INVALID_ENTITY_INDEX: 'INVALID_ENTITY_INDEX',
  COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
  EMPTY_FILTER_OPERATOR: 'EMPTY_FILTER_OPERATOR',
  INVALID_FILTER_OPERATORS_COMBINATION: 'INVALID_FILTER_OPERATORS_COMBINATION',
  INSUFFICIENT_FILTER_VALUES: 'INSUFFICIENT_FILTER_VALUES',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Chosen.
  INVALID_REQUEST_BODY: 'INVALID_REQUEST_BODY',
  INVALID_CURSOR: 'INVALID_CURSOR',
  INVALID_TTL: 'INVALID_TTL',
  QUERY_PAGE_LIMIT_NOT_IN_RANGE: 'QUERY_PAGE_LIMIT_NOT_IN_RANGE',
  KEY_ALREADY_EXISTS: 'KEY_ALREADY_EXISTS',
  EMPTY_BATCH: 'EMPTY_BATCH',
  TOO_MANY_BATCH_ITEMS: 'TOO_MANY_BATCH_ITEMS',
  DUPLICATE_BATCH_KEYS: 'DUPLICATE_BATCH_KEYS',
  EMPTY_TRANSACTION: 'EMPTY_TRANSACTION',
  TOO_MANY_TRANSACTION_OPERATIONS: 'TOO_MANY_TRANSACTION_OPERATIONS',
  DUPLICATE_TRANSACTION_KEYS: 'DUPLICATE_TRANSACTION_KEYS',
  CONDITION_CHECK_FAILED: 'CONDITION_CHECK_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];

const STATUS: Partial<Record<Code, number>> = {
  KEY_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  KEY_ALREADY_EXISTS: 409,
  CONDITION_CHECK_FAILED: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_SERVER_ERROR: 500,
};

/** A failure the app sees as `ForgeKvsAPIError(code)`; `extra` lands in the error's `.context`. */
export class StorageError extends Error {
  readonly code: Code;
  readonly status: number;
  readonly extra: Record<string, unknown>;

  constructor(code: Code, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
    this.status = STATUS[code] ?? 400;
    this.extra = extra;
  }
}

export function fail(code: Code, message: string, extra?: Record<string, unknown>): never {
  throw new StorageError(code, message, extra);
}
