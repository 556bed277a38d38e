import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  appendAudit, AUDIT_ENTITY, auditKey, canonicalJson, hashEntry, listAudit, sealEntry, verifyAuditLog, type AuditEntry,
} from '../../../src/app/rules/audit-log.js';
import { createRuleStore } from '../../../src/app/rules/rule-store.js';
import type { StoragePort } from '../../../src/ports/storage.js';
import { createMemoryStorage } from '../../support/memory-storage.js';
import { ruleDoc, testClock, transactBarrier } from './support.js';

const vector = JSON.parse(readFileSync(new URL('audit-chain-vector.json', import.meta.url), 'utf8')) as { entries: AuditEntry[] };
const ADMIN = '557058:admin';

async function logWithChanges(): Promise<StoragePort> {
  const storage = createMemoryStorage();
  const clock = testClock();
  const store = createRuleStore({ storage, now: clock.now });
  await store.save({ document: ruleDoc('one'), expectedVersion: null, actor: ADMIN });
  await store.save({ document: ruleDoc('two'), expectedVersion: null, actor: ADMIN });
  await store.setEnabled('one', false, { actor: ADMIN });
  await store.save({ document: ruleDoc('one', { labels: ['x'] }), expectedVersion: 1, actor: ADMIN });
  await store.delete('two', { actor: ADMIN });
  return storage;
}

const entryAt = async (storage: StoragePort, seq: number): Promise<AuditEntry> => {
  const entry = await storage.get<AuditEntry>({ entity: AUDIT_ENTITY, key: auditKey(seq) });
  if (entry === undefined) throw new Error(`no entry ${seq}`);
  return entry;
};

describe('audit entry hashes', () => {
  it('match a chain hashed outside the project', () => {
    for (const entry of vector.entries) expect(hashEntry(entry)).toBe(entry.hash);
  });

  it('seal an entry onto the tip it was given', () => {
    const [first, second] = vector.entries;
    if (first === undefined || second === undefined) throw new Error('vector too short');
    const sealed = sealEntry({ seq: first.seq, hash: first.hash }, second, Date.parse(second.at));
    expect(sealed).toEqual(second);
  });

  it('are taken over key-sorted JSON, so property order does not matter', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }] })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
  });
});

describe('verifyAuditLog', () => {
  it('accepts the chain the store wrote', async () => {
    const storage = await logWithChanges();
    const verdict = await verifyAuditLog(storage);
    expect(verdict).toMatchObject({ ok: true, entries: 5 });
    expect(verdict.ok && verdict.tip.hash).toBe((await entryAt(storage, 5)).hash);
  });

  it('accepts an empty log', async () => {
    expect(await verifyAuditLog(createMemoryStorage())).toMatchObject({ ok: true, entries: 0 });
  });

  it('finds an entry edited after it was written', async () => {
    const storage = await logWithChanges();
    const entry = await entryAt(storage, 3);
    await storage.set({ entity: AUDIT_ENTITY, key: auditKey(3) }, { ...entry, actor: '557058:someone-else' });
    expect(await verifyAuditLog(storage)).toMatchObject({ ok: false, seq: 3, reason: 'HASH_MISMATCH' });
  });

  it('finds an edited entry whose hash was recomputed, at the next link', async () => {
    const storage = await logWithChanges();
    const entry = await entryAt(storage, 2);
    const forged = { ...entry, summary: 'nothing happened' };
    await storage.set({ entity: AUDIT_ENTITY, key: auditKey(2) }, { ...forged, hash: hashEntry(forged) });
    expect(await verifyAuditLog(storage)).toMatchObject({ ok: false, seq: 3, reason: 'PREV_HASH_MISMATCH' });
  });

  it('finds a removed entry', async () => {
    const storage = await logWithChanges();
    await storage.delete({ entity: AUDIT_ENTITY, key: auditKey(4) });
    expect(await verifyAuditLog(storage)).toMatchObject({ ok: false, seq: 4, reason: 'SEQ_GAP' });
  });

  it('finds an entry that is not one', async () => {
    const storage = await logWithChanges();
    await storage.set({ entity: AUDIT_ENTITY, key: auditKey(5) }, { seq: 5 });
    expect(await verifyAuditLog(storage)).toMatchObject({ ok: false, seq: 5, reason: 'MALFORMED' });
  });

  it('finds an entry moved to another key', async () => {
    const storage = await logWithChanges();
    const entry = await entryAt(storage, 5);
    await storage.delete({ entity: AUDIT_ENTITY, key: auditKey(5) });
    await storage.set({ entity: AUDIT_ENTITY, key: `${auditKey(5)}x` }, entry);
    expect(await verifyAuditLog(storage)).toMatchObject({ ok: false, seq: 5, reason: 'KEY_MISMATCH' });
  });

  it('walks a log longer than one page', async () => {
    const storage = createMemoryStorage();
    const clock = testClock();
    for (let i = 0; i < 230; i++) await appendAudit(storage, clock.now, { actor: ADMIN, action: 'flag', ruleId: `r${i % 7}`, version: 1, summary: `entry ${i}` });
    expect(await verifyAuditLog(storage)).toMatchObject({ ok: true, entries: 230 });
  });
});

describe('appending', () => {
  it('keeps one chain when many appends race for the same seq', async () => {
    const storage = createMemoryStorage();
    const clock = testClock();
    const racing = transactBarrier(storage, 20);
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, i) => appendAudit(racing, clock.now, { actor: ADMIN, action: 'flag', ruleId: `rule-${i}`, version: 1, summary: `append ${i}` })),
    );
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyAuditLog(storage)).toMatchObject({ ok: true, entries: 20 });
  });

  it('lists newest first, for one rule or all, a page at a time', async () => {
    const storage = await logWithChanges();
    const all = await listAudit(storage, { limit: 3 });
    expect(all.entries.map((e) => e.seq)).toEqual([5, 4, 3]);
    const rest = await listAudit(storage, { limit: 3, ...(all.cursor === undefined ? {} : { cursor: all.cursor }) });
    expect(rest.entries.map((e) => e.seq)).toEqual([2, 1]);
    expect(rest.cursor).toBeUndefined();
    const one = await listAudit(storage, { ruleId: 'one' });
    expect(one.entries.map((e) => [e.action, e.version])).toEqual([['update', 2], ['disable', 1], ['create', 1]]);
  });
});
