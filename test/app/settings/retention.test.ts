import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgeStorage } from '../../../src/adapters/forge/kvs-storage.js';
import { RULES } from '../../security/full-run.js';
import { startApp, type App } from '../run/harness.js';

// Retention per kind (decision 0015) through the real app: the periods, the TTL every record is written with, the
// tick's sweep of what a shorter period leaves behind, and the audit log pruned from its oldest end.
const DAY = 86_400_000;
const DAY_S = 86_400;
let app: App;
beforeEach(() => {
  app = startApp();
});
afterEach(() => {
  app.close();
});

type Answer = { ok: boolean; result?: unknown; error?: { code: string; issues?: { path: string; code: string }[] } };
const rows = (entity: string) => app.runtime.storage.contents().filter((row) => row.entity === entity);

async function saveAndFire(): Promise<void> {
  for (const id of ['label-customer-issues', 'record-priority']) {
    const document = RULES.find((rule) => rule.id === id);
    expect(await app.resolve('rules.save', { document, expectedVersion: null })).toMatchObject({ ok: true });
  }
  await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } });
  await app.runtime.drain();
}

describe('retention periods', () => {
  it('reads settings stored before per-kind periods with defaults for the kinds they lack', async () => {
    await app.runtime.runInInvocation(() => forgeStorage().set({ entity: 'settings', key: 'app' }, { paused: false, retention: { executionDays: 30, runDays: 200 }, writes: 3 }));
    const settings = (await app.resolve('settings.get', {})).result as { retention: unknown };
    // Traces no longer than executions, the audit log no shorter than the longest record period.
    expect(settings.retention).toEqual({ executionDays: 30, resultDays: 90, traceDays: 30, runDays: 200, auditDays: 730 });
  });

  it('refuses periods that do not fit together at their fields, and keeps the old ones', async () => {
    const bad = async (payload: unknown): Promise<string[] | undefined> => ((await app.resolve('settings.setRetention', payload)) as Answer).error?.issues?.map((i) => i.path);
    expect(await bad({ executionDays: 30, traceDays: 60 })).toEqual(['/traceDays']);
    expect(await bad({ executionDays: 700, auditDays: 400 })).toEqual(['/auditDays']);
    expect(await bad({ resultDays: 731, auditDays: 100 })).toEqual(['/resultDays', '/auditDays']);
    expect(await bad({ runDays: 0 })).toEqual(['/runDays']);
    expect(((await app.resolve('settings.get', {})).result as { retention: unknown }).retention).toEqual({ executionDays: 90, resultDays: 90, traceDays: 90, runDays: 90, auditDays: 730 });
    // A period not given follows: shorter executions take traces down with them.
    const saved = (await app.resolve('settings.setRetention', { executionDays: 30 })) as Answer;
    expect(saved.result).toMatchObject({ retention: { executionDays: 30, traceDays: 30 } });
  });

  it('writes every record with its kind\'s period as TTL, as set when it is written', async () => {
    expect(await app.resolve('settings.setRetention', { executionDays: 120, resultDays: 30, runDays: 60, auditDays: 800 })).toMatchObject({ ok: true });
    await saveAndFire();
    const now = app.clock.now();
    const ttlOf = (entity: string) => [...new Set(rows(entity).map((row) => Math.round(((row.expiresAt ?? 0) - now) / 1000 / DAY_S)))];
    expect(ttlOf('execution')).toEqual([120]);
    expect(ttlOf('rule-result')).toEqual([30]);
    // The entry of the change itself was written under the period before it.
    const audit = rows('audit-entry').filter((row) => (row.value as { action: string }).action !== 'settings');
    expect(audit.map((row) => Math.round(((row.expiresAt ?? 0) - now) / 1000 / DAY_S))).toEqual(audit.map(() => 800));
    expect(await app.resolve('runs.start', { ruleId: 'label-customer-issues', dryRun: true, jql: 'key = RF-3' })).toMatchObject({ ok: true });
    await app.runtime.drain();
    expect(ttlOf('scheduled-run')).toEqual([60]);
    // Lengthening reaches records written from then on.
    await app.resolve('settings.setRetention', { resultDays: 200 });
    await app.jira('PUT', '/issue/RF-4', { update: { labels: [{ add: 'customer' }] } });
    await app.runtime.drain();
    expect(ttlOf('rule-result').sort((a, b) => a - b)).toEqual([30, 200]);
  });

  it('applies a shorter period to records already stored on the tick: results deleted, traces stripped, records kept', async () => {
    await saveAndFire();
    const traced = rows('execution').filter((row) => (row.value as { trace: unknown }).trace !== null);
    expect(traced.length).toBeGreaterThan(0);
    expect(rows('rule-result')).toHaveLength(1);
    app.clock.advance(2 * DAY);
    await app.resolve('settings.setRetention', { resultDays: 1, traceDays: 1 });
    await app.runtime.advanceTo(app.clock.now() + 10 * 60_000);
    expect(rows('rule-result')).toHaveLength(0);
    expect(rows('execution').length).toBe(traced.length);
    expect(rows('execution').map((row) => (row.value as { trace: unknown }).trace)).toEqual(rows('execution').map(() => null));
    // Stripping a trace does not lengthen the record's life.
    for (const row of rows('execution')) expect(row.expiresAt).toBe(traced.find((t) => t.key === row.key)?.expiresAt);
  });
});

describe('the runs period', () => {
  it('deletes old runs with their batches and progress shards on the tick', async () => {
    await saveAndFire();
    expect(await app.resolve('runs.start', { ruleId: 'label-customer-issues', dryRun: false, jql: 'project = RF' })).toMatchObject({ ok: true });
    await app.runtime.advanceTo(app.clock.now() + 60_000);
    for (const entity of ['scheduled-run', 'run-batch', 'run-progress']) expect(rows(entity).length, entity).toBeGreaterThan(0);
    app.clock.advance(2 * DAY);
    await app.resolve('settings.setRetention', { runDays: 1 });
    await app.runtime.advanceTo(app.clock.now() + 10 * 60_000);
    for (const entity of ['scheduled-run', 'run-batch', 'run-progress']) expect(rows(entity), entity).toEqual([]);
  });
});

describe('the audit log\'s own period', () => {
  it('deletes the oldest entries only, and the chain verifies from the oldest entry left', async () => {
    await saveAndFire();
    const before = rows('audit-entry').length;
    expect(before).toBeGreaterThanOrEqual(2);
    expect((await app.resolve('audit.verify', {})).result).toMatchObject({ ok: true, from: 1, entries: before });
    app.clock.advance(400 * DAY); // a jump: the scheduler fires once, not once per missed tick
    // Newer entries: the retention change itself, and a rule change after it.
    await app.resolve('settings.setRetention', { executionDays: 30, resultDays: 30, runDays: 30, auditDays: 365 });
    await app.resolve('rules.setEnabled', { ruleId: 'record-priority', enabled: false });
    await app.runtime.advanceTo(app.clock.now() + 10 * 60_000);
    const seqs = rows('audit-entry').map((row) => (row.value as { seq: number }).seq).sort((a, b) => a - b);
    expect(seqs).toEqual([before + 1, before + 2]);
    expect((await app.resolve('audit.verify', {})).result).toMatchObject({ ok: true, from: before + 1, entries: 2, tip: { seq: before + 2 } });
  });

  it('still finds a changed entry in what remains', async () => {
    await saveAndFire();
    app.clock.advance(400 * DAY); // a jump: the scheduler fires once, not once per missed tick
    await app.resolve('settings.setRetention', { executionDays: 30, resultDays: 30, runDays: 30, auditDays: 365 });
    await app.resolve('rules.setEnabled', { ruleId: 'record-priority', enabled: false });
    await app.runtime.advanceTo(app.clock.now() + 10 * 60_000);
    const oldest = rows('audit-entry').sort((a, b) => (a.key < b.key ? -1 : 1))[0];
    if (oldest === undefined) throw new Error('no entry left');
    await app.runtime.runInInvocation(() => forgeStorage().set({ entity: 'audit-entry', key: oldest.key }, { ...(oldest.value as object), summary: 'rewritten' }));
    expect((await app.resolve('audit.verify', {})).result).toMatchObject({ ok: false, reason: 'HASH_MISMATCH', seq: (oldest.value as { seq: number }).seq });
  });
});
