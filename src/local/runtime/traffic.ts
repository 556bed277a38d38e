/**
 * Fault and latency injection per emulated service, and request counters per service and operation. The reliability
 * and scale tests (issue 10) set faults here; `GET /__dev/stats` reads the counters. Errors are drawn from a seeded
 * generator so a failing run can be replayed.
 */
import type { CallInterceptor, ServiceName } from './forge-globals.js';
import type { WireRequest, WireResponse } from './wire.js';
import { errorResponse } from './wire.js';

export type FaultSpec = {
  /** Added before the service answers, in wall-clock milliseconds. */
  latencyMs?: number;
  /** Probability 0..1 that a call fails instead of reaching the service. */
  errorRate?: number;
  /** 429 (with Retry-After) or a 5xx. Default 429. */
  errorStatus?: 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
};

export type OperationStats = { calls: number; faults: number; errors: number };
export type TrafficStats = Record<string, Record<string, OperationStats>>;

export const SERVICES: readonly ServiceName[] = ['kvs', 'jira', 'queue'];

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

export function checkFaultSpec(spec: unknown): FaultSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new FaultSpecError('a fault spec is an object');
  const { latencyMs, errorRate, errorStatus, retryAfterSeconds, ...rest } = spec as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new FaultSpecError(`unknown fault setting(s): ${extra.join(', ')}`);
  const out: FaultSpec = {};
  if (latencyMs !== undefined) {
    if (typeof latencyMs !== 'number' || !(latencyMs >= 0 && latencyMs <= 60_000)) throw new FaultSpecError('latencyMs is 0..60000');
    out.latencyMs = latencyMs;
  }
  if (errorRate !== undefined) {
    if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1)) throw new FaultSpecError('errorRate is 0..1');
    out.errorRate = errorRate;
  }
  if (errorStatus !== undefined) {
    if (![429, 500, 502, 503, 504].includes(errorStatus as number)) throw new FaultSpecError('errorStatus is 429, 500, 502, 503 or 504');
    out.errorStatus = errorStatus as FaultSpec['errorStatus'] & number;
  }
  if (retryAfterSeconds !== undefined) {
    if (typeof retryAfterSeconds !== 'number' || !(retryAfterSeconds >= 0 && retryAfterSeconds <= 900)) throw new FaultSpecError('retryAfterSeconds is 0..900');
    out.retryAfterSeconds = retryAfterSeconds;
  }
  return out;
}

/** The operation a request counts under: KVS and queue by path, Jira by method and path template. */
export function operationOf(service: ServiceName, request: WireRequest): string {
  const path = request.path.split('?')[0] ?? '';
  if (service === 'kvs') return path.replace(/^\/api\/v1\//, '');
  if (service === 'queue') return path.split('/')[3] ?? 'unknown';
  const segments = path.split('/');
  // Ids and issue keys become {id}; the API version after /rest/api or /rest/agile stays.
  const template = segments
    .map((segment, i) => {
      const isVersion = i > 0 && ['api', 'agile'].includes(segments[i - 1] ?? '');
      return !isVersion && (/^\d+$/.test(segment) || /^[A-Z][A-Z0-9_]*-\d+$/.test(segment)) ? '{id}' : segment;
    })
    .join('/');
  return `${request.method} ${template}`;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class TrafficControl {
  readonly #faults = new Map<ServiceName, FaultSpec>();
  #stats: TrafficStats = {};
  #random: () => number;

  constructor(seed = 1) {
    this.#random = seeded(seed);
  }

  setFaults(service: ServiceName, spec: FaultSpec): void {
    if (Object.keys(spec).length === 0) this.#faults.delete(service);
    else this.#faults.set(service, spec);
  }

  faults(): Partial<Record<ServiceName, FaultSpec>> {
    return Object.fromEntries(this.#faults);
  }

  reseed(seed: number): void {
    this.#random = seeded(seed);
  }

  stats(): TrafficStats {
    return structuredClone(this.#stats);
  }

  resetStats(): void {
    this.#stats = {};
  }

  readonly intercept: CallInterceptor = async (service, request, next) => {
    const entry = this.#count(service, operationOf(service, request));
    entry.calls += 1;
    const spec = this.#faults.get(service);
    if (spec?.latencyMs) await sleep(spec.latencyMs);
    if (spec?.errorRate && this.#random() < spec.errorRate) {
      entry.faults += 1;
      return injected(spec);
    }
    const response = await next();
    if (response.status >= 400) entry.errors += 1;
    return response;
  };

  #count(service: ServiceName, operation: string): OperationStats {
    const byOperation = (this.#stats[service] ??= {});
    return (byOperation[operation] ??= { calls: 0, faults: 0, errors: 0 });
  }
}

function injected(spec: FaultSpec): WireResponse {
  const status = spec.errorStatus ?? 429;
  if (status !== 429) return errorResponse(status, 'INJECTED_FAULT', `injected ${String(status)} (local runtime fault injection)`);
  const retryAfter = String(spec.retryAfterSeconds ?? 1);
  return errorResponse(429, 'RATE_LIMIT_EXCEEDED', 'injected rate limit (local runtime fault injection)', {}, { 'retry-after': retryAfter });
}
