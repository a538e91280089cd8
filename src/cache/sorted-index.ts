import type Keyv from 'keyv';
import { SqliteStore } from './sqlite-store.js';

/**
 * A bounded set of ids ordered by a score (e.g. a creation time), kept in a cache store beside its records. On
 * the file store (SQLite) and on Redis an `add` is one atomic operation of the store itself, so processes
 * adding at the same moment never drop each other's ids; on other stores it is a read-modify-write of one
 * keyv value, safe only between the users of one keyv in one process.
 *
 * @example
 * const index = sortedIndexFor(keyv, 'tasks:ids', { max: 1000, ttlMs: 14 * 86_400_000 });
 * await index.add('task-1', Date.now());
 * const newest = await index.top(50);
 */
export interface SortedIndex {
  /** Adds `member` (keeping the score it was first added with) and drops the lowest scores beyond `max`. */
  add(member: string, score: number): Promise<void>;
  /** At most `limit` members, highest score first (equal scores: member, descending). */
  top(limit: number): Promise<string[]>;
}

/** Bounds of a {@link SortedIndex}. */
export interface SortedIndexOptions {
  /** How many members are kept, highest scores kept. */
  max: number;
  /** How long the index (Redis, other stores) or a member (file store) lives after its last add. */
  ttlMs: number;
}

/** The parts of `@keyv/redis`'s adapter and of its client this module uses. */
interface RedisAdapterLike {
  namespace?: string;
  getClient(): Promise<RedisClientLike>;
  createKeyPrefix(key: string, namespace?: string): string;
}
interface RedisClientLike {
  multi(): RedisMultiLike;
  zRange(key: string, min: number, max: number, options: { REV: true }): Promise<string[]>;
}
interface RedisMultiLike {
  zAdd(key: string, member: { score: number; value: string }, options: { NX: true }): RedisMultiLike;
  zRemRangeByRank(key: string, start: number, stop: number): RedisMultiLike;
  pExpire(key: string, ms: number): RedisMultiLike;
  exec(): Promise<unknown>;
}

function isRedisAdapter(store: unknown): store is RedisAdapterLike {
  const s = store as Partial<RedisAdapterLike> | null;
  return typeof s?.getClient === 'function' && typeof s.createKeyPrefix === 'function';
}

/**
 * The {@link SortedIndex} named `name` in the store behind `keyv`: an SQLite table on the file store, a sorted
 * set (`ZADD NX`, `ZREMRANGEBYRANK`, `PEXPIRE` in one `MULTI`) on Redis, else one keyv value holding the
 * list.
 *
 * @example
 * const index = sortedIndexFor(await createCache({ store: 'redis', url }), 'tasks:ids', { max: 1000, ttlMs: 86_400_000 });
 */
export function sortedIndexFor(keyv: Keyv, name: string, options: SortedIndexOptions): SortedIndex {
  const store: unknown = keyv.store;
  if (store instanceof SqliteStore) {
    return { add: (member, score) => store.sortedAdd(name, member, score, options), top: (limit) => store.sortedRange(name, limit) };
  }
  if (isRedisAdapter(store)) {
    const key = () => store.createKeyPrefix(name, store.namespace);
    return {
      async add(member, score) {
        const client = await store.getClient();
        await client.multi().zAdd(key(), { score, value: member }, { NX: true }).zRemRangeByRank(key(), 0, -(options.max + 1)).pExpire(key(), Math.max(1, Math.round(options.ttlMs))).exec();
      },
      async top(limit) {
        if (limit <= 0) return [];
        return (await store.getClient()).zRange(key(), 0, limit - 1, { REV: true });
      },
    };
  }
  return new KeyvListIndex(keyv, name, options);
}

// Adds are read-modify-write of one value; chaining them per keyv makes every index of this process that shares
// the keyv add one after another, so none overwrites another's member.
const listLocks = new WeakMap<Keyv, Promise<unknown>>();

/** The fallback index: `[member, score]` pairs in one keyv value, changed under an in-process lock. */
class KeyvListIndex implements SortedIndex {
  constructor(
    private readonly keyv: Keyv,
    private readonly name: string,
    private readonly options: SortedIndexOptions,
  ) {}

  add(member: string, score: number): Promise<void> {
    const next = (listLocks.get(this.keyv) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        const pairs = await this.read();
        if (pairs.some(([m]) => m === member)) return;
        pairs.push([member, score]);
        await this.keyv.set(this.name, sorted(pairs).slice(0, this.options.max), this.options.ttlMs);
      });
    listLocks.set(this.keyv, next);
    return next;
  }

  async top(limit: number): Promise<string[]> {
    return sorted(await this.read())
      .slice(0, Math.max(0, limit))
      .map(([member]) => member);
  }

  private async read(): Promise<Array<[string, number]>> {
    const value = await this.keyv.get<unknown>(this.name);
    if (!Array.isArray(value)) return [];
    return value.filter((p): p is [string, number] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number');
  }
}

/** Highest score first; equal scores by member, descending, as Redis and the SQLite store order them. */
function sorted(pairs: Array<[string, number]>): Array<[string, number]> {
  return [...pairs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
}
