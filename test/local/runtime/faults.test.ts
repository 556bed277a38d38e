import { describe, expect, it } from 'vitest';
import { faultsRequestOf, SERVICES } from '../../../src/local/runtime/fault-spec.js';
import { KillVerdict } from '../../../src/local/runtime/kill.js';
import { type FaultSpec, TrafficControl } from '../../../src/local/runtime/traffic.js';
import type { WireRequest, WireResponse } from '../../../src/local/runtime/wire.js';
import { jsonResponse } from '../../../src/local/runtime/wire.js';

const request: WireRequest = { path: '/rest/api/3/myself', method: 'GET', headers: {}, body: undefined };
const ok = (): Promise<WireResponse> => Promise.resolve(jsonResponse(200, {}));

/** The statuses of `count` Jira calls under `spec`, from a fresh generator seeded with `seed`. */
async function run(spec: FaultSpec, seed: number, count: number, killable = true): Promise<{ statuses: (number | 'killed')[]; traffic: TrafficControl }> {
  const traffic = new TrafficControl(seed);
  traffic.setFaults('jira', spec);
  const statuses: (number | 'killed')[] = [];
  for (let i = 0; i < count; i += 1) {
    const answer = await traffic.intercept('jira', request, ok, { killable });
    statuses.push(answer instanceof KillVerdict ? 'killed' : answer.status);
  }
  return { statuses, traffic };
}

describe('statuses', () => {
  it('answers each failed call with a status drawn from the list: all of them appear, and a seed replays them', async () => {
    const { statuses } = await run({ errorRate: 1, statuses: [429, 500, 502, 503, 504] }, 5, 200);
    expect(new Set(statuses)).toEqual(new Set([429, 500, 502, 503, 504]));
    expect((await run({ errorRate: 1, statuses: [429, 500, 502, 503, 504] }, 5, 200)).statuses).toEqual(statuses);
    expect((await run({ errorRate: 1, statuses: [429, 500, 502, 503, 504] }, 6, 200)).statuses).not.toEqual(statuses);
  });

  it('sends Retry-After with a drawn 429 only', async () => {
    const traffic = new TrafficControl(3);
    traffic.setFaults('kvs', { errorRate: 1, statuses: [429, 503], retryAfterSeconds: 4 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => traffic.intercept('kvs', { ...request, path: '/api/v1/get' }, ok)));
    const pairs = new Set(answers.map((a) => (a instanceof KillVerdict ? 'killed' : `${String(a.status)}:${a.headers?.['retry-after'] ?? '-'}`)));
    expect(pairs).toEqual(new Set(['429:4', '503:-']));
  });

  it('treats errorStatus as a one-status list, with the same faults for a seed', async () => {
    const single = await run({ errorRate: 0.5, statuses: [503] }, 9, 60);
    expect(single.statuses).toEqual((await run({ errorRate: 0.5, errorStatus: 503 }, 9, 60)).statuses);
    expect(new Set(single.statuses)).toEqual(new Set([200, 503]));
  });
});

describe('killRate in the interceptor', () => {
  it('at 0 changes nothing: the same faults for a seed, no kill counted', async () => {
    const without = await run({ errorRate: 0.3, statuses: [500, 503] }, 21, 100);
    const withZero = await run({ errorRate: 0.3, statuses: [500, 503], killRate: 0 }, 21, 100);
    expect(withZero.statuses).toEqual(without.statuses);
    expect(withZero.traffic.kills()).toEqual({ kvs: 0, jira: 0, queue: 0 });
  });

  it('kills about killRate of the calls, counted per service, and never a call that cannot be killed', async () => {
    const { statuses, traffic } = await run({ killRate: 0.25 }, 2, 400);
    const killed = statuses.filter((s) => s === 'killed').length;
    expect(killed).toBeGreaterThan(60);
    expect(killed).toBeLessThan(140);
    expect(traffic.kills()).toEqual({ kvs: 0, jira: killed, queue: 0 });
    expect(traffic.stats().jira?.['GET /rest/api/3/myself']).toEqual({ calls: 400, faults: 0, errors: 0 });
    const unkillable = await run({ killRate: 1 }, 2, 20, false);
    expect(unkillable.statuses.every((s) => s === 200)).toBe(true);
    expect(unkillable.traffic.kills().jira).toBe(0);
  });
});

describe('the POST /__dev/faults body', () => {
  it('clears every service with an empty object, and applies settings without a service to every service', () => {
    expect(faultsRequestOf({})).toEqual({ set: SERVICES.map((s) => [s, {}]) });
    const everywhere = faultsRequestOf({ latencyMs: 30, errorRate: 0.1, statuses: [429, 500, 503], killRate: 0.01, seed: 4 });
    expect(everywhere).toEqual({ set: SERVICES.map((s) => [s, { latencyMs: 30, errorRate: 0.1, statuses: [429, 500, 503], killRate: 0.01 }]), seed: 4 });
  });

  it('names storage for the KVS, and keeps the per-service form', () => {
    expect(faultsRequestOf({ service: 'storage', errorRate: 0.1 })).toEqual({ set: [['kvs', { errorRate: 0.1 }]] });
    expect(faultsRequestOf({ service: 'jira' })).toEqual({ set: [['jira', {}]] });
    expect(faultsRequestOf({ storage: { killRate: 1 }, jira: { errorStatus: 503 }, seed: 2 })).toEqual({ set: [['kvs', { killRate: 1 }], ['jira', { errorStatus: 503 }]], seed: 2 });
  });

  it.each([
    [[], /JSON object/],
    [{ service: 'confluence' }, /unknown service "confluence"/],
    [{ service: 'toString' }, /unknown service/],
    [{ errorRate: 1.5 }, /errorRate is a number 0\.\.1/],
    [{ killRate: -0.1 }, /killRate is a number 0\.\.1/],
    [{ killRate: '0.1' }, /killRate/],
    [{ statuses: [] }, /statuses is a non-empty list/],
    [{ statuses: [418] }, /429, 500, 502, 503, 504/],
    [{ statuses: [500, 500] }, /distinct/],
    [{ statuses: [500], errorStatus: 500 }, /not both/],
    [{ errorRates: 0.1 }, /unknown fault setting\(s\): errorRates/],
    [{ jira: { errorRate: 0.1 }, killRate: 0.1 }, /not both/],
    [{ seed: 1.5 }, /seed is an integer/],
  ])('rejects %j', (body, message) => {
    expect(() => faultsRequestOf(body)).toThrow(message);
  });
});
