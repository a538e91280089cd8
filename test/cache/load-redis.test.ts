import { describe, expect, it } from 'vitest';
import { loadRedis } from '../../src/cache/load-redis.js';
import { isConfigError, isMissingPackageError, MissingPackageError } from '../../src/index.js';

/** An error shaped like Node's when a bare import cannot be resolved. */
function notFound(code: string, name: string): Error {
  return Object.assign(new Error(`Cannot find package '${name}' imported from /app/dist/index.js`), { code });
}

describe('loadRedis: @keyv/redis is an optional peer dependency', () => {
  it('loads the installed package', async () => {
    const redis = await loadRedis('the Redis cache');
    expect(typeof redis.default).toBe('function');
    expect(typeof redis.createClient).toBe('function');
  });

  it.each(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'])('a missing package (%s) is a MissingPackageError naming it', async (code) => {
    const error = await loadRedis('the Redis cache (cache.store: redis)', () => Promise.reject(notFound(code, '@keyv/redis'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect(isMissingPackageError(error)).toBe(true);
    expect(isConfigError(error)).toBe(true);
    expect((error as MissingPackageError).packageName).toBe('@keyv/redis');
    expect((error as Error).message).toBe('the Redis cache (cache.store: redis) needs the optional package @keyv/redis: npm install @keyv/redis');
  });

  it("a failure inside the package (one of its own imports missing) is passed on as it is", async () => {
    const inner = notFound('ERR_MODULE_NOT_FOUND', '@redis/client');
    await expect(loadRedis('the Redis cache', () => Promise.reject(inner))).rejects.toBe(inner);
  });
});
