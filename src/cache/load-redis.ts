import { MissingPackageError } from '../errors/index.js';

type RedisModule = typeof import('@keyv/redis');

/** True when `error` says `name` itself could not be found (not one of its own imports). */
function isNotInstalled(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = String((error as { message?: unknown }).message ?? '');
  return message.includes(`'${name}'`) || message.includes(`"${name}"`);
}

/**
 * Loads `@keyv/redis`, an optional peer dependency: only a Redis cache or Redis poll sharing needs it, so it is
 * imported on first use. When it is not installed the error is a {@link MissingPackageError} naming it.
 *
 * @example
 * const { default: KeyvRedis } = await loadRedis('the Redis cache (cache.store: redis)');
 */
export async function loadRedis(feature: string, importer: () => Promise<RedisModule> = () => import('@keyv/redis')): Promise<RedisModule> {
  try {
    return await importer();
  } catch (error) {
    if (isNotInstalled(error, '@keyv/redis')) throw new MissingPackageError('@keyv/redis', feature, { cause: error });
    throw error;
  }
}
