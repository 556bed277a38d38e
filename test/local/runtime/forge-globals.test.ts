import api, { asApp, asUser, getAppContext, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock, realNow } from '../../../src/local/runtime/clock.js';
import { installForgeGlobals } from '../../../src/local/runtime/forge-globals.js';
import { CONTEXT_ARI, LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { TrafficControl } from '../../../src/local/runtime/traffic.js';
import type { WireRequest, WireResponse, WireService } from '../../../src/local/runtime/wire.js';
import { errorResponse, jsonResponse } from '../../../src/local/runtime/wire.js';

// A service that records what the SDKs sent and answers from a script.
class Recorder implements WireService {
  calls: { request: WireRequest; functionKey: string; accountId?: string }[] = [];
  answer: (request: WireRequest) => WireResponse = () => jsonResponse(200, {});
  handle(request: WireRequest, caller: { functionKey: string; accountId?: string }): Promise<WireResponse> {
    this.calls.push({ request, functionKey: caller.functionKey, ...(caller.accountId ? { accountId: caller.accountId } : {}) });
    return Promise.resolve(this.answer(request));
  }
}

const kvsService = new Recorder();
const jira = new Recorder();
const clock = new Clock({ start: Date.parse('2030-01-01T00:00:00Z'), frozen: true });
const traffic = new TrafficControl(7);
const globals = installForgeGlobals({ kvs: kvsService, jira }, { clock, intercept: traffic.intercept });
afterAll(() => {
  globals.uninstall();
});
beforeEach(() => {
  kvsService.calls = [];
  kvsService.answer = () => jsonResponse(200, {});
  jira.calls = [];
  traffic.resetStats();
  for (const s of ['kvs', 'jira', 'queue'] as const) traffic.setFaults(s, {});
});

describe('the real SDKs through the installed globals', () => {
  it('@forge/kvs reaches the storage service with the wire body and maps KEY_NOT_FOUND to undefined', async () => {
    kvsService.answer = () => errorResponse(404, 'KEY_NOT_FOUND', 'no such key');
    expect(await kvs.get('missing')).toBeUndefined();
    expect(kvsService.calls[0]?.request).toMatchObject({ path: '/api/v1/get', method: 'POST', body: '{"key":"missing"}' });
    kvsService.answer = () => errorResponse(400, 'INVALID_KEY', 'bad key');
    await expect(kvs.get('x')).rejects.toMatchObject({ name: 'ForgeKvsError', code: 'INVALID_KEY' });
  });

  it('routes requestJira by provider: app, user (with the account id) and none', async () => {
    jira.answer = (r) => jsonResponse(200, { path: r.path });
    const asAppRes = await asApp().requestJira(route`/rest/api/3/issue/${'RF-1'}?fields=${'summary,status'}`);
    expect(await asAppRes.json()).toEqual({ path: '/rest/api/3/issue/RF-1?fields=summary%2Cstatus' });
    await asUser('user-9').requestJira(route`/rest/api/3/myself`);
    await api.requestJira(route`/rest/api/3/myself`);
    expect(jira.calls.map((c) => [c.request.headers['x-forge-provider'], c.request.headers['x-forge-account-id']])).toEqual([
      ['app', undefined],
      ['user', 'user-9'],
      ['none', undefined],
    ]);
  });

  it('answers 501 NOT_EMULATED for services the runtime was not given, and 500 when a service throws', async () => {
    await expect(kvs.set('k', 1)).resolves.toBeUndefined();
    const graph = await asApp().requestGraph('{ me { user { name } } }');
    expect(graph.status).toBe(501);
    kvsService.answer = () => {
      throw new Error('service bug');
    };
    await expect(kvs.get('k')).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'service bug' });
  });

  it('gives each invocation its own app context, remaining time and caller', async () => {
    const seen = await Promise.all(
      ['fn-a', 'fn-b'].map((functionKey) =>
        globals.runAs({ functionKey, moduleKey: `${functionKey}-module`, timeoutSeconds: 5, accountId: `${functionKey}-user` }, async () => {
          await kvs.set('k', functionKey);
          const ctx = getAppContext();
          return { moduleKey: ctx.moduleKey, remaining: ctx.invocationRemainingTimeInMillis(), installation: ctx.installationAri.toString() };
        }),
      ),
    );
    expect(seen.map((s) => s.moduleKey)).toEqual(['fn-a-module', 'fn-b-module']);
    for (const s of seen) expect(s.remaining).toBeGreaterThan(0);
    for (const s of seen) expect(s.remaining).toBeLessThanOrEqual(5000);
    expect(seen[0]?.installation).toContain(LOCAL_APP.installationId);
    expect(kvsService.calls.map((c) => [c.functionKey, c.accountId])).toEqual([
      ['fn-a', 'fn-a-user'],
      ['fn-b', 'fn-b-user'],
    ]);
    expect((globalThis as unknown as { __forge_runtime__: { contextAri: string } }).__forge_runtime__.contextAri).toBe(CONTEXT_ARI);
  });

  it('refuses calls from an invocation that has ended', async () => {
    await globals.runAs({ functionKey: 'done' }, async () => {
      globals.current().ended = true;
      await expect(kvs.set('k', 1)).rejects.toMatchObject({ code: 'INVOCATION_ENDED' });
    });
    expect(kvsService.calls).toEqual([]);
  });

  it('makes Date.now() the emulated clock inside invocations only', async () => {
    const inside = await globals.runAs({ functionKey: 'clock' }, () => Promise.resolve(Date.now()));
    expect(inside).toBe(Date.parse('2030-01-01T00:00:00Z'));
    expect(Math.abs(Date.now() - realNow())).toBeLessThan(1000);
  });
});

describe('fault injection and counters', () => {
  it('counts calls per service and operation, Jira by path template', async () => {
    jira.answer = () => jsonResponse(404, { errorMessages: ['nope'] });
    await kvs.set('a', 1);
    await kvs.get('a');
    await kvs.get('b');
    await asApp().requestJira(route`/rest/api/3/issue/${'RF-12'}`);
    await asApp().requestJira(route`/rest/api/3/issue/${'10001'}`);
    expect(traffic.stats()).toEqual({
      kvs: { set: { calls: 1, faults: 0, errors: 0 }, get: { calls: 2, faults: 0, errors: 0 } },
      jira: { 'GET /rest/api/3/issue/{id}': { calls: 2, faults: 0, errors: 2 } },
    });
  });

  it('injects 429 with Retry-After and 5xx at the configured rate, reproducibly by seed', async () => {
    traffic.setFaults('jira', { errorRate: 1, errorStatus: 429, retryAfterSeconds: 7 });
    const limited = await asApp().requestJira(route`/rest/api/3/myself`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    traffic.setFaults('kvs', { errorRate: 1, errorStatus: 503 });
    await expect(kvs.get('a')).rejects.toMatchObject({ code: 'INJECTED_FAULT' });
    expect(jira.calls).toEqual([]);

    const pattern = async (seed: number): Promise<number[]> => {
      traffic.reseed(seed);
      traffic.setFaults('jira', { errorRate: 0.5, errorStatus: 500 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await asApp().requestJira(route`/rest/api/3/myself`)).status);
      return statuses;
    };
    jira.answer = () => jsonResponse(200, {});
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });
});
