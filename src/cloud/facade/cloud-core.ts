/**
 * The base of the {@link Cloud} facade: connection, services, discovery, task records and the waiting engine
 * (one shared poller per resource kind). The method groups (servers, compute, images, block storage, network)
 * extend it, one class per service, so each stays one screen of explicit, documented methods.
 */
import { Keyv } from 'keyv'; // named: see create-cache.ts
import type { AuthResult } from '../../auth/auth-result.js';
import { authCacheKey } from '../../auth/token-manager.js';
import type { CloudConfig } from '../../config/cloud-config.js';
import { Microversion } from '../../discovery/microversion.js';
import type { Connection, ServiceDescription } from '../../http/connection.js';
import type { Logger } from '../../internal/logger.js';
import type { ServiceClient } from '../../http/service-client.js';
import { registerResumer, resumeOperation } from '../../operations/resume-operation.js';
import { volumeKind } from '../../resources/block-storage/volume.js';
import { serverKind } from '../../resources/compute/server.js';
import type { ResourceKind } from '../../resources/resource-kind.js';
import type { Volume } from '../../resources/block-storage/volume-model.js';
import type { RawServer } from '../../services/compute/schemas.js';
import { TaskRecorder, TaskStore } from '../../tasks/index.js';
import type { PollCoordinator } from '../../wait/poll-coordinator.js';
import { PollerRegistry } from '../../wait/poller-registry.js';
import type { SharedPoller, SharedPollerOptions } from '../../wait/shared-poller.js';
import type { CloudScope } from '../cloud-context.js';
import type { Operation } from '../operation.js';
import type { Server } from '../../resources/compute/server-model.js';
import { resumeServerCreate } from '../server-operations.js';

registerResumer('server.create', (ctx, op, options) => resumeServerCreate(ctx as CloudScope, op, options));

/** What `openCloud()` gives a Cloud besides its connection. */
export interface CloudOptions {
  logger: Logger;
  close?: () => Promise<void>;
  cache?: Keyv;
  coordinator?: PollCoordinator;
  poll?: SharedPollerOptions;
}

/**
 * Connection, services and the waiting engine of one cloud in one region.
 *
 * @example
 * const cloud = await openCloud({ cloud: 'mycloud' });
 * console.log(cloud.name, cloud.region, (await cloud.describe()).length);
 */
export class CloudCore implements CloudScope {
  /**
   * Task records of this cloud's operations, in the cloud's cache store (shared with other processes when the
   * store is shared).
   *
   * @example
   * const failed = await cloud.tasks.list({ resourceId: serverId, state: 'FAILED' });
   */
  readonly tasks: TaskStore;
  /** Writes the task records (secrets scrubbed). */
  readonly tasksRecorder: TaskRecorder;
  private readonly pollers: PollerRegistry;

  /** Clouds are made by `openCloud()`; the constructor is not part of the supported API. @internal */
  constructor(
    /**
     * The underlying connection (transport, tokens, discovered services). Not part of the supported API.
     * @internal
     */
    readonly connection: Connection,
    private readonly options: CloudOptions,
  ) {
    this.tasks = new TaskStore(options.cache ?? new Keyv());
    this.tasksRecorder = new TaskRecorder(this.tasks, { secrets: () => connection.tokens.secrets() });
    const config = connection.config;
    this.pollers = new PollerRegistry({
      logger: options.logger,
      ...options.poll,
      service: (type, signal) => this.service(type, signal),
      ...(options.coordinator ? { coordinator: options.coordinator, coordinationPrefix: `${authCacheKey(config).slice(5, 21)}|${config.region ?? ''}` } : {}),
    });
  }

  /**
   * The shared poller of a resource kind in this cloud and region: every wait on the kind joins it, and one list
   * request per tick serves them all (shared across processes through Redis when configured).
   *
   * @example
   * cloud.pollerFor(serverKind).size // waiters attached now
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pollerFor<Raw>(kind: ResourceKind<Raw, any, any, any, any>): SharedPoller<Raw> {
    return this.pollers.for(kind);
  }

  /** The shared server poller (`pollerFor(serverKind)`). */
  serverPoller(): SharedPoller<RawServer> {
    return this.pollerFor(serverKind);
  }

  /** The shared volume poller (`pollerFor(volumeKind)`). */
  volumePoller(): SharedPoller<Volume> {
    return this.pollerFor(volumeKind);
  }

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

  /** True when the catalog offers the service (no discovery request). */
  hasService(type: string, signal?: AbortSignal): Promise<boolean> {
    return this.connection.hasService(type, signal);
  }

  /**
   * Goes on waiting for an operation another process started and serialized (`op.serialize()`): a server boot,
   * a server action, a volume snapshot… Resolves with the resource in its end state (`undefined` for a delete).
   *
   * @example
   * const server = await cloud.resume(savedText);
   */
  resume<T = Server>(serialized: string, options: { signal?: AbortSignal } = {}): Operation<T, { id: string }> {
    return resumeOperation(this, serialized, options) as Operation<T, { id: string }>;
  }

  /** HTTP requests this cloud has sent, in total. */
  get requestCount(): number {
    return this.connection.requestCount;
  }

  /** Releases the cache connection and timers. The Cloud must not be used afterwards. */
  async close(): Promise<void> {
    await this.options.coordinator?.close().catch(() => undefined);
    await this.options.close?.();
  }
}
