import { describe, expect, it } from 'vitest';
import { chunkKey, MAX_CHUNKS, readActiveRules, readScheduledRules, rebuildActiveRuleset } from '../../../src/app/rules/active-ruleset.js';
import { createRuleStore } from '../../../src/app/rules/rule-store.js';
import { TransientError } from '../../../src/ports/errors.js';
import type { ItemRef, StoragePort } from '../../../src/ports/storage.js';
import { SUPPORTED_EVENTS } from '../../../src/core/rule/limits.js';
import { createMemoryStorage } from '../../support/memory-storage.js';
import { bound, counting, ruleDoc, testClock } from './support.js';

const ADMIN = '557058:admin';
const CREATED = 'avi:jira:created:issue';
const UPDATED = 'avi:jira:updated:issue';

/** A rule of realistic size (~0.8 KB): a scope, a two-part condition, three actions. */
function generatedRule(i: number): Record<string, unknown> {
  const id = `generated-${String(i).padStart(4, '0')}`;
  const trigger = i % 10 === 9
    ? { type: 'schedule', cron: `${i % 60} 9 * * 1-5`, timezone: 'Europe/Berlin', jql: `project = P${i % 50} AND statusCategory != Done` }
    : { type: 'event', events: i % 3 === 0 ? [CREATED, UPDATED] : [SUPPORTED_EVENTS[i % 5] ?? CREATED] };
  return {
    schemaVersion: 1,
    id,
    name: `Generated rule ${i}`,
    description: 'A generated rule for the 1,000-rule site: long enough to look like a real one in storage.',
    scope: { projects: [`P${i % 50}`], issueTypes: ['Bug', 'Task'] },
    trigger,
    when: { and: [{ '==': [{ var: 'issue.fields.priority.name' }, 'High'] }, { '>': [{ length: { var: 'issue.fields.labels' } }, i % 4] }] },
    actions: [
      { type: 'addLabels', labels: [`gen-${i}`, 'generated'] },
      { type: 'comment', body: { cat: ['Rule ', i, ' saw ', { var: 'issue.key' }, ' with priority ', { var: 'issue.fields.priority.name' }] } },
      { type: 'record', name: 'generated', value: { var: 'issue.fields.status.name' } },
    ],
  };
}

/** Chunks written and deleted to look like a rebuild caught half-way. */
async function putChunk(storage: StoragePort, group: string, part: number, value: unknown): Promise<void> {
  await storage.set({ key: `active-rules:${group}:${part}` }, value);
}

describe('the active ruleset of a 1,000-rule site', () => {
  it('is rebuilt through index pages and batched reads, and each event reads its rules in one getMany', async () => {
    const storage = createMemoryStorage();
    const store = createRuleStore({ storage, now: testClock().now });
    const documents = Array.from({ length: 1000 }, (_, i) => generatedRule(i));
    const imported = await store.importRules({ documents, actor: ADMIN });
    expect(imported.results.every((r) => r.ok && r.version === 1)).toBe(true);
    expect(imported.activeRuleset).toEqual({ state: 'rebuilt' });

    const counted = counting(storage);
    const report = await rebuildActiveRuleset(counted.storage);
    expect(report.rules).toBe(1000);
    // 10 pages of 100 heads, plus the audit tip before and after; 40 batches of 25 versions.
    expect(counted.calls.query).toBe(12);
    expect(counted.calls.getMany).toBe(40);
    expect(Math.max(...report.groups.map((g) => g.chunks))).toBeGreaterThan(1);

    const expected = (group: string): string[] =>
      documents
        .filter((d) => {
          const trigger = d.trigger as { type: string; events?: string[] };
          return group === 'schedule' ? trigger.type === 'schedule' : (trigger.events ?? []).includes(group);
        })
        .map((d) => String(d.id));
    for (const event of SUPPORTED_EVENTS) {
      counted.reset();
      const set = await readActiveRules(counted.storage, event);
      expect(counted.calls).toMatchObject({ getMany: 1, get: 0, query: 0, listKeys: 0 });
      expect(set.rules.map((r) => r.ruleId)).toEqual(expected(event));
      expect(set.generation).toBe(report.groups.find((g) => g.group === event)?.generation);
    }
    const scheduled = await readScheduledRules(storage);
    expect(scheduled.rules).toHaveLength(100);
    expect(scheduled.rules[0]?.document).toMatchObject({ id: 'generated-0009', trigger: { type: 'schedule', timezone: 'Europe/Berlin' }, enabled: true });
  });
});

describe('the active ruleset', () => {
  it('reads as empty, with no generation, before any rebuild; unknown events never reach storage', async () => {
    const counted = counting(createMemoryStorage());
    expect(await readActiveRules(counted.storage, CREATED)).toEqual({ rules: [], generation: null });
    expect(counted.calls.getMany).toBe(1);
    expect(await readActiveRules(counted.storage, 'avi:jira:mentioned:issue')).toEqual({ rules: [], generation: null });
    expect(await readActiveRules(counted.storage, 'schedule')).toEqual({ rules: [], generation: null });
    expect(counted.calls.getMany).toBe(1);
  });

  it('reads once more when a rebuild was half-way, then gives the settled set', async () => {
    const storage = createMemoryStorage();
    const store = createRuleStore({ storage, now: testClock().now });
    await store.save({ document: ruleDoc('settled'), expectedVersion: null, actor: ADMIN });
    let first = true;
    const racing = counting({
      ...bound(storage),
      async getMany<T>(refs: readonly ItemRef[]) {
        const values = await storage.getMany<T>(refs);
        if (!first) return values;
        first = false;
        // The first read sees a chunk 0 announcing a second part that is not there yet.
        return values.map((value, i) => (i === 0 ? ({ ...(value as object), parts: 2 } as T) : value));
      },
    });
    const set = await readActiveRules(racing.storage, CREATED);
    expect(racing.calls.getMany).toBe(2);
    expect(set.rules.map((r) => r.ruleId)).toEqual(['settled']);
  });

  it('fails with a retryable error when the chunks disagree twice', async () => {
    const storage = createMemoryStorage();
    await putChunk(storage, CREATED, 0, { generation: 'a', part: 0, parts: 2, text: '[' });
    await putChunk(storage, CREATED, 1, { generation: 'b', part: 1, parts: 2, text: ']' });
    const counted = counting(storage);
    const failure = await readActiveRules(counted.storage, CREATED).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransientError);
    expect(failure).toMatchObject({ code: 'ACTIVE_RULESET_TORN' });
    expect(counted.calls.getMany).toBe(2);
  });

  it('deletes the chunks a shrinking group no longer uses', async () => {
    const storage = createMemoryStorage();
    const store = createRuleStore({ storage, now: testClock().now });
    const big = (i: number) => ({ ...ruleDoc(`big-${i}`), actions: Array.from({ length: 10 }, (_, a) => ({ type: 'comment', body: `${i}-${a} ${'x'.repeat(9000)}` })) });
    await store.importRules({ documents: Array.from({ length: 5 }, (_, i) => big(i)), actor: ADMIN });
    const chunks = async (): Promise<number> => (await storage.getMany(Array.from({ length: MAX_CHUNKS }, (_, p) => ({ key: chunkKey(CREATED, p) })))).filter((c) => c !== undefined).length;
    expect(await chunks()).toBe(3);
    for (let i = 1; i < 5; i++) await store.setEnabled(`big-${i}`, false, { actor: ADMIN });
    expect(await chunks()).toBe(1);
    expect((await readActiveRules(storage, CREATED)).rules.map((r) => r.ruleId)).toEqual(['big-0']);
  });

  it('refuses a group over its ceiling and keeps the previous snapshot; the save itself stands', async () => {
    const storage = createMemoryStorage();
    const store = createRuleStore({ storage, now: testClock().now });
    // ~100 KB each: 34 of them exceed 16 chunks of 200 KiB.
    const huge = (i: number) => ({ ...ruleDoc(`huge-${String(i).padStart(2, '0')}`), actions: Array.from({ length: 10 }, (_, a) => ({ type: 'comment', body: `${i}-${a} ${'y'.repeat(9990)}` })) });
    const fits = await store.importRules({ documents: Array.from({ length: 30 }, (_, i) => huge(i)), actor: ADMIN });
    expect(fits.activeRuleset).toEqual({ state: 'rebuilt' });
    const before = await readActiveRules(storage, CREATED);
    expect(before.rules).toHaveLength(30);

    const over = await store.importRules({ documents: Array.from({ length: 4 }, (_, i) => huge(30 + i)), actor: ADMIN });
    expect(over.activeRuleset).toMatchObject({ state: 'stale', error: expect.stringContaining('ACTIVE_RULESET_TOO_LARGE') as unknown });
    expect(over.results.every((r) => r.ok)).toBe(true);
    expect(await readActiveRules(storage, CREATED)).toEqual(before);
    expect((await store.list({ limit: 100 })).items).toHaveLength(34);
  });

  it('rebuilds again when a change lands during a rebuild', async () => {
    const storage = createMemoryStorage();
    const store = createRuleStore({ storage, now: testClock().now });
    await store.save({ document: ruleDoc('steady'), expectedVersion: null, actor: ADMIN });
    await store.save({ document: ruleDoc('switched-off'), expectedVersion: null, actor: ADMIN });
    let interfered = false;
    const meddling: StoragePort = {
      ...bound(storage),
      async getMany<T>(refs: readonly ItemRef[]) {
        if (!interfered && refs.some((ref) => ref.entity === 'rule-version')) {
          interfered = true;
          // Another invocation disables a rule (and rebuilds) after this rebuild read the heads.
          await store.setEnabled('switched-off', false, { actor: ADMIN });
        }
        return storage.getMany<T>(refs);
      },
    };
    const report = await rebuildActiveRuleset(meddling);
    expect(report.rounds).toBe(2);
    expect((await readActiveRules(storage, CREATED)).rules.map((r) => r.ruleId)).toEqual(['steady']);
  });
});
