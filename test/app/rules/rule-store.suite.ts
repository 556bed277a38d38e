/**
 * The rule store's behaviour on any StoragePort: rule-store.test.ts runs it on the in-memory storage, and
 * rule-store.forge.test.ts on the Forge adapter over the local runtime.
 */
import { describe, expect, it } from 'vitest';
import { readActiveRules, readScheduledRules } from '../../../src/app/rules/active-ruleset.js';
import { listAudit, verifyAuditLog } from '../../../src/app/rules/audit-log.js';
import { createRuleStore, type RuleStore } from '../../../src/app/rules/rule-store.js';
import type { StoragePort } from '../../../src/ports/storage.js';
import { counting, exampleRule, ruleDoc, testClock, transactBarrier } from './support.js';

const ADMIN = '557058:admin';
const OTHER = '557058:other';
const CREATED = 'avi:jira:created:issue';
const UPDATED = 'avi:jira:updated:issue';

export function ruleStoreSuite(label: string, makeStorage: () => StoragePort): void {
  describe(`rule store (${label})`, () => {
    const setup = (wrap: (storage: StoragePort) => StoragePort = (s) => s): { storage: StoragePort; store: RuleStore; clock: ReturnType<typeof testClock> } => {
      const storage = makeStorage();
      const clock = testClock();
      return { storage, store: createRuleStore({ storage: wrap(storage), now: clock.now }), clock };
    };

    it('creates version 1, then each save makes the next immutable version', async () => {
      const { store, clock } = setup();
      const created = await store.save({ document: exampleRule('comment-when-reopened'), expectedVersion: null, actor: ADMIN });
      expect(created).toMatchObject({ ok: true, unchanged: false, version: 1, head: { ruleId: 'comment-when-reopened', version: 1, enabled: true, updatedBy: ADMIN } });
      clock.advance(60_000);
      const edited = { ...exampleRule('comment-when-reopened'), name: 'Comment when an issue is reopened' };
      const updated = await store.save({ document: edited, expectedVersion: 1, actor: OTHER });
      expect(updated).toMatchObject({ ok: true, version: 2, head: { version: 2, name: 'Comment when an issue is reopened', nameKey: 'comment when an issue is reopened', updatedBy: OTHER } });

      const v1 = await store.getVersion('comment-when-reopened', 1);
      expect(v1).toMatchObject({ version: 1, savedBy: ADMIN, savedAt: '2026-03-02T09:00:00.000Z', document: { name: exampleRule('comment-when-reopened').name } });
      expect((await store.get('comment-when-reopened'))?.document.name).toBe('Comment when an issue is reopened');
      const versions = await store.listVersions('comment-when-reopened');
      expect(versions.items.map((v) => [v.version, v.savedBy])).toEqual([[2, OTHER], [1, ADMIN]]);
      expect(await store.getVersion('comment-when-reopened', 3)).toBeUndefined();
    });

    it('rejects an invalid document with its issues and stores nothing', async () => {
      const { storage, store } = setup();
      const result = await store.save({ document: { ...ruleDoc('bad-rule'), actions: [] }, expectedVersion: null, actor: ADMIN });
      expect(result).toMatchObject({ ok: false, code: 'INVALID_RULE', issues: [{ path: '/actions', code: 'TOO_SMALL' }] });
      expect(await store.get('bad-rule')).toBeUndefined();
      expect((await listAudit(storage)).entries).toEqual([]);
    });

    it('a create against an existing rule, or a save against a stale version, is a conflict', async () => {
      const { store } = setup();
      await store.save({ document: ruleDoc('r1'), expectedVersion: null, actor: ADMIN });
      await store.save({ document: ruleDoc('r1', { labels: ['two'] }), expectedVersion: 1, actor: ADMIN });
      expect(await store.save({ document: ruleDoc('r1', { labels: ['x'] }), expectedVersion: null, actor: ADMIN })).toEqual({ ok: false, code: 'CONFLICT', currentVersion: 2 });
      expect(await store.save({ document: ruleDoc('r1', { labels: ['x'] }), expectedVersion: 1, actor: ADMIN })).toEqual({ ok: false, code: 'CONFLICT', currentVersion: 2 });
      expect(await store.save({ document: ruleDoc('nope'), expectedVersion: 4, actor: ADMIN })).toEqual({ ok: false, code: 'CONFLICT', currentVersion: null });
      expect((await store.get('r1'))?.document.actions).toEqual([{ type: 'addLabels', labels: ['two'] }]);
    });

    it('two saves against the same version: exactly one wins, the other is told, nothing is lost', async () => {
      const { storage, store } = setup();
      await store.save({ document: ruleDoc('race'), expectedVersion: null, actor: ADMIN });
      const counted = counting(transactBarrier(storage, 2));
      const racing = createRuleStore({ storage: counted.storage, now: () => Date.parse('2026-03-02T10:00:00Z') });
      const [a, b] = await Promise.all([
        racing.save({ document: ruleDoc('race', { labels: ['from-a'] }), expectedVersion: 1, actor: ADMIN }),
        racing.save({ document: ruleDoc('race', { labels: ['from-b'] }), expectedVersion: 1, actor: OTHER }),
      ]);
      // Both reached the transaction having read version 1: the storage condition, not luck, decided.
      expect(counted.calls.transact).toBeGreaterThanOrEqual(2);
      const outcomes = [a, b].map((r) => (r.ok ? 'won' : r.code));
      expect(outcomes.sort()).toEqual(['CONFLICT', 'won']);
      const loser = a.ok ? b : a;
      expect(loser).toEqual({ ok: false, code: 'CONFLICT', currentVersion: 2 });
      const winnerLabel = a.ok ? 'from-a' : 'from-b';
      expect((await store.get('race'))?.document.actions).toEqual([{ type: 'addLabels', labels: [winnerLabel] }]);
      expect((await store.listVersions('race')).items.map((v) => v.version)).toEqual([2, 1]);
      const audit = await verifyAuditLog(storage);
      expect(audit).toMatchObject({ ok: true, entries: 2 });
    });

    it('saving the current document again is a no-op that says so', async () => {
      const { storage, store } = setup();
      await store.save({ document: exampleRule('triage-missing-priority'), expectedVersion: null, actor: ADMIN });
      const again = await store.save({ document: exampleRule('triage-missing-priority'), expectedVersion: 1, actor: OTHER });
      expect(again).toMatchObject({ ok: true, unchanged: true, version: 1, head: { updatedBy: ADMIN }, activeRuleset: { state: 'unchanged' } });
      expect((await store.listVersions('triage-missing-priority')).items).toHaveLength(1);
      expect((await listAudit(storage)).entries).toHaveLength(1);
    });

    it('enable, disable, flag and delete each leave an audit entry, and the chain verifies', async () => {
      const { storage, store, clock } = setup();
      await store.save({ document: ruleDoc('audited', { name: 'Audited rule' }), expectedVersion: null, actor: ADMIN });
      clock.advance(1000);
      expect(await store.setEnabled('audited', false, { actor: ADMIN, reason: 'noisy' })).toMatchObject({ ok: true, changed: true, head: { enabled: false } });
      expect(await store.setEnabled('audited', false, { actor: ADMIN })).toMatchObject({ ok: true, changed: false });
      expect(await store.setEnabled('audited', true, { actor: ADMIN })).toMatchObject({ ok: true, changed: true, head: { enabled: true } });
      expect(await store.flag('audited', 'DISABLED_THROTTLED', { actor: 'app', reason: 'over 500 runs an hour for 3 hours' })).toMatchObject({
        ok: true, head: { flag: 'DISABLED_THROTTLED', enabled: true },
      });
      expect(await store.flag('audited', 'not a flag', { actor: ADMIN, reason: 'x' })).toEqual({ ok: false, code: 'INVALID_FLAG' });
      const cleared = await store.setEnabled('audited', true, { actor: ADMIN, reason: 'looked into it' });
      expect(cleared).toMatchObject({ ok: true, changed: true });
      expect(cleared.ok && 'flag' in cleared.head).toBe(false);
      expect(await store.delete('audited', { actor: OTHER })).toMatchObject({ ok: true, version: 1 });
      expect(await store.get('audited')).toBeUndefined();
      expect(await store.getVersion('audited', 1)).toBeUndefined();
      expect(await store.delete('audited', { actor: OTHER })).toEqual({ ok: false, code: 'NOT_FOUND' });
      expect(await store.setEnabled('audited', true, { actor: OTHER })).toEqual({ ok: false, code: 'NOT_FOUND' });

      const { entries } = await listAudit(storage, { ruleId: 'audited' });
      expect(entries.map((e) => [e.seq, e.action, e.actor, e.version, e.summary])).toEqual([
        [6, 'delete', OTHER, 1, 'deleted "Audited rule" at version 1'],
        [5, 'enable', ADMIN, 1, 'enabled; flag DISABLED_THROTTLED cleared: looked into it'],
        [4, 'flag', 'app', 1, 'flagged DISABLED_THROTTLED: over 500 runs an hour for 3 hours'],
        [3, 'enable', ADMIN, 1, 'enabled'],
        [2, 'disable', ADMIN, 1, 'disabled: noisy'],
        [1, 'create', ADMIN, 1, 'created "Audited rule" (on created; 1 action)'],
      ]);
      expect(entries[4]?.at).toBe('2026-03-02T09:00:01.000Z');
      expect(await verifyAuditLog(storage)).toMatchObject({ ok: true, entries: 6 });
    });

    it('an update is summarised by what changed, never with the document', async () => {
      const { storage, store } = setup();
      await store.save({ document: ruleDoc('sum'), expectedVersion: null, actor: ADMIN });
      const next = { ...ruleDoc('sum', { when: { '==': [1, 1] } }), actions: [{ type: 'addLabels', labels: ['a'] }, { type: 'removeLabels', labels: ['b'] }] };
      await store.save({ document: next, expectedVersion: 1, actor: ADMIN });
      expect((await listAudit(storage, { limit: 1 })).entries[0]).toMatchObject({ action: 'update', version: 2, summary: 'when changed; actions 1→2' });
    });

    it('a re-created rule continues its version numbers and shows only its own versions', async () => {
      const { store } = setup();
      await store.save({ document: ruleDoc('phoenix'), expectedVersion: null, actor: ADMIN });
      await store.save({ document: ruleDoc('phoenix', { labels: ['b'] }), expectedVersion: 1, actor: ADMIN });
      await store.delete('phoenix', { actor: ADMIN });
      const again = await store.save({ document: ruleDoc('phoenix', { labels: ['c'] }), expectedVersion: null, actor: ADMIN });
      expect(again).toMatchObject({ ok: true, version: 3 });
      expect((await store.listVersions('phoenix')).items.map((v) => v.version)).toEqual([3]);
    });

    it('imports a set of documents: creates, overwrites, skips identical ones, reports invalid ones', async () => {
      const { storage, store } = setup();
      await store.save({ document: ruleDoc('kept'), expectedVersion: null, actor: ADMIN });
      await store.save({ document: ruleDoc('changed'), expectedVersion: null, actor: ADMIN });
      const imported = await store.importRules({
        documents: [ruleDoc('kept'), ruleDoc('changed', { labels: ['new'] }), ruleDoc('fresh'), { id: 'broken' }],
        actor: OTHER,
      });
      expect(imported.results.map((r) => (r.ok ? [r.head.ruleId, r.version, r.unchanged] : r.code))).toEqual([
        ['kept', 1, true], ['changed', 2, false], ['fresh', 1, false], 'INVALID_RULE',
      ]);
      expect(imported.activeRuleset).toEqual({ state: 'rebuilt' });
      expect((await listAudit(storage, { limit: 2 })).entries.map((e) => [e.action, e.ruleId, e.summary])).toEqual([
        ['import', 'fresh', 'imported: created "Rule fresh" (on created; 1 action)'],
        ['import', 'changed', 'imported: actions changed'],
      ]);
      expect((await readActiveRules(storage, CREATED)).rules.map((r) => [r.ruleId, r.version])).toEqual([['changed', 2], ['fresh', 1], ['kept', 1]]);
      expect(await verifyAuditLog(storage)).toMatchObject({ ok: true, entries: 4 });
    });

    it('lists rules by name, a page at a time', async () => {
      const { store } = setup();
      for (const [id, name] of [['c-rule', 'charlie'], ['a-rule', 'Alpha'], ['b-rule', 'bravo']] as const) {
        await store.save({ document: ruleDoc(id, { name }), expectedVersion: null, actor: ADMIN });
      }
      const first = await store.list({ limit: 2 });
      expect(first.items.map((h) => h.name)).toEqual(['Alpha', 'bravo']);
      expect(first.cursor).toBeDefined();
      const second = await store.list({ limit: 2, ...(first.cursor === undefined ? {} : { cursor: first.cursor }) });
      expect(second.items.map((h) => h.name)).toEqual(['charlie']);
      expect(second.cursor).toBeUndefined();
    });

    it('the snapshot holds the enabled, unflagged rules by event type, read with one getMany', async () => {
      const { storage, store } = setup();
      const save = (doc: Record<string, unknown>) => store.save({ document: doc, expectedVersion: null, actor: ADMIN });
      await save(ruleDoc('on-create'));
      await save(ruleDoc('on-both', { trigger: { type: 'event', events: [UPDATED, CREATED] } }));
      await save(ruleDoc('starts-off', { enabled: false }));
      await save(ruleDoc('throttled'));
      await save(ruleDoc('by-hand', { trigger: { type: 'manual' } }));
      await save(exampleRule('weekly-sla-sweep'));
      await store.flag('throttled', 'DISABLED_THROTTLED', { actor: 'app', reason: 'too many runs' });

      const counted = counting(storage);
      const created = await readActiveRules(counted.storage, CREATED);
      expect(counted.calls).toMatchObject({ getMany: 1, get: 0, query: 0 });
      expect(created.rules.map((r) => [r.ruleId, r.version])).toEqual([['on-both', 1], ['on-create', 1]]);
      expect(created.generation).toMatch(/^[0-9a-f]{32}$/);
      expect((await readActiveRules(storage, UPDATED)).rules.map((r) => r.ruleId)).toEqual(['on-both']);
      expect((await readActiveRules(storage, 'avi:jira:deleted:issue')).rules).toEqual([]);
      const scheduled = await readScheduledRules(storage);
      expect(scheduled.rules.map((r) => r.ruleId)).toEqual(['weekly-sla-sweep']);
      expect(scheduled.rules[0]?.document).not.toHaveProperty('description');

      // A document that starts disabled is enabled by its head, and then runs as enabled.
      await store.setEnabled('starts-off', true, { actor: ADMIN });
      const after = await readActiveRules(storage, CREATED);
      expect(after.rules.map((r) => [r.ruleId, r.document.enabled])).toEqual([['on-both', true], ['on-create', true], ['starts-off', true]]);
      expect(after.generation).not.toBe(created.generation);
      // A new version replaces the old one; moving a rule to another event moves it between groups.
      await store.save({ document: ruleDoc('on-create', { trigger: { type: 'event', events: [UPDATED] } }), expectedVersion: 1, actor: ADMIN });
      expect((await readActiveRules(storage, CREATED)).rules.map((r) => r.ruleId)).toEqual(['on-both', 'starts-off']);
      expect((await readActiveRules(storage, UPDATED)).rules.map((r) => [r.ruleId, r.version])).toEqual([['on-both', 1], ['on-create', 2]]);
      await store.delete('on-both', { actor: ADMIN });
      expect((await readActiveRules(storage, UPDATED)).rules.map((r) => r.ruleId)).toEqual(['on-create']);
    });

    it('concurrent changes to one rule all land, and the log stays one chain', async () => {
      const { storage, store } = setup();
      await store.save({ document: ruleDoc('busy'), expectedVersion: null, actor: ADMIN });
      await store.save({ document: ruleDoc('calm'), expectedVersion: null, actor: ADMIN });
      const racing = createRuleStore({ storage: transactBarrier(storage, 3), now: () => Date.parse('2026-03-02T11:00:00Z') });
      const results = await Promise.all([
        racing.setEnabled('busy', false, { actor: ADMIN }),
        racing.flag('busy', 'REVIEW', { actor: OTHER, reason: 'check' }),
        racing.setEnabled('calm', false, { actor: OTHER }),
      ]);
      expect(results.every((r) => r.ok && r.changed)).toBe(true);
      expect((await store.get('busy'))?.head).toMatchObject({ enabled: false, flag: 'REVIEW' });
      expect((await store.get('calm'))?.head.enabled).toBe(false);
      expect(await verifyAuditLog(storage)).toMatchObject({ ok: true, entries: 5 });
      expect((await readActiveRules(storage, CREATED)).rules).toEqual([]);
    });
  });
}
