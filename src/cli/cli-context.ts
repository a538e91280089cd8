// The SDK is imported when a command opens a cloud, not when the CLI starts: `canopy --help` and usage errors
// never load the HTTP stack.
import type Keyv from 'keyv';
import type { Cloud } from '../cloud/cloud.js';
import type { Inventory } from '../cloud/inventory/index.js';
import type { CacheConfig } from '../config/index.js';
import type { Logger } from '../internal/logger.js';
import type { GlobalOptions } from './global-options.js';

/** What a command gets: its parsed options and a way to print. */
export interface CliContext {
  options: GlobalOptions;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (progress may be drawn). */
  isTTY: boolean;
  /** Writes progress text as-is (no newline added); set only when progress may be drawn on a terminal. */
  progress?: (text: string) => void;
  /** Asks for a password without echo (tests give their own; default: the terminal's prompt when there is one). */
  askPassword?: (question: string) => Promise<string>;
}

/**
 * The environment with `OS_PASSWORD` filled in by the prompt when the flags or `OS_*` variables name a user
 * but no password, and there is someone to ask (a terminal). The password is never a flag (shell history).
 */
async function withPassword(ctx: CliContext): Promise<Record<string, string | undefined>> {
  const env = ctx.env;
  if (!env.OS_AUTH_URL || !env.OS_USERNAME || env.OS_PASSWORD || ctx.options.cloud || env.OS_CLOUD) return env;
  let ask = ctx.askPassword;
  if (!ask && process.stdin.isTTY) {
    const { promptPassword } = await import('./prompt-password.js');
    ask = (q) => promptPassword(q);
  }
  if (!ask) return env;
  return { ...env, OS_PASSWORD: await ask(`Password for ${env.OS_USERNAME} at ${env.OS_AUTH_URL}: `) };
}

async function cliLogger(ctx: CliContext): Promise<Logger> {
  const { createStderrLogger } = await import('../internal/logger.js');
  return createStderrLogger({ debug: ctx.options.debug, write: ctx.stderr });
}

/** The CLI's cache: a 0600 file (so consecutive runs skip auth and discovery) unless clouds.yaml says otherwise. */
async function openCliCache(ctx: CliContext, configured: CacheConfig | undefined): Promise<Keyv> {
  const { createCache, defaultCacheDir } = await import('../cache/create-cache.js');
  if (ctx.env.CANOPY_NO_CACHE === '1') return createCache({ store: 'memory' });
  const cacheConfig = configured?.store && configured.store !== 'memory' ? configured : { ...configured, store: 'file' as const, path: ctx.env.CANOPY_CACHE_DIR ?? configured?.path ?? defaultCacheDir(ctx.env) };
  return createCache(cacheConfig);
}

/**
 * Opens the cloud named by `--os-cloud` / `OS_CLOUD` for a CLI run. The CLI caches tokens and discovery in a
 * file (0600) so consecutive runs skip authentication and discovery; clouds.yaml's `cache:` section or
 * `CANOPY_CACHE_DIR` may say where, and `CANOPY_NO_CACHE=1` turns it off. `--debug` prints the request count
 * when the cloud is closed. Task records (`canopy task list`) live in the same cache, so they outlast the run.
 *
 * @example
 * const cloud = await openCliCloud(ctx);
 * try { … } finally { await cloud.close(); }
 */
export async function openCliCloud(ctx: CliContext): Promise<Cloud> {
  const [{ loadCloudConfig }, { openCloud }] = await Promise.all([import('../config/index.js'), import('../cloud/open-cloud.js')]);
  const logger = await cliLogger(ctx);
  const config = await loadCloudConfig({
    cloud: ctx.options.cloud,
    region: ctx.options.region,
    configFile: ctx.options.configFile,
    env: await withPassword(ctx),
    warn: (m) => logger.warn(m),
  });
  if (ctx.options.timeoutMs && !config.apiTimeoutMs) config.apiTimeoutMs = ctx.options.timeoutMs;
  const cache = await openCliCache(ctx, config.cache);
  const cloud = await openCloud({ config, logger, cache });
  const close = cloud.close.bind(cloud);
  cloud.close = async () => {
    await close();
    await cache.disconnect();
    if (ctx.options.debug) ctx.stderr(`[canopy debug] ${cloud.requestCount} HTTP requests`);
  };
  return cloud;
}

/**
 * Opens every cloud × region of clouds.yaml (or those of `--os-cloud`, and `--os-region-name`) as one
 * {@link Inventory}, sharing the CLI's file cache.
 *
 * @example
 * const inventory = await openCliInventory(ctx);
 * const { servers, errors } = await inventory.listServers();
 */
export async function openCliInventory(ctx: CliContext): Promise<Inventory> {
  const { openInventory } = await import('../cloud/inventory/index.js');
  const logger = await cliLogger(ctx);
  const cache = await openCliCache(ctx, undefined);
  const inventory = await openInventory({
    clouds: ctx.options.cloud ? [ctx.options.cloud] : undefined,
    regions: ctx.options.region ? [ctx.options.region] : 'all',
    configFile: ctx.options.configFile,
    env: ctx.env,
    logger,
    cache,
    apiTimeoutMs: ctx.options.timeoutMs,
  });
  const close = inventory.close.bind(inventory);
  inventory.close = async () => {
    await close();
    await cache.disconnect();
    if (ctx.options.debug) ctx.stderr(`[canopy debug] ${inventory.requestCount} HTTP requests`);
  };
  return inventory;
}
