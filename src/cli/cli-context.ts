import { createCache, defaultCacheDir } from '../cache/create-cache.js';
import type { Cloud } from '../cloud/cloud.js';
import { openCloud } from '../cloud/open-cloud.js';
import { loadCloudConfig } from '../config/index.js';
import { createStderrLogger } from '../http/logger.js';
import type { GlobalOptions } from './global-options.js';

/** What a command gets: its parsed options and a way to print. */
export interface CliContext {
  options: GlobalOptions;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (progress may be drawn). */
  isTTY: boolean;
}

/**
 * Opens the cloud named by `--os-cloud` / `OS_CLOUD` for a CLI run. The CLI caches tokens and discovery in a
 * file (0600) so consecutive runs skip authentication and discovery; clouds.yaml's `cache:` section or
 * `CANOPY_CACHE_DIR` may say where, and `CANOPY_NO_CACHE=1` turns it off.
 */
export async function openCliCloud(ctx: CliContext): Promise<Cloud> {
  const logger = createStderrLogger({ debug: ctx.options.debug, write: ctx.stderr });
  const config = await loadCloudConfig({
    cloud: ctx.options.cloud,
    region: ctx.options.region,
    configFile: ctx.options.configFile,
    env: ctx.env,
    warn: (m) => logger.warn(m),
  });
  if (ctx.options.timeoutMs && !config.apiTimeoutMs) config.apiTimeoutMs = ctx.options.timeoutMs;
  const noCache = ctx.env.CANOPY_NO_CACHE === '1';
  const cacheConfig = config.cache?.store && config.cache.store !== 'memory' ? config.cache : { ...config.cache, store: 'file' as const, path: ctx.env.CANOPY_CACHE_DIR ?? config.cache?.path ?? defaultCacheDir(ctx.env) };
  const cache = await createCache(noCache ? { store: 'memory' } : cacheConfig);
  const cloud = await openCloud({ config, logger, cache });
  const close = cloud.close.bind(cloud);
  cloud.close = async () => {
    await close();
    await cache.disconnect();
    if (ctx.options.debug) ctx.stderr(`[canopy debug] ${cloud.requestCount} HTTP requests`);
  };
  return cloud;
}
