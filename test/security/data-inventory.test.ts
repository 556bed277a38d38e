import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fullRun, type FullRun } from './full-run.js';

// docs/security-and-privacy.md's data inventory against the manifest and against what a full run of the app in the
// local runtime actually stored, read past every API (runtime.storage.contents()).
const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/security-and-privacy.md', root), 'utf8');
type ManifestEntity = { name: string; attributes: Record<string, unknown> };
const manifest = parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as { app: { storage?: { entities?: ManifestEntity[] } } };
const entities = manifest.app.storage?.entities ?? [];

type Row = { kind: 'entity' | 'key'; name: string; fields: string[]; retention: string };

export function inventoryOf(markdown: string): Row[] {
  const table = /<!-- inventory:start -->([\s\S]*?)<!-- inventory:end -->/.exec(markdown)?.[1] ?? '';
  return table.split('\n').flatMap((line) => {
    const cells = line.split('|').map((cell) => cell.trim()).slice(1, -1);
    const match = /^(entity|key) `([^`]+)`$/.exec(cells[0] ?? '');
    if (match === null) return [];
    return [{ kind: match[1] as Row['kind'], name: match[2] ?? '', fields: (cells[1] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== ''), retention: cells[3] ?? '' }];
  });
}

/** Whether a plain key matches a documented pattern, where `<name>` stands for one segment without a colon. */
function keyMatches(pattern: string, key: string): boolean {
  // A placeholder may hold colons (the event type in `active-rules:<group>:<part>`).
  const source = pattern.split(/<[^>]+>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
  return new RegExp(`^${source}$`).test(key);
}

/** Every TypeScript file under src/app: where stored keys are named. */
function shippedSource(): string {
  const files = readdirSync(new URL('src/app', root), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  return files.map((f) => readFileSync(new URL(`src/app/${f}`, root), 'utf8')).join('\n');
}

let run: FullRun;
beforeAll(async () => {
  run = await fullRun();
}, 60_000);
afterAll(() => {
  run.app.close();
});

describe('the data inventory', () => {
  const rows = inventoryOf(doc);

  it('documents exactly the entities the manifest declares and the keys a full run writes', () => {
    const stored = run.app.runtime.storage.contents();
    expect(rows.filter((r) => r.kind === 'entity').map((r) => r.name).sort()).toEqual(entities.map((e) => e.name).sort());
    // The run is full: every declared entity holds something after it, so nothing below is vacuous.
    expect([...new Set(stored.flatMap((item) => (item.entity === undefined ? [] : [item.entity])))].sort()).toEqual(entities.map((e) => e.name).sort());
    const patterns = rows.filter((r) => r.kind === 'key').map((r) => r.name);
    const keys = stored.filter((item) => item.ns === 'kvs').map((item) => item.key);
    expect(keys.filter((key) => !patterns.some((pattern) => keyMatches(pattern, key)))).toEqual([]);
    // A documented key the run did not write (a deletion's progress marker) must at least be one the code writes.
    for (const pattern of patterns.filter((p) => !keys.some((key) => keyMatches(p, key)))) {
      expect(shippedSource(), pattern).toContain(`'${pattern.split('<')[0] ?? pattern}`);
    }
    expect(patterns.filter((p) => keys.some((key) => keyMatches(p, key))).length).toBeGreaterThan(0);
    expect(stored.filter((item) => item.ns === 'secret')).toEqual([]);
    for (const row of rows) expect(row.retention, row.name).not.toBe('');
  });

  it('documents every field a full run stores', () => {
    for (const entity of entities) {
      const row = rows.find((r) => r.kind === 'entity' && r.name === entity.name);
      expect(row?.fields.slice().sort(), entity.name).toEqual(Object.keys(entity.attributes).sort());
    }
    for (const item of run.app.runtime.storage.contents()) {
      const row = rows.find((r) => (item.entity === undefined ? r.kind === 'key' && keyMatches(r.name, item.key) : r.kind === 'entity' && r.name === item.entity));
      const fields = Object.keys(item.value as object);
      expect(fields.filter((field) => !row?.fields.includes(field)), `${item.entity ?? 'key'} ${item.key}`).toEqual([]);
    }
  });

  it('reads the table it checks', () => {
    expect(inventoryOf('<!-- inventory:start -->\n| Stored as | Fields |\n| --- | --- |\n| entity `a` | x, y | why | 1 day |\n| key `k:<n>` | v | why | ever |\n<!-- inventory:end -->')).toEqual([
      { kind: 'entity', name: 'a', fields: ['x', 'y'], retention: '1 day' },
      { kind: 'key', name: 'k:<n>', fields: ['v'], retention: 'ever' },
    ]);
    expect(keyMatches('active-rules:<group>:<part>', 'active-rules:schedule:0')).toBe(true);
    expect(keyMatches('active-rules:<group>:<part>', 'active-rules:avi:jira:updated:issue:12')).toBe(true);
    expect(keyMatches('active-rules:<group>:<part>', 'active-rules:schedule')).toBe(false);
  });
});
