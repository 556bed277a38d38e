import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness.js';

// limits.maxRunsPerHour: runs over the limit are THROTTLED and do nothing; when the throttled runs of one hour
// reach the limit again, the rule is disabled, flagged for the admin and the change audited as the app's.
let app: App;
beforeEach(() => {
  app = startApp();
});
afterEach(() => {
  app.close();
});

const rule = {
  schemaVersion: 1,
  id: 'label-everything',
  name: 'Label every summary change',
  trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['summary'] },
  actions: [{ type: 'addLabels', labels: ['seen'] }],
  limits: { maxRunsPerHour: 2 },
};

async function statuses(): Promise<string[]> {
  const listed = await app.resolve('executions.list', { ruleId: 'label-everything' });
  return (listed.result as { items: { value: { status: string } }[] }).items.map((i) => i.value.status).sort();
}

describe('throttling', () => {
  it('throttles runs over the hourly limit, then disables and flags the rule on a sustained breach', async () => {
    await app.resolve('rules.save', { document: rule, expectedVersion: null });
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await app.jira('PUT', `/issue/RF-${String(n)}`, { fields: { summary: `Changed ${String(n)}` } });
      await app.runtime.drain();
    }
    // Two runs, two throttled (the second reaching the limit disables the rule), then nothing: it is off.
    expect(await statuses()).toEqual(['SUCCESS', 'SUCCESS', 'THROTTLED', 'THROTTLED']);
    const labelled = await Promise.all([1, 2, 3, 4].map(async (n) => ((await app.jira('GET', `/issue/RF-${String(n)}?fields=labels`)).body as { fields: { labels: string[] } }).fields.labels.includes('seen')));
    expect(labelled).toEqual([true, true, false, false]);
    const got = await app.resolve('rules.get', { ruleId: 'label-everything' });
    expect(got.result).toMatchObject({ head: { flag: 'DISABLED_THROTTLED' } });
    const audit = await app.resolve('audit.list', { ruleId: 'label-everything' });
    expect((audit.result as { entries: { action: string; actor: string }[] }).entries).toContainEqual(expect.objectContaining({ action: 'flag', actor: 'app:ruleforge' }));
    expect((await app.resolve('audit.verify', {})).result).toMatchObject({ ok: true });
  });

  it('counts a new hour afresh', async () => {
    await app.resolve('rules.save', { document: rule, expectedVersion: null });
    for (const n of [1, 2, 3]) {
      await app.jira('PUT', `/issue/RF-${String(n)}`, { fields: { summary: `Changed ${String(n)}` } });
      await app.runtime.drain();
    }
    await app.runtime.advanceTo(app.clock.now() + 3_600_000);
    await app.jira('PUT', '/issue/RF-4', { fields: { summary: 'Changed 4' } });
    await app.runtime.drain();
    expect(await statuses()).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'THROTTLED']);
  });
});
