// Acknowledged writes survive kill -9: a child writes through the wire service, we SIGKILL it mid-stream, reopen the
// file and find every acknowledged key, in a database that passes PRAGMA integrity_check.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { Clock } from '../../../src/local/runtime/clock.js';
import { openStorage } from '../../../src/local/storage/index.js';
import { CALLER, post } from './fixtures/wire.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const ACKS_BEFORE_KILL = 200;

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Runs the writer until it has acknowledged `count` keys, kills it with SIGKILL and returns every key it acked. */
function writeUntilKilled(path: string, count: number): Promise<{ acked: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= count && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      resolve({ acked, signal, stderr });
    });
  });
}

it('keeps every acknowledged write when the process is killed with SIGKILL', async () => {
  dir = mkdtempSync(join(tmpdir(), 'ruleforge-crash-'));
  const path = join(dir, 'store', 'storage.sqlite');
  const { acked, signal, stderr } = await writeUntilKilled(path, ACKS_BEFORE_KILL);
  expect(stderr).toBe('');
  expect(signal).toBe('SIGKILL');
  expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

  const db = new Database(path);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();

  const storage = openStorage({ path, entities: [], clock: new Clock() });
  try {
    const missing: string[] = [];
    for (const key of acked) {
      const response = await storage.handle(post('/api/v1/get', { key }), CALLER);
      const body = response.status === 200 ? (JSON.parse(response.body ?? '') as { value?: unknown }) : undefined;
      if (JSON.stringify(body?.value) !== JSON.stringify({ key, pad: 'x'.repeat(200) })) missing.push(key);
    }
    expect(missing).toEqual([]);
  } finally {
    storage.close();
  }
  // A child process that compiles TypeScript through tsx, then 200 fsync'ed writes: slow on a loaded machine.
}, 180_000);
