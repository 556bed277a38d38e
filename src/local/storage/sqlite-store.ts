/**
 * The one SQLite table behind every namespace (KVS keys, secrets, each custom entity). better-sqlite3 is synchronous,
 * so a request's reads and writes cannot interleave with another request's: each write path runs in one SQLite
 * transaction and is either fully on disk or absent when the process dies.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Row = {
  key: string;
  /** JSON text of the stored value. */
  value: string;
  /** Epoch ms on the runtime clock. */
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
};

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  ns TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (ns, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_expiry ON items (expires_at) WHERE expires_at IS NOT NULL;
`;

const COLUMNS = 'key, value, created_at AS createdAt, updated_at AS updatedAt, expires_at AS expiresAt';
const LIVE = '(expires_at IS NULL OR expires_at > @now)';

export class SqliteStore {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<{ ns: string; key: string }, Row>;
  readonly #put: Database.Statement<{ ns: string } & Row>;
  readonly #del: Database.Statement<{ ns: string; key: string }>;
  readonly #prefix: Database.Statement<{ ns: string; prefix: string; after: string; now: number; limit: number }, Row>;
  readonly #all: Database.Statement<{ ns: string; now: number }, Row>;
  readonly #purge: Database.Statement<{ now: number }>;
  readonly #everything: Database.Statement<{ now: number }, Row & { ns: string }>;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    // WAL + FULL: a commit returns only after the WAL is fsynced, so a write the service acknowledged survives
    // kill -9 and power loss alike (NORMAL would only survive the former). The decision record has the trade-off.
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 5000');
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.#db.close();
      throw new Error(`storage file ${path} has schema version ${version}; this emulator knows ${SCHEMA_VERSION}`);
    }
    this.#db.exec(SCHEMA);
    this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.#get = this.#db.prepare(`SELECT ${COLUMNS} FROM items WHERE ns = @ns AND key = @key`);
    this.#put = this.#db.prepare(
      `INSERT INTO items (ns, key, value, created_at, updated_at, expires_at)
       VALUES (@ns, @key, @value, @createdAt, @updatedAt, @expiresAt)
       ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
         updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
    );
    this.#del = this.#db.prepare('DELETE FROM items WHERE ns = @ns AND key = @key');
    this.#prefix = this.#db.prepare(
      `SELECT ${COLUMNS} FROM items WHERE ns = @ns AND key > @after AND substr(key, 1, length(@prefix)) = @prefix
       AND ${LIVE} ORDER BY key LIMIT @limit`,
    );
    this.#all = this.#db.prepare(`SELECT ${COLUMNS} FROM items WHERE ns = @ns AND ${LIVE} ORDER BY key`);
    this.#purge = this.#db.prepare('DELETE FROM items WHERE expires_at IS NOT NULL AND expires_at <= @now');
    this.#everything = this.#db.prepare(`SELECT ns, ${COLUMNS} FROM items WHERE ${LIVE} ORDER BY ns, key`);
  }

  /** The live row, or undefined; an expired row is deleted on the way (lazy purge). */
  read(ns: string, key: string, now: number): Row | undefined {
    const row = this.#get.get({ ns, key });
    if (row === undefined) return undefined;
    if (row.expiresAt !== null && row.expiresAt <= now) {
      this.#del.run({ ns, key });
      return undefined;
    }
    return row;
  }

  write(ns: string, row: Row): void {
    this.#put.run({ ns, ...row });
  }

  remove(ns: string, key: string): boolean {
    return this.#del.run({ ns, key }).changes > 0;
  }

  /** Live rows whose key starts with prefix and sorts after `after`, in key order. */
  scan(ns: string, prefix: string, after: string, limit: number, now: number): Row[] {
    return this.#prefix.all({ ns, prefix, after, limit, now });
  }

  /** Every live row of a namespace, in key order. */
  all(ns: string, now: number): Row[] {
    return this.#all.all({ ns, now });
  }

  /** Every live row of every namespace (KVS keys, secrets, entities): what a test reads to see all that is stored. */
  everything(now: number): (Row & { ns: string })[] {
    return this.#everything.all({ now });
  }

  purgeExpired(now: number): number {
    return this.#purge.run({ now }).changes;
  }

  /** Runs fn in one SQLite transaction: all its writes commit together or not at all. */
  atomically<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  integrityCheck(): string {
    return String(this.#db.pragma('integrity_check', { simple: true }));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
