import { readFileSync } from 'node:fs';
import { asApp, asUser, route } from '@forge/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createJiraSite, type JiraSite } from '../../../src/local/jira/site/index.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { LocalRuntime } from '../../../src/local/runtime/local-runtime.js';

// The site wired into the runtime: its product events reach the app's real trigger module (manifest.yml), and the
// app's own changes are held back by filter.ignoreSelf, as on Forge.
const manifest = parseYaml(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as unknown;
const BEN = '557058:local-ben';

let runtime: LocalRuntime;
let site: JiraSite;
let received: Record<string, unknown>[];
beforeEach(() => {
  const clock = new Clock({ start: Date.parse('2026-03-02T09:00:00Z'), frozen: true });
  site = createJiraSite({ clock, appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
  received = [];
  const recorder = (event: unknown) => {
    received.push(event as Record<string, unknown>);
    return { accepted: true };
  };
  runtime = new LocalRuntime({ manifest, load: () => Promise.resolve(recorder), storagePath: ':memory:', clock, jira: site });
});
afterEach(() => {
  runtime.close();
});

const labelEdit = (label: string) => ({
  method: 'PUT',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ update: { labels: [{ add: label }] } }),
});

describe('the simulated site inside the local runtime', () => {
  it('delivers a person’s change to the app’s trigger, attributed to that person, with its changelog', async () => {
    const response = await runtime.runInInvocation(() => asUser(BEN).requestJira(route`/rest/api/3/issue/${'RF-7'}`, labelEdit('from-ben')));
    expect(response.status).toBe(204);
    const report = await runtime.drain();
    expect(report.events).toMatchObject({ delivered: 1, succeeded: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      atlassianId: BEN,
      issue: { key: 'RF-7' },
      changelog: { items: [expect.objectContaining({ field: 'labels', toString: expect.stringContaining('from-ben') as unknown })] },
    });
  });

  it('holds back the app’s own change (ignoreSelf), so a rule cannot trigger itself through its writes', async () => {
    const response = await runtime.runInInvocation(() => asApp().requestJira(route`/rest/api/3/issue/${'RF-7'}`, labelEdit('from-rule')));
    expect(response.status).toBe(204);
    const report = await runtime.drain();
    expect(report.events.delivered).toBe(0);
    expect(received).toEqual([]);
  });

  it('raises no event for a change that changes nothing', async () => {
    await runtime.runInInvocation(() => asUser(BEN).requestJira(route`/rest/api/3/issue/${'RF-8'}`, labelEdit('twice')));
    await runtime.drain();
    await runtime.runInInvocation(() => asUser(BEN).requestJira(route`/rest/api/3/issue/${'RF-8'}`, labelEdit('twice')));
    await runtime.drain();
    expect(received).toHaveLength(1);
  });

  it('stops delivering once closed', async () => {
    const edit = (label: string) => site.handle(
      { method: 'PUT', path: '/rest/api/3/issue/RF-9', headers: { 'x-forge-provider': 'user', 'x-forge-account-id': BEN }, body: JSON.stringify({ update: { labels: [{ add: label }] } }) },
      { appId: LOCAL_APP.appId, environmentId: LOCAL_APP.environmentId, appVersion: LOCAL_APP.appVersion, installationId: LOCAL_APP.installationId, functionKey: 'test', invocationId: 'i' },
    );
    expect((await edit('before-close')).status).toBe(204);
    expect(runtime.events.pending()).toBe(1);
    const closed = runtime;
    closed.close();
    runtime = new LocalRuntime({ manifest, load: () => Promise.resolve(() => undefined), storagePath: ':memory:' });
    expect((await edit('after-close')).status).toBe(204);
    expect(closed.events.pending()).toBe(1);
  });
});
