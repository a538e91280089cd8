import type { AuthResult } from '../auth/auth-result.js';
import type { CloudConfig } from '../config/cloud-config.js';
import type { Connection, ServiceDescription } from '../http/connection.js';
import type { Logger } from '../http/logger.js';
import type { ServiceClient } from '../http/service-client.js';
import { Microversion } from '../discovery/microversion.js';

/**
 * One cloud in one region, with the high-level calls. Get one from `openCloud()`.
 *
 * @example
 * const cloud = await openCloud({ cloud: 'mycloud' });
 * for (const s of await cloud.describe()) console.log(s.type, s.endpoint);
 */
export class Cloud {
  constructor(
    /** The underlying connection (transport, tokens, discovered services). */
    readonly connection: Connection,
    private readonly options: { logger: Logger; close?: () => Promise<void> },
  ) {}

  /** The resolved configuration. */
  get config(): CloudConfig {
    return this.connection.config;
  }

  /** The cloud's name in clouds.yaml. */
  get name(): string {
    return this.config.name;
  }

  /** The region in use. */
  get region(): string | undefined {
    return this.config.region;
  }

  /** The logger this cloud writes to. */
  get logger(): Logger {
    return this.options.logger;
  }

  /** Authenticates (if needed) and returns token scope and catalog. */
  auth(signal?: AbortSignal): Promise<AuthResult> {
    return this.connection.auth(signal);
  }

  /** The low-level client of a service (`compute`, `network`, …), discovered on first use. */
  service(type: string, signal?: AbortSignal): Promise<ServiceClient> {
    return this.connection.service(type, signal);
  }

  /**
   * Every service of the catalog: type, endpoint, API version, and microversion range with the negotiated one.
   *
   * @example
   * await cloud.describe() // [{ type: 'compute', endpoint: 'http://h:8774/v2.1', version: '2.1', microversion: { min: '2.1', max: '2.93', negotiated: '2.93' } }, …]
   */
  describe(signal?: AbortSignal): Promise<ServiceDescription[]> {
    return this.connection.describe(signal);
  }

  /**
   * True when the service's negotiated microversion is at least `version` — a feature gate.
   *
   * @example
   * if (await cloud.supports('compute', '2.37')) { … networks: 'auto' … }
   */
  async supports(serviceType: string, version: string): Promise<boolean> {
    const client = await this.service(serviceType);
    return client.microversion ? client.microversion.isAtLeast(Microversion.parse(version)) : false;
  }

  /** HTTP requests this cloud has sent, in total. */
  get requestCount(): number {
    return this.connection.requestCount;
  }

  /** Releases the cache connection and timers. The Cloud must not be used afterwards. */
  async close(): Promise<void> {
    await this.options.close?.();
  }
}
