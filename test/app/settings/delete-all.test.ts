import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { forgeDeps } from '../../../src/entry/forge-deps.js';
import { PURGE_LAST, PURGE_SOURCES, purgeStep } from '../../../src/app/settings/purge.js';
import { fullRun } from '../../security/full-run.js';
import { BEN, type App } from '../run/harness.js';

// "Delete all app data" through the real app: a store filled by a full run (every entity of the manifest holds
// something), the resolver key, the queued steps drained to the end, and the store read past every API.
type ManifestEntity = { name: string; indexes?: { name: string; partition?: string[] }[] };
const manifest = parseYaml(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as { app: { storage: { entities: ManifestEntity[] } } };
const entities = manifest.app.storage.entities;

type Answer = { ok: boolean; result?: unknown; error?: { code: string; issues?: { path: string; code: string }[] } };

let app: App | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

async function filled(): Promise<App> {
  const run = await fullRun();
  app = run.app;
  expect(await app.resolve('settings.setRetention', { executionDays: 120, auditDays: 800 })).toMatchObject({ ok: true });
  // Every entity holds something, so an empty store at the end is not vacuous.
  const stored = new Set(app.runtime.storage.contents().flatMap((item) => (item.entity === undefined ? [] : [item.entity])));
  expect([...stored].sort()).toEqual(entities.map((e) => e.name).sort());
  return app;
}

/** Runs queued work, moving the clock past each step's delay, until the deletion says it is done. */
async function untilDone(a: App): Promise<number> {
  for (let round = 0; round < 200; round++) {
    await a.runtime.advanceTo(a.clock.now() + 15_000);
    const status = (await a.resolve('data.deleteStatus', {})) as Answer;
    if ((status.result as { state: string }).state === 'idle') {
      await a.runtime.drain();
      return round;
    }
  }
  throw new Error('the deletion did not finish');
}

describe('delete all app data', () => {
  it('leaves not one key, secret or entity item once its queued steps have run', async () => {
    const a = await filled();
    const started = (await a.resolve('data.deleteAll', { confirm: 'DELETE ALL DATA' })) as Answer;
    expect(started).toMatchObject({ ok: true, result: { state: 'deleting', requestedBy: expect.any(String) as unknown } });
    expect(((await a.resolve('settings.get', {})).result as { paused: boolean }).paused).toBe(true);
    await untilDone(a);
    expect(a.runtime.storage.contents()).toEqual([]);
  }, 120_000);

  it('refuses a wrong confirmation at /confirm and deletes nothing', async () => {
    const a = await filled();
    const before = a.runtime.storage.contents().length;
    for (const confirm of ['delete all data', 'DELETE ALL DATA ', 'yes']) {
      const answer = (await a.resolve('data.deleteAll', { confirm })) as Answer;
      expect(answer.ok).toBe(false);
      expect(answer.error?.issues).toEqual([expect.objectContaining({ path: '/confirm', code: 'CONFIRMATION_MISMATCH' })]);
    }
    await a.runtime.advanceTo(a.clock.now() + 60_000);
    expect(a.runtime.storage.contents().length).toBeGreaterThanOrEqual(before);
    expect(((await a.resolve('data.deleteStatus', {})).result as { state: string }).state).toBe('idle');
    expect(((await a.resolve('rules.list', {})).result as { items: unknown[] }).items).toHaveLength(5);
  }, 120_000);

  it('answers FORBIDDEN to someone who is not a Jira administrator, and deletes nothing', async () => {
    const a = await filled();
    const outcome = await a.runtime.invokeResolver('data.deleteAll', { confirm: 'DELETE ALL DATA' }, { accountId: BEN });
    expect(outcome).toMatchObject({ outcome: 'returned', value: { ok: false, error: { code: 'FORBIDDEN' } } });
    await a.runtime.advanceTo(a.clock.now() + 60_000);
    expect(((await a.resolve('rules.list', {})).result as { items: unknown[] }).items).toHaveLength(5);
  }, 120_000);

  it('still ends with an empty store when a step is delivered twice or dies half-way', async () => {
    const a = await filled();
    await a.resolve('data.deleteAll', { confirm: 'DELETE ALL DATA' });
    const inApp = <T>(fn: () => Promise<T>): Promise<T> => a.runtime.runInInvocation(fn, { functionKey: 'work' });
    // Small steps, so the deletion takes many: the same step twice, before the queue delivers it.
    expect(await inApp(() => purgeStep(forgeDeps(), 0, 30))).toMatchObject({ state: 'continuing', deleted: 30 });
    expect(await inApp(() => purgeStep(forgeDeps(), 0, 30))).toMatchObject({ state: 'continuing', deleted: 30 });
    // A step that dies after its first transaction (the invocation is killed): nothing it did needs undoing.
    const dying = forgeDeps();
    let transactions = 0;
    const transact = dying.storage.transact.bind(dying.storage);
    dying.storage.transact = (ops) => {
      if (++transactions > 1) return Promise.reject(new Error('killed'));
      return transact(ops);
    };
    await expect(inApp(() => purgeStep(dying, 1, 60))).rejects.toThrow('killed');
    expect(a.runtime.storage.contents().length).toBeGreaterThan(0);
    // A second "delete all" while one runs joins it (and re-queues a step, in case the first start died).
    expect(await a.resolve('data.deleteAll', { confirm: 'DELETE ALL DATA' })).toMatchObject({ ok: true, result: { state: 'deleting' } });
    await untilDone(a);
    expect(a.runtime.storage.contents()).toEqual([]);
    // A late copy of a step after the end finds no marker and writes nothing.
    expect(await inApp(() => purgeStep(forgeDeps(), 3))).toEqual({ state: 'idle' });
    expect(a.runtime.storage.contents()).toEqual([]);
  }, 120_000);
});

describe('what the deletion covers', () => {
  it('reaches every entity of manifest.yml through an index without a partition (or as a known key)', () => {
    const covered = [...PURGE_SOURCES.map((s) => s.entity), ...PURGE_LAST.map((ref) => ref.entity)];
    expect([...covered].sort()).toEqual(entities.map((e) => e.name).sort());
    for (const source of PURGE_SOURCES) {
      const index = entities.find((e) => e.name === source.entity)?.indexes?.find((i) => i.name === source.index);
      expect(index, `${source.entity} ${source.index}`).toBeDefined();
      expect(index?.partition ?? [], `${source.entity} ${source.index}`).toEqual([]);
    }
  });
});
