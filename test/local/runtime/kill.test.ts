import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceLoader } from '../../../src/local/host/loaders.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { LocalRuntime } from '../../../src/local/runtime/local-runtime.js';
import type { WireRequest, WireResponse, WireService } from '../../../src/local/runtime/wire.js';
import { jsonResponse } from '../../../src/local/runtime/wire.js';

const app = fileURLToPath(new URL('../fixtures/fault-app/', import.meta.url));
const manifest = parse(readFileSync(`${app}manifest.yml`, 'utf8')) as unknown;
const START = Date.parse('2026-03-02T09:00:00Z');

// A Jira that answers 200 and records what reached it, so a killed call's `applied` can be checked.
class JiraStub implements WireService {
  readonly reached: WireRequest[] = [];
  handle(request: WireRequest): Promise<WireResponse> {
    this.reached.push(request);
    return Promise.resolve(jsonResponse(200, {}));
  }
}

const answers = (): number[] => (globalThis as { faultAppAnswers?: number[] }).faultAppAnswers ?? [];

let runtime: LocalRuntime;
let jira: JiraStub;
beforeEach(() => {
  answers().splice(0);
  jira = new JiraStub();
  runtime = new LocalRuntime({ manifest, load: sourceLoader(`${app}src`), storagePath: ':memory:', clock: new Clock({ start: START, frozen: true }), jira, faultSeed: 11 });
});
afterEach(() => {
  runtime.close();
});

const read = (key: string) => kvs.get(key);
const created = (key: string) => ({ eventType: 'avi:jira:created:issue', issue: { key } });
const invokeOneCall = () => runtime.host.invoke('one-call', { moduleType: 'core:function', moduleKey: 'one-call', args: [] });

describe('killRate: an SDK call that kills its invocation mid-run', () => {
  it('ends the invocation as a killed timeout without answering the handler, and the event is redelivered', async () => {
    runtime.traffic.setFaults('jira', { killRate: 1 });
    runtime.publishEvent(created('RF-1'));
    expect((await runtime.drain()).events).toMatchObject({ delivered: 1, retried: 1, succeeded: 0 });
    const record = runtime.host.recent().at(-1);
    expect(record).toMatchObject({ functionKey: 'on-created', outcome: 'timed-out', killed: { service: 'jira', operation: 'GET /rest/api/3/issue/{id}' } });
    expect(record?.error).toMatch(/^killed mid-run by an injected fault on a jira call/);
    expect(await read('attempt:RF-1:0')).toEqual({ retryReason: null });
    expect(await read('done:RF-1:0')).toBeUndefined();
    expect(runtime.traffic.kills()).toEqual({ kvs: 0, jira: 1, queue: 0 });

    runtime.traffic.setFaults('jira', {});
    await runtime.advanceTo(START + 60_000);
    expect(await read('attempt:RF-1:1')).toEqual({ retryReason: 'FUNCTION_TIME_OUT' });
    expect(await read('done:RF-1:1')).toBe(200);
    expect(runtime.events.pending()).toBe(0);
  });

  it('refuses the killed handler’s later storage write and records it as a late call', async () => {
    runtime.traffic.setFaults('jira', { killRate: 1 });
    runtime.publishEvent(created('RF-2'));
    await runtime.drain();
    await expect.poll(() => runtime.lateCalls, { timeout: 5_000 }).toEqual([expect.objectContaining({ functionKey: 'on-created', path: '/api/v1/set', killed: true })]);
    expect(await read('later:RF-2:0')).toBeUndefined();
  });

  it('lets a killed call land on the service or not, drawn from the seed, and both happen', async () => {
    runtime.traffic.setFaults('jira', { killRate: 1 });
    const applied: boolean[] = [];
    for (let i = 0; i < 40; i += 1) {
      expect(await invokeOneCall()).toMatchObject({ outcome: 'timed-out', killed: { service: 'jira' } });
      applied.push(runtime.host.recent().at(-1)?.killed?.applied ?? false);
    }
    expect(jira.reached).toHaveLength(applied.filter(Boolean).length);
    // Answers that were going to reach the handler have had a macrotask to do so.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answers()).toEqual([]);
    expect(applied).toContain(true);
    expect(applied).toContain(false);
    expect(runtime.traffic.kills().jira).toBe(40);
  });

  it('retries a killed queue consumer as an unknown platform error', async () => {
    await runtime.runInInvocation(() => new Queue({ key: 'work' }).push([{ body: { id: 'RF-3' } }]));
    runtime.traffic.setFaults('jira', { killRate: 1 });
    expect((await runtime.drain()).queue).toMatchObject({ delivered: 1, retried: 1 });
    expect(runtime.host.recent().at(-1)).toMatchObject({ functionKey: 'consume', killed: { service: 'jira' } });
    runtime.traffic.setFaults('jira', {});
    await runtime.advanceTo(START + 60_000);
    expect(await read('consumed:RF-3:0')).toBeUndefined();
    expect(await read('consumed:RF-3:1')).toBe(true);
  });

  it('changes nothing at killRate 0', async () => {
    runtime.traffic.setFaults('jira', { killRate: 0 });
    expect(await invokeOneCall()).toEqual({ outcome: 'returned', value: 200 });
    expect(answers()).toEqual([200]);
    runtime.publishEvent(created('RF-4'));
    expect((await runtime.drain()).events).toMatchObject({ delivered: 1, succeeded: 1, retried: 0 });
    expect(await read('done:RF-4:0')).toBe(200);
    expect(await read('later:RF-4:0')).toBe(true);
    expect(runtime.traffic.kills()).toEqual({ kvs: 0, jira: 0, queue: 0 });
    expect(runtime.lateCalls).toEqual([]);
  });

  it('never kills a call made outside a hosted function', async () => {
    runtime.traffic.setFaults('kvs', { killRate: 1 });
    await runtime.runInInvocation(() => kvs.set('outside', 1));
    expect(await read('outside')).toBe(1);
    expect(runtime.traffic.kills().kvs).toBe(0);
  });
});
