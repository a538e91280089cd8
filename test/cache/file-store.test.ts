import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../src/cache/create-cache.js';
import { loadSqlite } from '../../src/cache/load-sqlite.js';
import { SqliteStore } from '../../src/cache/sqlite-store.js';

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
const open: Keyv[] = [];
async function fileCache(dir: string, namespace?: string): Promise<Keyv> {
  const keyv = await createCache({ store: 'file', path: dir }, namespace);
  open.push(keyv);
  return keyv;
}
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(open.splice(0).map((k) => k.disconnect()));
});

describe('the file cache holds tokens: only its owner may read it', () => {
  it('the database and its -wal/-shm files are 0600, in a 0700 directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'canopy-mode-')), 'cache');
    const cache = await fileCache(dir);
    await cache.set('token', 'gAAAAAB-secret-token', 60_000);
    expect(mode(dir)).toBe('700');
    for (const file of ['canopy.db', 'canopy.db-wal', 'canopy.db-shm']) expect({ file, mode: mode(join(dir, file)) }).toEqual({ file, mode: '600' });
  });

  it('an existing database readable by others is tightened to 0600 when opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-mode-'));
    const first = await fileCache(dir);
    await first.set('k', 'v');
    await first.disconnect();
    chmodSync(join(dir, 'canopy.db'), 0o644);
    const again = await fileCache(dir);
    expect(mode(join(dir, 'canopy.db'))).toBe('600');
    expect(await again.get('k')).toBe('v');
  });

  it('the JSON file of earlier versions (stale tokens) is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-legacy-'));
    writeFileSync(join(dir, 'canopy.json'), '{"canopy:token":"old"}', { mode: 0o600 });
    await fileCache(dir);
    expect(existsSync(join(dir, 'canopy.json'))).toBe(false);
  });
});

describe('a damaged file', () => {
  it('is replaced by a new, empty cache instead of failing every run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-damaged-'));
    writeFileSync(join(dir, 'canopy.db'), 'this is not a database, it is '.repeat(200), { mode: 0o600 });
    const cache = await fileCache(dir);
    await cache.set('k', 'v');
    expect(await (await fileCache(dir)).get('k')).toBe('v');
    expect(mode(join(dir, 'canopy.db'))).toBe('600');
  });
});

describe('expiry', () => {
  it('an entry is gone after its ttl, for this process and for the next, and its row is swept on open', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T06:00:00.000Z'), toFake: ['Date'] });
    const dir = mkdtempSync(join(tmpdir(), 'canopy-ttl-'));
    const cache = await fileCache(dir);
    await cache.set('short', 'a', 60_000);
    await cache.set('long', 'b', 3_600_000);
    await cache.set('forever', 'c');
    vi.setSystemTime(new Date('2026-11-23T06:00:59.000Z'));
    expect(await cache.get('short')).toBe('a');
    vi.setSystemTime(new Date('2026-11-23T06:01:01.000Z'));
    expect(await cache.get('short')).toBeUndefined();
    expect(await (await fileCache(dir)).getMany(['short', 'long', 'forever'])).toEqual([undefined, 'b', 'c']);

    vi.setSystemTime(new Date('2026-11-23T08:00:00.000Z'));
    await fileCache(dir); // opening sweeps
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(join(dir, 'canopy.db'));
    expect(db.prepare('SELECT key FROM entries ORDER BY key').all().map((r) => r.key)).toEqual(['forever']);
    db.close();
  });
});

describe('keyv operations', () => {
  it('namespaces are separate: get, has, delete, clear and iteration stay inside their own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-ns-'));
    const a = await fileCache(dir, 'a');
    const a2 = new Keyv({ store: new SqliteStore(join(dir, 'a.db')), namespace: 'other' });
    open.push(a2);
    await a.setMany<unknown>([{ key: 'x', value: 1 }, { key: 'y', value: { deep: [1, 2] } }]);
    await a2.set('x', 2);
    expect([await a.get('x'), await a2.get('x'), await a.get('y')]).toEqual([1, 2, { deep: [1, 2] }]);
    expect(await a.has('y')).toBe(true);
    expect(await a.delete('y')).toBe(true);
    expect(await a.hasMany(['x', 'y'])).toEqual([true, false]);
    const seen: unknown[] = [];
    for await (const [key, value] of a.iterator!()) seen.push([key, value]);
    expect(seen).toEqual([['x', 1]]);
    await a.clear();
    expect([await a.get('x'), await a2.get('x')]).toEqual([undefined, 2]);
  });

  it('sorted sets keep the highest scores up to a bound, newest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-sorted-'));
    const store = new SqliteStore(join(dir, 'c.db'));
    open.push(new Keyv({ store, namespace: 'c' }));
    for (const [member, score] of [['m1', 1], ['m3', 3], ['m2', 2], ['m4', 4]] as const) await store.sortedAdd('ids', member, score, { max: 3, ttlMs: 60_000 });
    await store.sortedAdd('ids', 'm3', 99, { max: 3, ttlMs: 60_000 }); // re-adding keeps the first score
    expect(await store.sortedRange('ids', 10)).toEqual(['m4', 'm3', 'm2']);
    expect(await store.sortedRange('ids', 2)).toEqual(['m4', 'm3']);
    expect(await store.sortedRange('other', 10)).toEqual([]);
  });
});
