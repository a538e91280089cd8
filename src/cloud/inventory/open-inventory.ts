import type Keyv from 'keyv';
import { loadAllCloudConfigs } from '../../config/index.js';
import type { CloudConfig } from '../../config/index.js';
import { ConfigError } from '../../errors/index.js';
import { silentLogger, type Logger } from '../../internal/logger.js';
import { openCloud } from '../open-cloud.js';
import { Inventory } from './inventory.js';

/**
 * Options of {@link openInventory}.
 *
 * @example
 * { clouds: ['east', 'west'], regions: 'all', concurrency: 4 }
 */
export interface OpenInventoryOptions {
  /** Cloud names from clouds.yaml; default every cloud (and `envvars` when `OS_*` variables describe one). */
  clouds?: string[];
  /** `'all'`: every region each cloud lists; a list: only those regions; default: each cloud's own region. */
  regions?: 'all' | string[];
  /** clouds.yaml to read instead of searching. */
  configFile?: string;
  /** Most cloud × region calls in flight at once. Default 8. */
  concurrency?: number;
  /** Environment for `OS_*` variables; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Where every cloud logs (silent by default). */
  logger?: Logger;
  /** One keyv store shared by every cloud (tokens and discovery are keyed per cloud); default each cloud's own. */
  cache?: Keyv;
  /** Per-request limit for clouds that do not set `api_timeout`. */
  apiTimeoutMs?: number;
  /** `fetch` to use (tests). */
  fetch?: typeof fetch;
}

/** Default bound of concurrent cloud × region calls. */
export const DEFAULT_INVENTORY_CONCURRENCY = 8;

function chooseConfigs(all: CloudConfig[], options: OpenInventoryOptions): CloudConfig[] {
  let chosen = all;
  if (options.clouds) {
    const known = [...new Set(all.map((c) => c.name))];
    const missing = options.clouds.filter((name) => !known.includes(name));
    if (missing.length) throw new ConfigError(`cloud ${missing.map((m) => JSON.stringify(m)).join(', ')} not found; known clouds: ${known.join(', ') || 'none'}`, { file: options.configFile, expected: known.join(', ') });
    chosen = all.filter((c) => options.clouds?.includes(c.name));
  }
  const regions = options.regions;
  if (regions === 'all') return chosen;
  if (regions === undefined) {
    // Each cloud once, in its own region (loadAllCloudConfigs lists the cloud's chosen region first).
    const seen = new Set<string>();
    return chosen.filter((c) => !seen.has(c.name) && seen.add(c.name));
  }
  return chosen.filter((c) => c.region === undefined || regions.includes(c.region));
}

/**
 * Opens every cloud × region of clouds.yaml as one {@link Inventory}. No request is made until a call needs one.
 *
 * @example
 * const inventory = await openInventory({ regions: 'all' });
 * const { servers, errors } = await inventory.listServers();
 * for (const e of errors) console.error(`${e.cloud}/${e.region}: ${e.error.message}`);
 * await inventory.close();
 */
export async function openInventory(options: OpenInventoryOptions = {}): Promise<Inventory> {
  const logger = options.logger ?? silentLogger;
  const all = await loadAllCloudConfigs({ configFile: options.configFile, env: options.env, warn: (m) => logger.warn(m) });
  const configs = chooseConfigs(all, options);
  const clouds = await Promise.all(
    configs.map((config) => {
      if (options.apiTimeoutMs && !config.apiTimeoutMs) config.apiTimeoutMs = options.apiTimeoutMs;
      return openCloud({ config, logger, cache: options.cache, fetch: options.fetch });
    }),
  );
  return new Inventory(clouds, Math.max(1, options.concurrency ?? DEFAULT_INVENTORY_CONCURRENCY));
}
