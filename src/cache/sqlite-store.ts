import { EventEmitter } from 'node:events';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { keyvStorageCapability, type KeyvStorageCapability, type KeyvStorageEntry } from 'keyv';
import { loadSqlite } from './load-sqlite.js';

/** How long a writer waits for another process's write to finish before giving up, ms. */
const BUSY_TIMEOUT_MS = 10_000;

/** How often expired rows are swept while the store is open (they are also swept when it opens). */
const SWEEP_EVERY_MS = 10 * 60_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (ns TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, expires INTEGER, PRIMARY KEY (ns, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sorted (ns TEXT NOT NULL, name TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, expires INTEGER, PRIMARY KEY (ns, name, member)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sorted_by_score ON sorted (ns, name, score);
`;

/**
 * A keyv storage adapter on one SQLite file (Node's built-in `node:sqlite`): the CLI's cache of tokens, catalogs,
 * discovery documents and task records between runs. Every write is its own SQLite transaction, so any number
 * of processes can use the file at once without losing each other's writes (WAL mode; a writer waits up to
 * 10 s for another). The file and its `-wal`/`-shm` companions are mode 0600 — they hold tokens — in a 0700
 * directory. Expiry is keyv's absolute `expires`, enforced on every read and swept from the file.
 *
 * Besides key/value it keeps sorted sets (see {@link SqliteStore.sortedAdd}), which the task store uses as its
 * index, so adding a task never rewrites a shared list.
 *
 * @example
 * const keyv = new Keyv({ store: new SqliteStore('/home/me/.cache/canopy/canopy.db'), namespace: 'canopy' });
 * await keyv.set('token', 'gAAAA…', 3_600_000);
 */
export class SqliteStore extends EventEmitter {
  /** Set by keyv; rows of different namespaces never see each other. */
  namespace: string | undefined;
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private lastSweep = Date.now();

  constructor(readonly path: string) {
    super();
    try {
      this.db = openDatabase(path);
    } catch (error) {
      // A file that is not a database (truncated, overwritten): it is only a cache, so start a new one.
      if (!/not a database|malformed/i.test((error as Error).message)) throw error;
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      this.db = openDatabase(path);
    }
    this.sweep();
  }

  /** keyv uses this adapter as-is: it takes absolute `expires` timestamps. */
  get capabilities(): KeyvStorageCapability {
    return keyvStorageCapability(this);
  }

  async get<Value>(key: string): Promise<Value | undefined> {
    const row = this.statement('SELECT value FROM entries WHERE ns = ? AND key = ? AND (expires IS NULL OR expires > ?)').get(this.ns, key, Date.now()) as { value: string } | undefined;
    return row?.value as Value | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    return Promise.all(keys.map((key) => this.get<Value>(key)));
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async hasMany(keys: string[]): Promise<boolean[]> {
    return Promise.all(keys.map((key) => this.has(key)));
  }

  async set(key: string, value: unknown, expires?: number): Promise<boolean> {
    this.write(key, value, expires);
    this.maybeSweep();
    return true;
  }

  async setMany<Value>(entries: KeyvStorageEntry<Value>[]): Promise<boolean[]> {
    this.transaction(() => {
      for (const entry of entries) this.write(entry.key, entry.value, entry.expires);
    });
    return entries.map(() => true);
  }

  async delete(key: string): Promise<boolean> {
    return Number(this.statement('DELETE FROM entries WHERE ns = ? AND key = ?').run(this.ns, key).changes) > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean[]> {
    return this.transaction(() => keys.map((key) => Number(this.statement('DELETE FROM entries WHERE ns = ? AND key = ?').run(this.ns, key).changes) > 0));
  }

  /** Removes every entry and sorted set of this namespace. */
  async clear(): Promise<void> {
    this.transaction(() => {
      this.statement('DELETE FROM entries WHERE ns = ?').run(this.ns);
      this.statement('DELETE FROM sorted WHERE ns = ?').run(this.ns);
    });
  }

  async *iterator<Value>(): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const rows = this.statement('SELECT key, value FROM entries WHERE ns = ? AND (expires IS NULL OR expires > ?) ORDER BY key').all(this.ns, Date.now()) as Array<{ key: string; value: string }>;
    for (const row of rows) yield [row.key, row.value as Awaited<Value>];
  }

  async disconnect(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Adds `member` to the sorted set `name` (or renews it, keeping its first score), in one transaction that
   * also drops the lowest-scored members beyond `max`. Members expire `ttlMs` after their last add.
   *
   * @example
   * await store.sortedAdd('tasks:ids', 'task-1', Date.now(), { max: 1000, ttlMs: 86_400_000 });
   */
  async sortedAdd(name: string, member: string, score: number, options: { max: number; ttlMs: number }): Promise<void> {
    const expires = Date.now() + options.ttlMs;
    this.transaction(() => {
      this.statement('INSERT INTO sorted (ns, name, member, score, expires) VALUES (?, ?, ?, ?, ?) ON CONFLICT (ns, name, member) DO UPDATE SET expires = excluded.expires').run(this.ns, name, member, score, expires);
      this.statement('DELETE FROM sorted WHERE ns = ? AND name = ? AND member NOT IN (SELECT member FROM sorted WHERE ns = ? AND name = ? ORDER BY score DESC, member DESC LIMIT ?)').run(this.ns, name, this.ns, name, options.max);
    });
  }

  /**
   * The highest-scored members of the sorted set `name`, highest first (ties: member, descending — as Redis's
   * `ZRANGE … REV` orders them).
   *
   * @example
   * const newest = await store.sortedRange('tasks:ids', 100);
   */
  async sortedRange(name: string, limit: number): Promise<string[]> {
    const rows = this.statement('SELECT member FROM sorted WHERE ns = ? AND name = ? AND (expires IS NULL OR expires > ?) ORDER BY score DESC, member DESC LIMIT ?').all(this.ns, name, Date.now(), limit) as Array<{ member: string }>;
    return rows.map((row) => row.member);
  }

  private get ns(): string {
    return this.namespace ?? '';
  }

  private write(key: string, value: unknown, expires: number | undefined): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    this.statement('INSERT INTO entries (ns, key, value, expires) VALUES (?, ?, ?, ?) ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires = excluded.expires').run(this.ns, key, text, expires ?? null);
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` in one write transaction; `IMMEDIATE` takes the write lock first, so the busy timeout applies. */
  private transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const value = fn();
      this.db.exec('COMMIT');
      return value;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private maybeSweep(): void {
    if (Date.now() - this.lastSweep >= SWEEP_EVERY_MS) this.sweep();
  }

  private sweep(): void {
    const now = Date.now();
    this.lastSweep = now;
    this.transaction(() => {
      this.statement('DELETE FROM entries WHERE expires IS NOT NULL AND expires <= ?').run(now);
      this.statement('DELETE FROM sorted WHERE expires IS NOT NULL AND expires <= ?').run(now);
    });
  }
}

function openDatabase(path: string): DatabaseSync {
  secureFile(path);
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(path);
  try {
    // The busy timeout first: switching to WAL and creating the tables take locks other processes may hold.
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    // WAL with NORMAL cannot corrupt the file; a power cut may only lose the last writes, fine for a cache.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Creates the database file 0600 before SQLite opens it (SQLite would create it 0644 less the umask) and
 * tightens an existing one; SQLite gives the `-wal` and `-shm` files the database file's mode.
 */
function secureFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o777) !== 0o600) chmodSync(file, 0o600);
  }
}
