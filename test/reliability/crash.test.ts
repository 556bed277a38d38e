// Scenario "Crash safety", small: writer children on one store file killed with SIGKILL during open, before their
// first acknowledgement and mid-stream; every acknowledged write must survive every reopen, and the detector must
// count a write that did not (shown on a file doctored between restarts, and on a hand-made torn write).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { crashRows, runCrash } from '../../reliability/crash/index.js';
import { Ledger } from '../../reliability/crash/ledger.js';
import { verifyStore } from '../../reliability/crash/verify.js';
import { digest } from '../../reliability/crash/workload.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { openStorage } from '../../src/local/storage/index.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

it('keeps every acknowledged write across kill -9 restarts and opens the file after every crash', async () => {
  // Seed 4 plans: kill 14 acks in, during open, right after `go`, right after spawn, 42 acks in.
  const figures = await runCrash({ restarts: 5, seed: 4 });
  expect(figures.problems).toEqual([]);
  expect(figures.restarts).toBe(5);
  expect(figures.killedMidStream).toBeGreaterThanOrEqual(1);
  expect(figures.acknowledgedWrites).toBeGreaterThanOrEqual(14 + 42);
  expect(figures.lostWrites).toBe(0);
  expect(figures.failedOpens).toBe(0);
  expect(figures.integrityFailures).toBe(0);
  expect(figures.tornWrites).toBe(0);
  // Each write a kill interrupted was later found committed wholly or not at all.
  expect(figures.inDoubtCommitted + figures.inDoubtAbsent).toBe(figures.killedWithWriteInFlight);
  // Every child that opened was verified, and the final open once more.
  expect(figures.verifies).toBe(figures.restarts - figures.killedDuringOpen + 1);
  expect(crashRows(figures).filter((r) => r.ok === false)).toEqual([]);
}, 120_000);

it('counts acknowledged writes deleted or altered in the file between restarts as lost', async () => {
  let doctored: string[] = [];
  const figures = await runCrash({
    // One child, killed 32 acknowledgements in; the doctored file is then checked by the final open.
    restarts: 1,
    seed: 1,
    tamper: ({ path, acknowledged }) => {
      const [gone, ...rest] = acknowledged;
      const altered = rest.find((entry) => entry.writeId !== gone?.writeId);
      if (doctored.length > 0 || gone === undefined || altered === undefined) return;
      const db = new Database(path);
      db.prepare('DELETE FROM items WHERE ns = ? AND key = ?').run(gone.ns, gone.key);
      db.prepare(`UPDATE items SET value = '{"doctored":true}' WHERE ns = ? AND key = ?`).run(altered.ns, altered.key);
      db.close();
      doctored = [gone.key, altered.key];
    },
  });
  expect(doctored).toHaveLength(2);
  expect(figures.lostWrites).toBe(2);
  expect(figures.lostExamples.map((lost) => lost.key).sort()).toEqual([...doctored].sort());
  expect(figures.lostExamples.map((lost) => lost.found)).toContain(null);
  expect(figures.integrityFailures).toBe(0);
  expect(crashRows(figures).find((r) => r.figure === 'lost acknowledged writes')?.ok).toBe(false);
}, 120_000);

it('tells a killed write that committed wholly, not at all, or partly', async () => {
  dir = mkdtempSync(join(tmpdir(), 'ruleforge-crash-verify-'));
  const path = join(dir, 'storage.sqlite');
  const storage = openStorage({ path, entities: [], clock: new Clock() });
  const set = (key: string, value: unknown): Promise<unknown> =>
    storage.handle({ path: '/api/v1/set', method: 'POST', headers: {}, body: JSON.stringify({ key, value }) }, { appId: 'a', environmentId: 'e', appVersion: '1', installationId: 'i', functionKey: 'f', invocationId: 'x' });
  await set('a', 1);
  await set('b', 2);
  storage.close();
  const effect = (key: string, value: unknown): { ns: string; key: string; value: string } => ({ ns: 'kvs', key, value: digest(JSON.stringify(value)) });
  const ledger = new Ledger();
  ledger.announce({ id: '0.0', effects: [effect('a', 1), effect('b', 2)] });
  expect(ledger.acknowledge('0.0')).toBe(true);

  // In doubt: a → 10, b → 20. The store holds a = 10 but b = 2: half a transaction.
  ledger.announce({ id: '0.1', effects: [effect('a', 10), effect('b', 20)] });
  ledger.childEnded();
  const doctor = (sql: string): void => {
    const db = new Database(path);
    db.prepare(sql).run();
    db.close();
  };
  doctor(`UPDATE items SET value = '10' WHERE key = 'a'`);
  const torn = await verifyStore(path, [], ledger);
  expect(torn).toMatchObject({ lost: [], inDoubt: 'torn', integrity: 'ok' });
  ledger.settle(torn.inDoubt, torn.observed);
  expect(ledger.torn).toBe(1);

  ledger.announce({ id: '0.2', effects: [effect('a', 11)] });
  ledger.childEnded();
  const absent = await verifyStore(path, [], ledger);
  expect(absent).toMatchObject({ lost: [], inDoubt: 'absent' });
  ledger.settle(absent.inDoubt, absent.observed);

  ledger.announce({ id: '0.3', effects: [effect('b', 21)] });
  ledger.childEnded();
  doctor(`UPDATE items SET value = '21' WHERE key = 'b'`);
  expect(await verifyStore(path, [], ledger)).toMatchObject({ lost: [], inDoubt: 'applied' });
});
