/**
 * The fault settings of one emulated service and the body of `POST /__dev/faults` (docs/local-runtime.md): checked
 * here so a typo in a reliability script is a 400 naming the setting, never a fault silently not injected.
 */
import type { ServiceName } from './forge-globals.js';

export const SERVICES: readonly ServiceName[] = ['kvs', 'jira', 'queue'];
export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export type FaultSpec = {
  /** Added before the service answers, in wall-clock milliseconds. */
  latencyMs?: number;
  /** Probability 0..1 that a call fails instead of reaching the service. */
  errorRate?: number;
  /** The statuses a failed call answers, one drawn per failure from the seeded generator. Default [429]. */
  statuses?: FaultStatus[];
  /** The older single-status form of `statuses` (`errorStatus: 503` is `statuses: [503]`). */
  errorStatus?: FaultStatus;
  retryAfterSeconds?: number;
  /** Probability 0..1 that a call kills the invocation making it (runtime/kill.ts). */
  killRate?: number;
};

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const SETTINGS = ['latencyMs', 'errorRate', 'statuses', 'errorStatus', 'retryAfterSeconds', 'killRate'] as const;

export function checkFaultSpec(spec: unknown): FaultSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new FaultSpecError('a fault spec is an object');
  const given = spec as Record<string, unknown>;
  const extra = Object.keys(given).filter((k) => !(SETTINGS as readonly string[]).includes(k));
  if (extra.length > 0) throw new FaultSpecError(`unknown fault setting(s): ${extra.join(', ')} (use ${SETTINGS.join(', ')})`);
  const { latencyMs, errorRate, statuses, errorStatus, retryAfterSeconds, killRate } = given;
  const out: FaultSpec = {};
  if (latencyMs !== undefined) out.latencyMs = inRange('latencyMs', latencyMs, 60_000);
  if (errorRate !== undefined) out.errorRate = inRange('errorRate', errorRate, 1);
  if (statuses !== undefined && errorStatus !== undefined) throw new FaultSpecError('give statuses or errorStatus, not both');
  if (statuses !== undefined) out.statuses = statusList(statuses);
  if (errorStatus !== undefined) {
    if (!isFaultStatus(errorStatus)) throw new FaultSpecError(`errorStatus is one of ${FAULT_STATUSES.join(', ')}`);
    out.errorStatus = errorStatus;
  }
  if (retryAfterSeconds !== undefined) out.retryAfterSeconds = inRange('retryAfterSeconds', retryAfterSeconds, 900);
  if (killRate !== undefined) out.killRate = inRange('killRate', killRate, 1);
  return out;
}

/** What one `POST /__dev/faults` does: the services whose settings it replaces, and the generator's new seed. */
export type FaultsRequest = { set: [ServiceName, FaultSpec][]; seed?: number };

const SERVICE_NAMES: Record<string, ServiceName> = { storage: 'kvs', kvs: 'kvs', jira: 'jira', queue: 'queue' };

/**
 * Two body forms. `{service?, ...settings, seed?}` (issue 10) replaces the settings of the named service, or of
 * every service when `service` is absent, so `{}` clears all faults. `{kvs|storage|jira|queue: {...settings}, seed?}`
 * (the first form, kept for existing scripts) replaces the settings of each service it names and leaves the others.
 */
export function faultsRequestOf(body: unknown): FaultsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FaultSpecError('the body is a JSON object: {service?, latencyMs?, errorRate?, statuses?, killRate?, retryAfterSeconds?, seed?}');
  const { seed, ...rest } = body as Record<string, unknown>;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed))) throw new FaultSpecError('seed is an integer');
  const seeded = seed === undefined ? {} : { seed };
  const perService = Object.keys(rest).filter((k) => Object.hasOwn(SERVICE_NAMES, k));
  if (perService.length > 0) {
    const others = Object.keys(rest).filter((k) => !Object.hasOwn(SERVICE_NAMES, k));
    if (others.length > 0) throw new FaultSpecError(`give either {service, ...settings} or per-service objects {storage|jira|queue: {...}}, not both (also got: ${others.join(', ')})`);
    return { set: perService.map((k) => [serviceOf(k), checkFaultSpec(rest[k])]), ...seeded };
  }
  const { service, ...settings } = rest;
  const spec = checkFaultSpec(settings);
  const targets = service === undefined ? SERVICES : [serviceOf(service)];
  return { set: targets.map((s) => [s, spec]), ...seeded };
}

function serviceOf(name: unknown): ServiceName {
  const service = typeof name === 'string' && Object.hasOwn(SERVICE_NAMES, name) ? SERVICE_NAMES[name] : undefined;
  if (service === undefined) throw new FaultSpecError(`unknown service ${JSON.stringify(name)} (use storage, jira or queue)`);
  return service;
}

function inRange(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= max)) throw new FaultSpecError(`${name} is a number 0..${String(max)}`);
  return value;
}

function statusList(value: unknown): FaultStatus[] {
  const message = `statuses is a non-empty list of distinct statuses among ${FAULT_STATUSES.join(', ')}`;
  if (!Array.isArray(value) || value.length === 0) throw new FaultSpecError(message);
  const list: unknown[] = value;
  if (!list.every(isFaultStatus) || new Set(list).size !== list.length) throw new FaultSpecError(message);
  return [...list];
}

function isFaultStatus(value: unknown): value is FaultStatus {
  return (FAULT_STATUSES as readonly unknown[]).includes(value);
}
