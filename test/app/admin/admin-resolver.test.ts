import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOLVER_KEYS } from '../../../src/contract/resolver-contract.js';
import { BEN, startApp, type App } from '../run/harness.js';

// The admin page's API through the local runtime, as the page calls it: each key, the administrator check made as
// the calling user, and the settings, bundle and statistics keys the page's views rely on.
let app: App;
beforeEach(() => {
  app = startApp();
});
afterEach(() => {
  app.close();
});

const labelRule = {
  schemaVersion: 1,
  id: 'flag-customer-issues',
  name: 'Flag customer issues',
  trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] },
  when: { in: ['customer', { var: 'issue.fields.labels' }] },
  actions: [{ type: 'addLabels', labels: ['triaged'] }],
};

type Answer = { ok: boolean; result?: unknown; error?: { code: string; message: string; issues?: { path: string; code: string }[] } };

async function as(accountId: string, key: string, payload: unknown): Promise<Answer> {
  const outcome = await app.runtime.invokeResolver(key, payload, { accountId });
  if (outcome.outcome !== 'returned') throw new Error(JSON.stringify(outcome));
  return outcome.value as Answer;
}

async function labelsOf(key: string): Promise<string[]> {
  return ((await app.jira('GET', `/issue/${key}?fields=labels`)).body as { fields: { labels: string[] } }).fields.labels;
}

describe('who may call the admin API', () => {
  it('refuses every key to a user who is not a Jira administrator, before reading anything', async () => {
    expect((await app.resolve('rules.save', { document: labelRule, expectedVersion: null })).ok).toBe(true);
    for (const key of RESOLVER_KEYS) {
      const answer = await as(BEN, key, {});
      expect(answer.ok, key).toBe(false);
      expect(answer.error?.code, key).toBe('FORBIDDEN');
    }
    // The refusal is Jira's answer for that user: the same call as the administrator goes through.
    expect((await app.resolve('rules.list', {})).ok).toBe(true);
  });

  it('registers exactly the contract keys, each answering an envelope (never throwing) for any payload', async () => {
    const unknown = await app.runtime.invokeResolver('rules.nope', {});
    expect(unknown.outcome).toBe('threw');
    for (const key of RESOLVER_KEYS) {
      for (const payload of [{}, null, 'text', { ruleId: 7 }]) {
        const outcome = await app.runtime.invokeResolver(key, payload);
        expect(outcome.outcome, key).toBe('returned');
        expect(typeof (outcome as { value: Answer }).value.ok, key).toBe('boolean');
      }
    }
  });
});

describe('settings', () => {
  it('pauses every rule at once (audited), and resuming lets events run again', async () => {
    expect((await app.resolve('rules.save', { document: labelRule, expectedVersion: null })).ok).toBe(true);
    const paused = await app.resolve('settings.setPaused', { paused: true });
    expect(paused.result).toMatchObject({ paused: true, pausedChangedBy: expect.any(String) as unknown });
    await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    expect(await labelsOf('RF-3')).not.toContain('triaged');

    expect((await app.resolve('settings.setPaused', { paused: false })).result).toMatchObject({ paused: false });
    await app.jira('PUT', '/issue/RF-4', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    expect(await labelsOf('RF-4')).toContain('triaged');

    const audit = (await app.resolve('audit.list', {})).result as { entries: { action: string; ruleId: string }[] };
    expect(audit.entries.slice(0, 2).map((e) => e.action)).toEqual(['resume', 'pause']);
    expect((await app.resolve('audit.verify', {})).result).toMatchObject({ ok: true });
  });

  it('holds queued work while paused and carries it on after the resume', async () => {
    const manual = { ...labelRule, id: 'label-by-hand', trigger: { type: 'manual' }, when: true };
    expect((await app.resolve('rules.save', { document: manual, expectedVersion: null })).ok).toBe(true);
    const started = await app.resolve('runs.start', { ruleId: 'label-by-hand', dryRun: false, jql: 'key = RF-5' });
    const runId = (started.result as { runId: string }).runId;
    await app.resolve('settings.setPaused', { paused: true });
    await app.runtime.advanceTo(app.clock.now() + 20 * 60_000);
    expect(await labelsOf('RF-5')).not.toContain('triaged');
    expect((await app.resolve('runs.get', { runId })).result).toMatchObject({ status: 'QUEUED' });
    await app.resolve('settings.setPaused', { paused: false });
    await app.runtime.advanceTo(app.clock.now() + 10 * 60_000);
    expect(await labelsOf('RF-5')).toContain('triaged');
    expect((await app.resolve('runs.get', { runId })).result).toMatchObject({ status: 'SUCCESS', acted: 1 });
  });

  it('stores retention periods, and refuses out-of-range ones at their field', async () => {
    const saved = await app.resolve('settings.setRetention', { executionDays: 180, runDays: 30 });
    expect(saved.result).toMatchObject({ retention: { executionDays: 180, runDays: 30 } });
    expect((await app.resolve('settings.get', {})).result).toMatchObject({ retention: { executionDays: 180, runDays: 30 } });
    const bad: Answer = await app.resolve('settings.setRetention', { executionDays: 0, runDays: 30 });
    expect(bad.error?.issues?.map((i) => i.path)).toEqual(['/executionDays']);
  });
});

describe('retention', () => {
  it('deletes execution records older than the period the admin chose, on the scheduled tick', async () => {
    await app.resolve('rules.save', { document: labelRule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    const count = async (): Promise<number> => ((await app.resolve('executions.list', {})).result as { items: unknown[] }).items.length;
    expect(await count()).toBe(1);
    await app.resolve('settings.setRetention', { executionDays: 3, runDays: 90 });
    await app.runtime.advanceTo(app.clock.now() + 2 * 86_400_000);
    expect(await count()).toBe(1);
    await app.resolve('settings.setRetention', { executionDays: 1, runDays: 90 });
    await app.runtime.advanceTo(app.clock.now() + 10 * 60_000);
    expect(await count()).toBe(0);
  });
});

describe('export and import', () => {
  it('exports every rule as one bundle that imports back', async () => {
    await app.resolve('rules.save', { document: labelRule, expectedVersion: null });
    await app.resolve('rules.save', { document: { ...labelRule, id: 'second', name: 'A second rule' }, expectedVersion: null });
    const bundle = (await app.resolve('rules.export', {})).result as { format: string; rules: { id: string }[] };
    expect(bundle.format).toBe('ruleforge-rules');
    expect(bundle.rules.map((r) => r.id)).toEqual(['second', 'flag-customer-issues']);
    await app.resolve('rules.delete', { ruleId: 'second' });
    const imported = (await app.resolve('rules.import', { documents: bundle.rules })).result as { saved: boolean };
    expect(imported.saved).toBe(true);
    expect(((await app.resolve('rules.get', { ruleId: 'second' })).result as { document: { name: string } }).document.name).toBe('A second rule');
  });

  it('writes nothing unless the whole bundle is valid', async () => {
    const answer = (await app.resolve('rules.import', { documents: [{ ...labelRule, id: 'good-one' }, { ...labelRule, id: 'bad-one', trigger: { type: 'schedule', cron: 'nope', jql: 'x' } }, { ...labelRule, id: 'good-one' }] })).result as { saved: boolean; issues: { path: string; code: string }[] };
    expect(answer.saved).toBe(false);
    expect(answer.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/1/trigger/cron', '/2/id']));
    expect((await app.resolve('rules.get', { ruleId: 'good-one' })).error?.code).toBe('NOT_FOUND');
  });
});

describe('the lists the page shows', () => {
  it('finds rules by name prefix through the index, case-insensitively', async () => {
    for (const [id, name] of [['a', 'Triage bugs'], ['b', 'triage incidents'], ['c', 'Escalate']] as const) {
      await app.resolve('rules.save', { document: { ...labelRule, id, name }, expectedVersion: null });
    }
    const page = (await app.resolve('rules.list', { namePrefix: 'TRIAGE' })).result as { items: { ruleId: string; trigger?: unknown }[] };
    expect(page.items.map((h) => h.ruleId)).toEqual(['a', 'b']);
    expect(page.items[0]?.trigger).toEqual({ type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] });
  });

  it('counts runs and failures per day, gives the last run, and filters executions by time', async () => {
    await app.resolve('rules.save', { document: labelRule, expectedVersion: null });
    await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    const stats = (await app.resolve('rules.stats', { ruleIds: ['flag-customer-issues', 'no-such-rule'], days: 14 })).result as { days: string[]; rules: { ruleId: string; runs: number[]; failures: number[]; last: { status: string } | null }[] };
    expect(stats.days).toHaveLength(14);
    expect(stats.days[13]).toBe(new Date(app.clock.now()).toISOString().slice(0, 10));
    const [rule, none] = stats.rules;
    expect(rule?.runs[13]).toBe(1);
    expect(rule?.runs.slice(0, 13).every((n) => n === 0)).toBe(true);
    expect(rule?.failures.reduce((a, b) => a + b, 0)).toBe(0);
    expect(rule?.last?.status).toBe('SUCCESS');
    expect(none).toEqual({ ruleId: 'no-such-rule', runs: Array(14).fill(0), failures: Array(14).fill(0), last: null });

    const now = app.clock.now();
    const inWindow = (await app.resolve('executions.list', { from: new Date(now - 60_000).toISOString(), to: new Date(now + 60_000).toISOString() })).result as { items: unknown[] };
    expect(inWindow.items).toHaveLength(1);
    const before = (await app.resolve('executions.list', { to: new Date(now - 60_000).toISOString() })).result as { items: unknown[] };
    expect(before.items).toHaveLength(0);
  });
});
