import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
// Named, not default: the CommonJS build would otherwise take keyv's whole module object for the class.
import { Keyv } from 'keyv';
import type { CacheConfig } from '../config/cloud-config.js';
import { loadRedis } from './load-redis.js';
import { SqliteStore } from './sqlite-store.js';

/** Where the CLI keeps its cache unless clouds.yaml says otherwise. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'canopy');
}

/**
 * The keyv store for a cloud's cache: in memory by default, a 0600 SQLite file for the CLI (`store: file`,
 * `<path>/<namespace>.db`, safe for many processes at once), or Redis for many processes and hosts sharing one
 * cache (`store: redis`, `url`; needs the optional package `@keyv/redis`, else a `MissingPackageError`).
 *
 * @example
 * const cache = await createCache({ store: 'file', path: '/tmp/canopy' });
 */
export async function createCache(config: CacheConfig | undefined, namespace = 'canopy'): Promise<Keyv> {
  const store = config?.store ?? 'memory';
  if (store === 'redis') {
    const { default: KeyvRedis } = await loadRedis('the Redis cache (cache.store: redis)');
    return new Keyv({ store: new KeyvRedis(config?.url ?? 'redis://127.0.0.1:6379'), namespace });
  }
  if (store === 'file') {
    const dir = config?.path ?? defaultCacheDir();
    // The JSON file of earlier versions: tokens nobody reads any more.
    rmSync(join(dir, `${namespace}.json`), { force: true });
    return new Keyv({ store: new SqliteStore(join(dir, `${namespace}.db`)), namespace });
  }
  return new Keyv({ namespace });
}
