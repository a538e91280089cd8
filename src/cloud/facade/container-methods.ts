/**
 * Object storage (Swift) containers of the {@link Cloud}: list, get, create, update, delete, public read, and the
 * cluster's capabilities. Objects are in object-store-methods.ts.
 */
import { NotFoundError } from '../../errors/index.js';
import * as containers from '../../object-store/containers.js';
import type { SwiftInfo } from '../../object-store/info.js';
import { ObjectStore } from '../../object-store/store.js';
import type { ReadOptions } from './compute-methods.js';
import { ImageTransferMethods } from './image-transfer-methods.js';

/**
 * Object storage containers of the {@link Cloud}.
 *
 * @example
 * await cloud.createContainer({ name: 'backups', metadata: { owner: 'ops' } });
 */
export class ContainerMethods extends ImageTransferMethods {
  private objectStoreValue?: ObjectStore;

  /**
   * The cloud's object store (account endpoint, `/info`, requests). Not part of the supported API.
   * @internal
   */
  objectStore(): ObjectStore {
    this.objectStoreValue ??= new ObjectStore({
      service: (type, signal) => this.service(type, signal),
      fetchDocument: this.connection.discoveryFetch,
      transport: this.connection.transport,
      logger: this.logger,
    });
    return this.objectStoreValue;
  }

  /**
   * What the object store supports and its limits (`GET /info`, read once and cached with the discovery documents).
   *
   * @example
   * const info = await cloud.getObjectStoreInfo();
   * console.log(info.maxFileSize, info.slo?.maxManifestSegments, info.tempurl?.digests);
   */
  getObjectStoreInfo(options: ReadOptions = {}): Promise<SwiftInfo> {
    return this.objectStore().info(options.signal);
  }

  /**
   * The account's containers with their object counts and bytes, page after page.
   *
   * @example
   * for await (const c of cloud.listContainers({ prefix: 'ci-' })) console.log(c.name, c.objectCount, c.bytes);
   */
  listContainers(options: containers.ListContainersOptions = {}): AsyncIterable<containers.ContainerSummary> {
    return containers.listContainers(this.objectStore(), options);
  }

  /**
   * A container with its metadata, ACLs and quotas, or `undefined`.
   *
   * @example
   * const c = await cloud.findContainer('backups');
   */
  findContainer(name: string, options: ReadOptions = {}): Promise<containers.Container | undefined> {
    return containers.findContainer(this.objectStore(), name, options);
  }

  /**
   * A container with its metadata, ACLs and quotas; `NotFoundError` when there is none.
   *
   * @example
   * const { objectCount, bytes, metadata } = await cloud.getContainer('backups');
   */
  async getContainer(name: string, options: ReadOptions = {}): Promise<containers.Container> {
    const found = await this.findContainer(name, options);
    if (!found) throw containerNotFound(name);
    return found;
  }

  /**
   * Creates a container (with metadata, ACLs, quotas, storage policy) and returns it; an existing one keeps its
   * objects and takes the settings.
   *
   * @example
   * await cloud.createContainer({ name: 'backups', metadata: { owner: 'ops' }, quotaBytes: 10 * 2 ** 30 });
   */
  createContainer(options: containers.CreateContainerOptions): Promise<containers.Container> {
    return containers.createContainer(this.objectStore(), options);
  }

  /**
   * Changes a container's metadata (`null` removes a key), ACLs or quotas.
   *
   * @example
   * await cloud.updateContainer('backups', { quotaBytes: null, metadata: { stale: null, owner: 'dev' } });
   */
  updateContainer(name: string, settings: containers.ContainerSettings): Promise<containers.Container> {
    return containers.updateContainer(this.objectStore(), name, settings);
  }

  /**
   * Makes a container's objects readable (and the container listable) without a token, or private again.
   *
   * @example
   * const c = await cloud.setContainerPublicRead('site', true); // c.readAcl === '.r:*,.rlistings'
   */
  setContainerPublicRead(name: string, publicRead: boolean, options: ReadOptions = {}): Promise<containers.Container> {
    return containers.updateContainer(this.objectStore(), name, { publicRead, ...options });
  }

  /**
   * Deletes a container; `{ deleted: false }` when there was none. One with objects is refused
   * (`ResourceInUseError`) unless `empty: true`, which deletes them first (bulk delete where the cluster has it).
   *
   * @example
   * await cloud.deleteContainer('ci-scratch', { empty: true });
   */
  deleteContainer(name: string, options: containers.DeleteContainerOptions = {}): Promise<{ deleted: boolean }> {
    return containers.deleteContainer(this.objectStore(), name, options);
  }
}

function containerNotFound(name: string): NotFoundError {
  return new NotFoundError({ method: 'HEAD', url: `/${encodeURIComponent(name)}`, service: 'object-store' }, { message: `no container "${name}"` });
}
