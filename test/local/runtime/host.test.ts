import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kvs } from '@forge/kvs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceLoader } from '../../../src/local/host/loaders.js';
import { PRODUCT_EVENT_MAX_RETRIES } from '../../../src/local/host/product-events.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { CONTEXT_ARI, LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { LocalRuntime } from '../../../src/local/runtime/local-runtime.js';

const app = fileURLToPath(new URL('../fixtures/host-app/', import.meta.url));
const manifest = parse(readFileSync(`${app}manifest.yml`, 'utf8')) as unknown;
const START = Date.parse('2026-03-02T09:00:00Z');

let runtime: LocalRuntime;
beforeEach(() => {
  runtime = new LocalRuntime({ manifest, load: sourceLoader(`${app}src`), storagePath: ':memory:', clock: new Clock({ start: START, frozen: true }) });
});
afterEach(() => {
  runtime.close();
});

const created = (key: string, extra: Record<string, unknown> = {}) => ({ eventType: 'avi:jira:created:issue', issue: { key }, atlassianId: '557058:someone', ...extra });
// Reads go through the same SDK the app uses, as a test invocation.
const read = (key: string) => kvs.get(key);

describe('product events', () => {
  it('delivers an event to every subscribed trigger, with the install context and the emulated time', async () => {
    expect(runtime.publishEvent(created('RF-1'))).toEqual({ ok: true, eventType: 'avi:jira:created:issue', deliveries: 2, ignoredSelf: 0, unsubscribed: false });
    const report = await runtime.drain();
    expect(report.events).toEqual({ delivered: 2, succeeded: 2, retried: 0, failed: 0 });
    expect(await read('seen:RF-1:0')).toEqual({ eventType: 'avi:jira:created:issue', at: START, installContext: CONTEXT_ARI, retryData: null });
    expect(await read('audit:RF-1')).toEqual({ eventType: 'avi:jira:created:issue' });
  });

  it('honours filter.ignoreSelf per trigger: the app’s own change reaches only the trigger without it', async () => {
    const result = runtime.publishEvent(created('RF-2', { atlassianId: LOCAL_APP.appAccountId }));
    expect(result).toMatchObject({ deliveries: 1, ignoredSelf: 1 });
    await runtime.drain();
    expect(await read('seen:RF-2:0')).toBeUndefined();
    expect(await read('audit:RF-2')).toEqual({ eventType: 'avi:jira:created:issue' });
  });

  it('reports events no trigger subscribes to, and rejects events without an eventType', () => {
    expect(runtime.publishEvent({ eventType: 'avi:jira:created:project' })).toMatchObject({ ok: true, deliveries: 0, unsubscribed: true });
    expect(runtime.publishEvent({ issue: {} })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    expect(runtime.publishEvent([])).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  it('retries an InvocationError after retryAfter on the clock, with retryContext, at most 4 times', async () => {
    runtime.publishEvent({ ...created('RF-3'), eventType: 'avi:jira:updated:issue', mode: 'retry' });
    expect((await runtime.drain()).events).toMatchObject({ delivered: 1, retried: 1 });
    expect(await read('seen:RF-3:1')).toBeUndefined();
    runtime.clock.advance(29_000);
    expect((await runtime.drain()).events.delivered).toBe(0);
    await runtime.advanceTo(START + 10 * 60_000);
    for (let retry = 1; retry <= PRODUCT_EVENT_MAX_RETRIES; retry += 1) {
      expect(await read(`seen:RF-3:${String(retry)}`)).toMatchObject({ at: START + retry * 30_000, retryData: { attempt: retry } });
    }
    expect(await read(`seen:RF-3:${String(PRODUCT_EVENT_MAX_RETRIES + 1)}`)).toBeUndefined();
    expect(runtime.events.failed()).toEqual([expect.objectContaining({ trigger: 'issue-events', retryCount: 4, reason: expect.stringContaining('retries exhausted') as unknown })]);
  });

  it('records a throwing handler as failed and does not retry it', async () => {
    runtime.publishEvent({ ...created('RF-4'), eventType: 'avi:jira:updated:issue', mode: 'throw' });
    expect((await runtime.drain()).events).toMatchObject({ delivered: 1, failed: 1, retried: 0 });
    expect(runtime.events.failed()[0]?.reason).toBe('Error: handler failed on purpose');
    expect(runtime.host.recent().at(-1)).toMatchObject({ functionKey: 'on-issue', outcome: 'threw', moduleKey: 'issue-events' });
  });

  it('stops waiting at the function timeout and refuses the timed-out handler’s later SDK calls', async () => {
    runtime.publishEvent({ eventType: 'avi:jira:deleted:issue', issue: { key: 'RF-5' } });
    await runtime.drain();
    expect(runtime.host.recent().find((r) => r.functionKey === 'slow')).toMatchObject({ outcome: 'timed-out', error: 'timed out after 1 s' });
    await expect.poll(() => runtime.lateCalls, { timeout: 15_000 }).toEqual([expect.objectContaining({ functionKey: 'slow', path: '/api/v1/set' })]);
    expect(await read('late:RF-5')).toBeUndefined();
  });
});

describe('scheduled triggers', () => {
  it('fire five minutes after start, then every interval, each tick at its own time', async () => {
    await runtime.advanceTo(START + 4 * 60_000);
    expect((await kvs.query().limit(100).getMany()).results.filter((r) => r.key.startsWith('tick:'))).toEqual([]);
    const reports = await runtime.advanceTo(START + 20 * 60_000);
    expect(reports.flatMap((r) => r.scheduled).map((s) => s.at)).toEqual(['2026-03-02T09:05:00.000Z', '2026-03-02T09:10:00.000Z', '2026-03-02T09:15:00.000Z', '2026-03-02T09:20:00.000Z']);
    const ticks = (await kvs.query().limit(100).getMany()).results.filter((r) => r.key.startsWith('tick:'));
    expect(ticks.map((t) => Number(t.key.slice(5)))).toEqual([5, 10, 15, 20].map((m) => START + m * 60_000));
    expect(ticks[0]?.value).toEqual({ moduleKey: 'every-five' });
  });
});

describe('resolvers and consumers', () => {
  it('calls a resolver definition as the given user, through @forge/resolver', async () => {
    expect(await runtime.invokeResolver('whoami', {}, { accountId: 'user-1' })).toEqual({ outcome: 'returned', value: { accountId: 'user-1' } });
    expect(await runtime.invokeResolver('whoami', {})).toEqual({ outcome: 'returned', value: { accountId: LOCAL_APP.adminAccountId } });
    const missing = await runtime.invokeResolver('nope', {});
    expect(missing).toMatchObject({ outcome: 'threw', error: { message: "Resolver has no definition for 'nope'." } });
  });

  it('delivers a pushed event to the consumer, retrying on InvocationError on the clock', async () => {
    const pushed = await runtime.invokeResolver('push', { id: 'a', failTimes: 1 });
    expect(pushed).toMatchObject({ outcome: 'returned', value: { jobId: expect.any(String) as unknown } });
    const first = await runtime.drain();
    expect(first.queue).toMatchObject({ delivered: 1, retried: 1 });
    expect(await read('job:a:0')).toMatchObject({ at: START });
    await runtime.advanceTo(START + 120_000);
    expect(await read('job:a:1')).toMatchObject({ at: START + 60_000 });
    expect(runtime.queue.pending()).toBe(0);
  });
});
