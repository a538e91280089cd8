import type Keyv from 'keyv';
import { createCache } from '../cache/create-cache.js';
import type { CloudConfig } from '../config/cloud-config.js';
import { loadCloudConfig, type LoadCloudOptions } from '../config/index.js';
import { Connection } from '../http/connection.js';
import { silentLogger, type Logger } from '../internal/logger.js';
import type { TransportTuning } from '../http/transport.js';
import { Cloud } from './cloud.js';
import { RedisPollCoordinator } from '../wait/poll-coordinator.js';
import type { SharedPollerOptions } from '../wait/shared-poller.js';

/** Options of {@link openCloud}. */
export interface OpenCloudOptions extends LoadCloudOptions {
  /** An already-resolved config instead of clouds.yaml lookup. */
  config?: CloudConfig;
  /** Where to log (silent by default). */
  logger?: Logger;
  /** A keyv store to use instead of the one the config's `cache:` section describes. */
  cache?: Keyv;
  /** `fetch` to use (tests). */
  fetch?: typeof fetch;
  /** Timeouts and retry limits of every HTTP request (per-attempt, total, longest `Retry-After` honoured). */
  transport?: TransportTuning;
  /** Tuning of the shared server poller (interval, backoff ceiling, grace period). */
  poll?: SharedPollerOptions;
}

/**
 * Opens a cloud: loads its clouds.yaml entry (with secure.yaml, vendor profile and `OS_*` variables), sets up
 * the cache, and returns a {@link Cloud}. No request is made until the first call that needs one.
 *
 * @example
 * const cloud = await openCloud({ cloud: 'mycloud' });
 * console.log(await cloud.describe());
 * await cloud.close();
 */
export async function openCloud(options: OpenCloudOptions = {}): Promise<Cloud> {
  const logger = options.logger ?? silentLogger;
  const config = options.config ?? (await loadCloudConfig({ ...options, warn: options.warn ?? ((m) => logger.warn(m)) }));
  const ownsCache = !options.cache;
  const cache = options.cache ?? (await createCache(config.cache));
  const connection = new Connection(config, { logger, cache, fetch: options.fetch, transport: options.transport });
  // With Redis, processes waiting on the same cloud also share the server poll (one list per tick in total).
  const coordinator = config.cache?.store === 'redis' ? await RedisPollCoordinator.connect(config.cache.url ?? 'redis://127.0.0.1:6379') : undefined;
  return new Cloud(connection, { logger, cache, coordinator, poll: { intervalMs: 1000, maxIntervalMs: 5000, ...options.poll }, close: ownsCache ? () => cache.disconnect() : undefined });
}
