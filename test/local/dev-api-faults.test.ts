import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { devRoutes, SerialLane } from '../../src/local/dev-api.js';
import { sourceLoader } from '../../src/local/host/loaders.js';
import { BodyError, send } from '../../src/local/http-io.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { LocalRuntime } from '../../src/local/runtime/local-runtime.js';
import { jsonResponse } from '../../src/local/runtime/wire.js';

const app = fileURLToPath(new URL('fixtures/fault-app/', import.meta.url));
const manifest = parse(readFileSync(`${app}manifest.yml`, 'utf8')) as unknown;

let runtime: LocalRuntime;
let server: Server;
let base = '';

// The dev routes on a loopback port, dispatched as dev-server.ts does, without the rest of `npm start`.
beforeAll(async () => {
  const jira = { handle: () => Promise.resolve(jsonResponse(200, {})) };
  runtime = new LocalRuntime({ manifest, load: sourceLoader(`${app}src`), storagePath: ':memory:', clock: new Clock({ start: Date.parse('2026-03-02T09:00:00Z'), frozen: true }), jira });
  const routes = devRoutes(runtime, new SerialLane());
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) { send(res, 404, { code: 'NOT_FOUND' }); return; }
    route.handle(req, res, route.pattern.exec(path)?.slice(1) ?? []).catch((error: unknown) => {
      if (error instanceof BodyError) send(res, error.status, { code: error.code, message: error.message });
      else send(res, 500, { code: 'INTERNAL', message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  runtime.close();
});
beforeEach(() => {
  for (const s of ['kvs', 'jira', 'queue'] as const) runtime.traffic.setFaults(s, {});
  runtime.traffic.resetStats();
});

type Answer = { status: number; body: Record<string, unknown> };
const post = async (body?: unknown): Promise<Answer> => {
  const res = await fetch(`${base}/__dev/faults`, { method: 'POST', ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const stats = async () => (await (await fetch(`${base}/__dev/stats`)).json()) as { kills: Record<string, number>; faults: unknown; invocations: Record<string, number> };

describe('POST /__dev/faults', () => {
  it('sets one service, "storage" being the KVS', async () => {
    const spec = { latencyMs: 0, errorRate: 0.1, statuses: [429, 500, 503], killRate: 0.01 };
    expect(await post({ service: 'jira', ...spec })).toEqual({ status: 200, body: { faults: { jira: spec } } });
    expect(await post({ service: 'storage', errorRate: 0.2 })).toEqual({ status: 200, body: { faults: { jira: spec, kvs: { errorRate: 0.2 } } } });
    expect(runtime.traffic.faults().kvs).toEqual({ errorRate: 0.2 });
  });

  it('applies a body without a service to every service, and an empty body clears them all', async () => {
    const all = await post({ errorRate: 0.5, statuses: [502] });
    expect(all.body.faults).toEqual({ kvs: { errorRate: 0.5, statuses: [502] }, jira: { errorRate: 0.5, statuses: [502] }, queue: { errorRate: 0.5, statuses: [502] } });
    expect(await post()).toEqual({ status: 200, body: { faults: {} } });
    await post({ killRate: 1 });
    expect(await post({})).toEqual({ status: 200, body: { faults: {} } });
    expect((await stats()).faults).toEqual({});
  });

  it('keeps the per-service form: it replaces only the services it names', async () => {
    await post({ service: 'queue', errorRate: 1 });
    expect((await post({ jira: { errorRate: 0.5, errorStatus: 503 }, seed: 3 })).body).toEqual({ faults: { queue: { errorRate: 1 }, jira: { errorRate: 0.5, errorStatus: 503 } } });
  });

  it('answers 400 INVALID_FAULTS naming the problem, and changes nothing', async () => {
    await post({ service: 'jira', errorRate: 0.3 });
    for (const [body, message] of [
      [{ service: 'confluence' }, 'unknown service "confluence" (use storage, jira or queue)'],
      [{ statuses: [418] }, 'statuses is a non-empty list of distinct statuses among 429, 500, 502, 503, 504'],
      [{ killRate: 2 }, 'killRate is a number 0..1'],
      [[1], 'the body is a JSON object: {service?, latencyMs?, errorRate?, statuses?, killRate?, retryAfterSeconds?, seed?}'],
    ] as const) {
      expect(await post(body)).toEqual({ status: 400, body: { code: 'INVALID_FAULTS', message } });
    }
    expect(await post('{')).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
    expect(runtime.traffic.faults()).toEqual({ jira: { errorRate: 0.3 } });
  });
});

describe('GET /__dev/stats', () => {
  it('counts the invocations killed per service, and shows them as killed', async () => {
    expect((await stats()).kills).toEqual({ kvs: 0, jira: 0, queue: 0 });
    await post({ service: 'jira', killRate: 1 });
    runtime.publishEvent({ eventType: 'avi:jira:created:issue', issue: { key: 'RF-7' } });
    await runtime.drain();
    const after = await stats();
    expect(after.kills).toEqual({ kvs: 0, jira: 1, queue: 0 });
    expect(after.invocations['on-created:killed']).toBe(1);
  });
});
