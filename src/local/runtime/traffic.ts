/**
 * Fault and latency injection per emulated service, and request counters per service and operation. The reliability
 * and scale tests (issue 10) set faults here; `GET /__dev/stats` reads the counters. Errors are drawn from a seeded
 * generator so a failing run can be replayed.
 */
import type { FaultSpec, FaultStatus } from './fault-spec.js';
import type { CallInterceptor, ServiceName } from './forge-globals.js';
import { KillVerdict } from './kill.js';
import type { WireRequest, WireResponse } from './wire.js';
import { errorResponse } from './wire.js';

export type OperationStats = { calls: number; faults: number; errors: number };
export type TrafficStats = Record<string, Record<string, OperationStats>>;
export type KillStats = Record<ServiceName, number>;

export { checkFaultSpec, FaultSpecError, SERVICES, type FaultSpec } from './fault-spec.js';

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

/** A small seeded generator (mulberry32): the same seed replays the same faults, and the reliability script. */
export function seeded(seed: number): () => number {
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
  #kills: KillStats = { kvs: 0, jira: 0, queue: 0 };
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

  /** Invocations killed by a call to each service (`killRate`); those calls count in `calls` only. */
  kills(): KillStats {
    return { ...this.#kills };
  }

  resetStats(): void {
    this.#stats = {};
    this.#kills = { kvs: 0, jira: 0, queue: 0 };
  }

  // Draws happen only for settings in use, so adding killRate 0 or one status replays the same faults for a seed.
  readonly intercept: CallInterceptor = async (service, request, next, call) => {
    const operation = operationOf(service, request);
    const entry = this.#count(service, operation);
    entry.calls += 1;
    const spec = this.#faults.get(service);
    if (spec?.latencyMs) await sleep(spec.latencyMs);
    if (spec?.killRate && call?.killable && this.#random() < spec.killRate) {
      this.#kills[service] += 1;
      // A crash can come before or after the request reached the service: half the killed calls land (seeded).
      const applied = this.#random() < 0.5;
      if (applied) await next();
      return new KillVerdict(operation, applied);
    }
    if (spec?.errorRate && this.#random() < spec.errorRate) {
      entry.faults += 1;
      return injected(spec, this.#pick(spec));
    }
    const response = await next();
    if (response.status >= 400) entry.errors += 1;
    return response;
  };

  #pick(spec: FaultSpec): FaultStatus {
    const statuses = spec.statuses ?? [spec.errorStatus ?? 429];
    if (statuses.length === 1) return statuses[0] ?? 429;
    return statuses[Math.floor(this.#random() * statuses.length)] ?? 429;
  }

  #count(service: ServiceName, operation: string): OperationStats {
    const byOperation = (this.#stats[service] ??= {});
    return (byOperation[operation] ??= { calls: 0, faults: 0, errors: 0 });
  }
}

function injected(spec: FaultSpec, status: FaultStatus): WireResponse {
  if (status !== 429) return errorResponse(status, 'INJECTED_FAULT', `injected ${String(status)} (local runtime fault injection)`);
  const retryAfter = String(spec.retryAfterSeconds ?? 1);
  return errorResponse(429, 'RATE_LIMIT_EXCEEDED', 'injected rate limit (local runtime fault injection)', {}, { 'retry-after': retryAfter });
}
