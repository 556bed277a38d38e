/**
 * The KVS wire service: what `global.__forge_fetch__({type:'kvs'}, path, init)` reaches. It routes the @forge/kvs
 * paths (storage-api.js), parses the JSON body and answers like Forge: 2xx with the shapes the SDK reads, or
 * `{code, message}` errors the SDK turns into ForgeKvsAPIError. It never throws: anything unexpected is a 500.
 */
import type { Clock } from '../runtime/clock.js';
import { errorResponse, jsonResponse, type WireRequest, type WireResponse, type WireService } from '../runtime/wire.js';
import { runBatch } from './batch.js';
import type { EntityCatalog } from './entities.js';
import { queryEntities } from './entity-query.js';
import { Codes, StorageError } from './errors.js';
import { deleteItem, getItem, queryKeys, type Reply, setItem, type StorageContext } from './key-value.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';
import type { SqliteStore } from './sqlite-store.js';
import { runTransaction } from './transaction.js';

type Route = { handle: (ctx: StorageContext, body: unknown) => Reply; payloadLimited?: true };

const ROUTES: Record<string, Route> = {
  '/api/v1/get': { handle: (ctx, body) => getItem(ctx, 'kvs', body) },
  '/api/v1/set': { handle: (ctx, body) => setItem(ctx, 'kvs', body) },
  '/api/v1/delete': { handle: (ctx, body) => deleteItem(ctx, 'kvs', body) },
  '/api/v1/query': { handle: queryKeys },
  '/api/v1/secret/get': { handle: (ctx, body) => getItem(ctx, 'secret', body) },
  '/api/v1/secret/set': { handle: (ctx, body) => setItem(ctx, 'secret', body) },
  '/api/v1/secret/delete': { handle: (ctx, body) => deleteItem(ctx, 'secret', body) },
  '/api/v1/entity/get': { handle: (ctx, body) => getItem(ctx, 'entity', body) },
  '/api/v1/entity/set': { handle: (ctx, body) => setItem(ctx, 'entity', body) },
  '/api/v1/entity/delete': { handle: (ctx, body) => deleteItem(ctx, 'entity', body) },
  '/api/v1/entity/query': { handle: queryEntities },
  '/api/v1/batch/set': { handle: (ctx, body) => runBatch(ctx, 'set', body), payloadLimited: true },
  '/api/v1/batch/get': { handle: (ctx, body) => runBatch(ctx, 'get', body), payloadLimited: true },
  '/api/v1/batch/delete': { handle: (ctx, body) => runBatch(ctx, 'delete', body), payloadLimited: true },
  '/api/v1/transaction': { handle: runTransaction, payloadLimited: true },
};

export class KvsService implements WireService {
  readonly #store: SqliteStore;
  readonly #catalog: EntityCatalog;
  readonly #clock: Pick<Clock, 'now'>;

  constructor(store: SqliteStore, catalog: EntityCatalog, clock: Pick<Clock, 'now'>) {
    this.#store = store;
    this.#catalog = catalog;
    this.#clock = clock;
  }

  handle(request: WireRequest): Promise<WireResponse> {
    return Promise.resolve(this.#answer(request));
  }

  #answer(request: WireRequest): WireResponse {
    try {
      const route = Object.hasOwn(ROUTES, request.path) ? ROUTES[request.path] : undefined;
      if (route === undefined) return errorResponse(404, Codes.NOT_FOUND, `No KVS operation at ${request.path}.`);
      if (request.method.toUpperCase() !== 'POST') {
        return errorResponse(405, Codes.METHOD_NOT_ALLOWED, `${request.path} takes POST, not ${request.method}.`);
      }
      const text = request.body ?? '';
      const bytes = Buffer.byteLength(text, 'utf8');
      if (route.payloadLimited === true && bytes > MAX_PAYLOAD_BYTES) {
        return errorResponse(413, Codes.PAYLOAD_TOO_LARGE, `The request payload is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES}.`);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return errorResponse(400, Codes.INVALID_REQUEST_BODY, 'The request body is not JSON.');
      }
      const reply = route.handle({ store: this.#store, catalog: this.#catalog, now: this.#clock.now() }, body);
      return reply.body === undefined ? { status: reply.status } : jsonResponse(reply.status, reply.body);
    } catch (error) {
      if (error instanceof StorageError) return errorResponse(error.status, error.code, error.message, error.extra);
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(500, Codes.INTERNAL_SERVER_ERROR, `The storage emulator failed: ${message}`);
    }
  }
}
