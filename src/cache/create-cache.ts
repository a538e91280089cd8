import { homedir } from 'node:os';
import { join } from 'node:path';
// Named, not default: the CommonJS build would otherwise take keyv's whole module object for the class.
import { Keyv, KeyvMemoryAdapter } from 'keyv';
import type { CacheConfig } from '../config/cloud-config.js';
import { FileMap } from './file-map.js';
import { loadRedis } from './load-redis.js';

/** Where the CLI keeps its cache unless clouds.yaml says otherwise. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'canopy');
}

/**
 * The keyv store for a cloud's cache: in memory by default, a 0600 JSON file for the CLI (`store: file`), or
 * Redis for many processes sharing one cache (`store: redis`, `url`; needs the optional package `@keyv/redis`, else
 * a `MissingPackageError`).
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
    const file = join(config?.path ?? defaultCacheDir(), `${namespace}.json`);
    return new Keyv({ store: new KeyvMemoryAdapter(new FileMap(file)), namespace });
  }
  return new Keyv({ namespace });
}
