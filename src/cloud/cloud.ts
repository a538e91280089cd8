import type { AuthResult } from '../auth/auth-result.js';
import type { CloudConfig } from '../config/cloud-config.js';
import type { Connection, ServiceDescription } from '../http/connection.js';
import type { Logger } from '../http/logger.js';
import type { ServiceClient } from '../http/service-client.js';
import { Microversion } from '../discovery/microversion.js';
import { Keyv } from 'keyv'; // named: see create-cache.ts
import { authCacheKey } from '../auth/token-manager.js';
import type { RawServer } from '../services/compute/schemas.js';
import { TaskRecorder, TaskStore } from '../tasks/index.js';
import type { PollCoordinator } from '../wait/poll-coordinator.js';
import { SharedPoller, type SharedPollerOptions } from '../wait/shared-poller.js';
import type { CreateServerOptions } from './create-server.js';
import type { Operation } from './operation.js';
import { resumeOperation, runDeleteServer, startCreateServer, waitForServerStatus, type ServerOperation, type WaitForServerOptions } from './server-operations.js';
import { serverListSource } from './server-list-source.js';
import { volumeListSource } from './volume-list-source.js';
import type { Volume } from '../services/block-storage/volume.js';
import * as flavors from './flavors.js';
import * as floatingIps from './floating-ips.js';
import * as images from './images.js';
import * as keypairs from './keypairs.js';
import * as networks from './networks.js';
import * as securityGroups from './security-groups.js';
import * as volumes from './volumes.js';
import { getMeANetwork, type MeANetwork } from './get-me-a-network.js';
import * as servers from './servers.js';
import type { Server } from './server-model.js';

/** A porcelain function with its Cloud argument bound. */
type Bound<F> = F extends (cloud: Cloud, ...args: infer A) => infer R ? (...args: A) => R : never;

/**
 * One cloud in one region, with the high-level calls. Get one from `openCloud()`.
 *
 * @example
 * const cloud = await openCloud({ cloud: 'mycloud' });
 * for (const s of await cloud.describe()) console.log(s.type, s.endpoint);
 */
export class Cloud {
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
  private poller?: SharedPoller<RawServer>;
  private volumeWatch?: SharedPoller<Volume>;

  /** Images, newest first. @example for await (const i of cloud.listImages({ name: 'cirros' })) … */
  readonly listImages: Bound<typeof images.listImages> = (...a) => images.listImages(this, ...a);
  /** An image by name or id, or `undefined`. */
  readonly findImage: Bound<typeof images.findImage> = (...a) => images.findImage(this, ...a);
  /** An image by name or id; `NotFoundError` / `AmbiguousMatchError`. */
  readonly getImage: Bound<typeof images.getImage> = (...a) => images.getImage(this, ...a);
  /** Uploads an image file or bytes (glance v2, v1 on old clouds) and waits until it is active. @example await cloud.uploadImage({ name: 'mine', file: 'disk.raw' }) */
  readonly uploadImage: Bound<typeof images.uploadImage> = (...a) => images.uploadImage(this, ...a);
  /** Deletes an image; false when it was already gone. */
  readonly deleteImage: Bound<typeof images.deleteImage> = (...a) => images.deleteImage(this, ...a);
  /** Flavors. */
  readonly listFlavors: Bound<typeof flavors.listFlavors> = (...a) => flavors.listFlavors(this, ...a);
  /** A flavor by name or id, or `undefined`. */
  readonly findFlavor: Bound<typeof flavors.findFlavor> = (...a) => flavors.findFlavor(this, ...a);
  /** A flavor by name or id; `NotFoundError` lists what exists. */
  readonly getFlavor: Bound<typeof flavors.getFlavor> = (...a) => flavors.getFlavor(this, ...a);
  /** The smallest flavor with at least the given RAM (and vCPUs, disk). @example await cloud.smallestFlavor({ minRamMb: 512 }) */
  readonly smallestFlavor: Bound<typeof flavors.smallestFlavor> = (...a) => flavors.smallestFlavor(this, ...a);
  /** Volumes. */
  readonly listVolumes: Bound<typeof volumes.listVolumes> = (...a) => volumes.listVolumes(this, ...a);
  /** A volume by name or id, or `undefined`. */
  readonly findVolume: Bound<typeof volumes.findVolume> = (...a) => volumes.findVolume(this, ...a);
  /** A volume by name or id; `NotFoundError`. */
  readonly getVolume: Bound<typeof volumes.getVolume> = (...a) => volumes.getVolume(this, ...a);
  /** Creates a volume and waits until it is available. @example await cloud.createVolume({ name: 'data', size: 1 }) */
  readonly createVolume: Bound<typeof volumes.createVolume> = (...a) => volumes.createVolume(this, ...a);
  /** Attaches a volume to a server through nova and waits until it is in-use. */
  readonly attachVolume: Bound<typeof volumes.attachVolume> = (...a) => volumes.attachVolume(this, ...a);
  /** Detaches a volume and waits until it is available. */
  readonly detachVolume: Bound<typeof volumes.detachVolume> = (...a) => volumes.detachVolume(this, ...a);
  /** Deletes a volume and waits until it is gone; false when it was already gone. */
  readonly deleteVolume: Bound<typeof volumes.deleteVolume> = (...a) => volumes.deleteVolume(this, ...a);
  /** Neutron networks the project can see. @example for await (const n of cloud.listNetworks()) … */
  readonly listNetworks: Bound<typeof networks.listNetworks> = (...a) => networks.listNetworks(this, ...a);
  /** A network by name or id, or `undefined`. */
  readonly findNetwork: Bound<typeof networks.findNetwork> = (...a) => networks.findNetwork(this, ...a);
  /** A network by name or id; `NotFoundError` / `AmbiguousMatchError`. */
  readonly getNetwork: Bound<typeof networks.getNetwork> = (...a) => networks.getNetwork(this, ...a);
  /** Network + subnet + router to the external network, ready for servers with floating IPs. @example await cloud.createNetwork({ name: 'app-net', cidr: '10.20.0.0/24' }) */
  readonly createNetwork: Bound<typeof networks.createNetwork> = (...a) => networks.createNetwork(this, ...a);
  /** Deletes a network with its subnets and the router made with it; `undefined` when there is none. */
  readonly deleteNetwork: Bound<typeof networks.deleteNetwork> = (...a) => networks.deleteNetwork(this, ...a);
  /** Key pairs. */
  readonly listKeyPairs: Bound<typeof keypairs.listKeyPairs> = (...a) => keypairs.listKeyPairs(this, ...a);
  /** A key pair by name, or `undefined`. */
  readonly findKeyPair: Bound<typeof keypairs.findKeyPair> = (...a) => keypairs.findKeyPair(this, ...a);
  /** A key pair by name; `NotFoundError`. */
  readonly getKeyPair: Bound<typeof keypairs.getKeyPair> = (...a) => keypairs.getKeyPair(this, ...a);
  /** Imports a public key (or has nova generate one on clouds that still can). */
  readonly createKeyPair: Bound<typeof keypairs.createKeyPair> = (...a) => keypairs.createKeyPair(this, ...a);
  /** Deletes a key pair; false when it was already gone. */
  readonly deleteKeyPair: Bound<typeof keypairs.deleteKeyPair> = (...a) => keypairs.deleteKeyPair(this, ...a);
  /** Security groups (neutron, or nova-network's on old clouds). */
  readonly listSecurityGroups: Bound<typeof securityGroups.listSecurityGroups> = (...a) => securityGroups.listSecurityGroups(this, ...a);
  /** A security group by name or id, or `undefined`. */
  readonly findSecurityGroup: Bound<typeof securityGroups.findSecurityGroup> = (...a) => securityGroups.findSecurityGroup(this, ...a);
  /** A security group by name or id; `NotFoundError` / `AmbiguousMatchError`. */
  readonly getSecurityGroup: Bound<typeof securityGroups.getSecurityGroup> = (...a) => securityGroups.getSecurityGroup(this, ...a);
  /** Creates a security group. */
  readonly createSecurityGroup: Bound<typeof securityGroups.createSecurityGroup> = (...a) => securityGroups.createSecurityGroup(this, ...a);
  /** Deletes a security group; false when it was already gone. */
  readonly deleteSecurityGroup: Bound<typeof securityGroups.deleteSecurityGroup> = (...a) => securityGroups.deleteSecurityGroup(this, ...a);
  /** Adds a rule to a security group. @example await cloud.createSecurityGroupRule({ securityGroup: 'web', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22 }) */
  readonly createSecurityGroupRule: Bound<typeof securityGroups.createSecurityGroupRule> = (...a) => securityGroups.createSecurityGroupRule(this, ...a);
  /** Deletes a security group rule; false when it was already gone. */
  readonly deleteSecurityGroupRule: Bound<typeof securityGroups.deleteSecurityGroupRule> = (...a) => securityGroups.deleteSecurityGroupRule(this, ...a);

  /** Clouds are made by `openCloud()`; the constructor is not part of the supported API. @internal */
  constructor(
    /**
     * The underlying connection (transport, tokens, discovered services). Not part of the supported API.
     * @internal
     */
    readonly connection: Connection,
    private readonly options: { logger: Logger; close?: () => Promise<void>; cache?: Keyv; coordinator?: PollCoordinator; poll?: SharedPollerOptions },
  ) {
    this.tasks = new TaskStore(options.cache ?? new Keyv());
    this.tasksRecorder = new TaskRecorder(this.tasks, { secrets: () => connection.tokens.secrets() });
  }

  /**
   * The shared server poller of this cloud and region: every wait on a server joins it, and one
   * `GET /servers/detail` per tick serves them all (shared across processes through Redis when configured).
   */
  serverPoller(): SharedPoller<RawServer> {
    this.poller ??= new SharedPoller(serverListSource(this), {
      logger: this.options.logger,
      ...this.options.poll,
      ...(this.options.coordinator ? { coordinator: this.options.coordinator, coordinationKey: `${authCacheKey(this.config).slice(5, 21)}|${this.config.region ?? ''}|compute.servers` } : {}),
    });
    return this.poller;
  }

  /** The shared volume poller of this cloud and region: one `GET /volumes/detail` per tick for every volume wait. */
  volumePoller(): SharedPoller<Volume> {
    this.volumeWatch ??= new SharedPoller(volumeListSource(this), { logger: this.options.logger, ...this.options.poll });
    return this.volumeWatch;
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
   * Every server of the project, normalized, page by page.
   *
   * @example
   * for await (const s of cloud.listServers()) console.log(s.name, s.status, s.publicV4);
   */
  listServers(query: servers.ListServersOptions = {}): AsyncIterable<Server> {
    return servers.listServers(this, query);
  }

  /**
   * A server by id or name; throws `NotFoundError` (several with that name: `AmbiguousMatchError`).
   *
   * @example
   * const s = await cloud.getServer('web-1');
   */
  getServer(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Server> {
    return servers.getServer(this, idOrName, options);
  }

  /**
   * A server by id or name, or `undefined`.
   *
   * @example
   * if (!(await cloud.findServer('web-1'))) …
   */
  findServer(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Server | undefined> {
    return servers.findServer(this, idOrName, options);
  }

  /**
   * Boots a server the way this cloud needs (see `CreateServerOptions`), waits, adds floating IPs when asked.
   *
   * @example
   * const s = await cloud.createServer({ name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
   */
  createServer(options: CreateServerOptions): ServerOperation {
    return startCreateServer(this, options);
  }

  /**
   * Waits for a server to reach a status (default `ACTIVE`) or condition; `ResourceFailedError` on ERROR,
   * `WaitTimeoutError` with what was seen on timeout. Joins the cloud's shared poller.
   *
   * @example
   * const s = await cloud.waitForServer(id, { status: ['ACTIVE', 'SHUTOFF'], timeoutMs: 300_000 });
   */
  waitForServer(id: string, options: WaitForServerOptions = {}): Promise<Server> {
    return waitForServerStatus(this, id, options);
  }

  /**
   * Goes on waiting for an operation another process started and serialized (`op.serialize()`).
   *
   * @example
   * const server = await cloud.resume(savedText);
   */
  resume(serialized: string, options: { signal?: AbortSignal } = {}): Operation<Server, { id: string }> {
    return resumeOperation(this, serialized, options);
  }

  /**
   * Deletes a server (succeeds when already gone), waiting until nova forgets it; `deleteIps` releases its floating IPs.
   *
   * @example
   * await cloud.deleteServer('web-1', { deleteIps: true });
   */
  deleteServer(idOrName: string, options: servers.DeleteServerOptions = {}): Promise<servers.DeleteServerResult & { taskId: string }> {
    return runDeleteServer(this, idOrName, options);
  }

  /**
   * A network servers can boot on, found or made (see `getMeANetwork` for the order).
   *
   * @example
   * const { id, name, path } = await cloud.getMeANetwork();
   */
  getMeANetwork(options: { signal?: AbortSignal } = {}): Promise<MeANetwork> {
    return getMeANetwork(this, options);
  }

  /**
   * The project's floating IPs (neutron or nova-network).
   *
   * @example
   * for await (const ip of cloud.listFloatingIps()) console.log(ip.address);
   */
  listFloatingIps(options: { signal?: AbortSignal } = {}): AsyncIterable<floatingIps.FloatingIp> {
    return floatingIps.listFloatingIps(this, options);
  }

  /**
   * Allocates a floating IP from an external network / pool (default: the cloud's).
   *
   * @example
   * const ip = await cloud.createFloatingIp({ network: 'public' });
   */
  createFloatingIp(options: floatingIps.CreateFloatingIpOptions = {}): Promise<floatingIps.FloatingIp> {
    return floatingIps.createFloatingIp(this, options);
  }

  /**
   * Attaches a floating IP (id or address) to a server port (neutron) or server (nova-network).
   *
   * @example
   * await cloud.attachFloatingIp('203.0.113.39', { serverId, portId });
   */
  attachFloatingIp(idOrAddress: string, target: { serverId: string; portId?: string; fixedAddress?: string; signal?: AbortSignal }): Promise<floatingIps.FloatingIp> {
    return floatingIps.attachFloatingIp(this, idOrAddress, target);
  }

  /**
   * Detaches a floating IP; it stays allocated.
   *
   * @example
   * await cloud.detachFloatingIp('203.0.113.39');
   */
  detachFloatingIp(idOrAddress: string, options: { signal?: AbortSignal } = {}): Promise<floatingIps.FloatingIp> {
    return floatingIps.detachFloatingIp(this, idOrAddress, options.signal);
  }

  /**
   * Releases a floating IP; succeeds when already gone.
   *
   * @example
   * await cloud.deleteFloatingIp(ip.id);
   */
  deleteFloatingIp(idOrAddress: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    return floatingIps.deleteFloatingIp(this, idOrAddress, options.signal);
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
