import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import { startApp, type App } from '../app/run/harness.js';
import { CALLER, post } from '../local/storage/fixtures/wire.js';
import { RULES } from './full-run.js';

// The pause-all switch as a containment control: flipped by one resolver call (no page needed), honoured by the very
// next event, by events already waiting for a retry, and by work already queued.
let app: App;
beforeEach(() => {
  app = startApp();
});
afterEach(() => {
  app.close();
});

const [rule] = RULES;

async function labelsOf(key: string): Promise<string[]> {
  return ((await app.jira('GET', `/issue/${key}?fields=labels`)).body as { fields: { labels: string[] } }).fields.labels;
}

function executionCount(): number {
  return app.runtime.storage.contents().filter((row) => row.entity === 'execution').length;
}

/** The admin resolver called directly, as a script or an admin's console would: no page involved. */
async function pauseByResolver(paused: boolean): Promise<void> {
  const outcome = await app.runtime.invokeResolver('settings.setPaused', { paused }, { accountId: LOCAL_APP.adminAccountId });
  expect(outcome).toMatchObject({ outcome: 'returned', value: { ok: true, result: { paused } } });
}

describe('pause-all', () => {
  it('is honoured by the very next event once one resolver call has paused the app', async () => {
    await app.resolve('rules.save', { document: rule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    expect(await labelsOf('RF-3')).toContain('triaged');
    const before = executionCount();

    await pauseByResolver(true);
    await app.jira('PUT', '/issue/RF-4', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    expect(await labelsOf('RF-4')).not.toContain('triaged');
    expect(executionCount()).toBe(before);
  });

  it('is honoured from the settings read even when the snapshot still lists the rules (its rebuild failed)', async () => {
    await app.resolve('rules.save', { document: rule, expectedVersion: null });
    // The switch as the pause writes it, but no rebuild after it: the snapshot of active rules is the old one.
    const write = await app.runtime.storage.handle(post('/api/v1/entity/set', { entityName: 'settings', key: 'app', value: { paused: true, writes: 1 } }), CALLER);
    expect(write.status).toBe(204);
    expect(app.runtime.storage.contents().some((row) => row.key.startsWith('active-rules:avi:jira:updated:issue:') && JSON.stringify(row.value).includes(rule.id))).toBe(true);
    await app.jira('PUT', '/issue/RF-4', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    expect(await labelsOf('RF-4')).not.toContain('triaged');
    expect(executionCount()).toBe(0);
  });

  it.each([
    { paused: true, label: false },
    { paused: false, label: true },
  ])('an event waiting for a retry when the switch is paused=$paused acts: $label', async ({ paused, label }) => {
    await app.resolve('rules.save', { document: rule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-5', { update: { labels: [{ add: 'customer' }] } });
    // Jira refuses the issue read: the event is queued for a retry.
    app.runtime.traffic.setFaults('jira', { errorRate: 1, errorStatus: 503 });
    await app.runtime.drain();
    app.runtime.traffic.setFaults('jira', {});
    expect(executionCount()).toBe(0);
    if (paused) await pauseByResolver(true);
    await app.runtime.advanceTo(app.clock.now() + 3_600_000);
    expect((await labelsOf('RF-5')).includes('triaged')).toBe(label);
    expect(executionCount()).toBe(label ? 1 : 0);
  });

  it('refuses the switch to someone who is not a Jira administrator', async () => {
    const outcome = await app.runtime.invokeResolver('settings.setPaused', { paused: true }, { accountId: '557058:local-ben' });
    expect(outcome).toMatchObject({ outcome: 'returned', value: { ok: false, error: { code: 'FORBIDDEN' } } });
    expect((await app.resolve('settings.get', {})).result).toMatchObject({ paused: false });
  });
});
