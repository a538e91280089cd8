/**
 * Containers: list, get (metadata, counts, bytes, ACLs, quotas), create, update, delete (emptying first when
 * asked), and the public-read ACL.
 */
import { ResourceInUseError, isConflictError } from '../errors/index.js';
import { metadataHeaders, metadataOf, numberHeader } from './metadata.js';
import { checkContainerName, objectPath } from './names.js';
import { walkListing } from './listing.js';
import type { ObjectStore } from './store.js';
import { deleteObjectsByName } from './bulk-delete.js';

/** A container as listed (the account listing has no metadata). */
export interface ContainerSummary {
  name: string;
  objectCount: number;
  bytes: number;
  lastModified?: string;
}

/** A container with its metadata (`getContainer`). */
export interface Container extends ContainerSummary {
  /** User metadata (`X-Container-Meta-*`), keys lower case; quota and temp-URL keys are left out. */
  metadata: Record<string, string>;
  /** Read ACL, e.g. `.r:*,.rlistings` for public read. */
  readAcl?: string;
  /** Write ACL, e.g. `<project>:<user>`. */
  writeAcl?: string;
  /** The storage policy the container's objects live in. */
  storagePolicy?: string;
  /** Container quota in bytes (`X-Container-Meta-Quota-Bytes`). */
  quotaBytes?: number;
  /** Container quota in objects (`X-Container-Meta-Quota-Count`). */
  quotaCount?: number;
  /** True when anyone may read its objects (`.r:*` in the read ACL). */
  publicRead: boolean;
}

/** What `createContainer` and `updateContainer` can set. */
export interface ContainerSettings {
  /** Metadata to set; `null` removes a key (update only). */
  metadata?: Record<string, string | null>;
  /** Read ACL (`.r:*,.rlistings`, `<project>:<user>`); `null` removes it. */
  readAcl?: string | null;
  /** Write ACL; `null` removes it. */
  writeAcl?: string | null;
  /** Anyone may read objects and list the container (`.r:*,.rlistings`); false removes the read ACL. */
  publicRead?: boolean;
  /** Quota in bytes; `null` removes it. */
  quotaBytes?: number | null;
  /** Quota in objects; `null` removes it. */
  quotaCount?: number | null;
  signal?: AbortSignal;
}

/** Options of `createContainer`. */
export interface CreateContainerOptions extends ContainerSettings {
  name: string;
  /** Storage policy by name (only at creation); the cluster's default unless told. */
  storagePolicy?: string;
}

/** Options of `listContainers`. */
export interface ListContainersOptions {
  prefix?: string;
  /** Start after this name. */
  marker?: string;
  /** Names per page (default: the cluster's listing limit). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** Options of `deleteContainer`. */
export interface DeleteContainerOptions {
  /** Delete every object first (bulk delete when the cluster has it, else parallel DELETEs). */
  empty?: boolean;
  /** Parallel DELETEs when the cluster has no bulk delete (default 10). */
  concurrency?: number;
  signal?: AbortSignal;
}

/** The public-read ACL: objects readable and the container listable without a token. */
export const PUBLIC_READ_ACL = '.r:*,.rlistings';

interface RawContainerEntry {
  name: string;
  count: number;
  bytes: number;
  last_modified?: string;
}

/**
 * The account's containers, page after page.
 *
 * @example
 * for await (const c of listContainers(store, { prefix: 'ci-' })) console.log(c.name, c.objectCount);
 */
export async function* listContainers(store: ObjectStore, options: ListContainersOptions = {}): AsyncIterable<ContainerSummary> {
  for await (const raw of walkListing<RawContainerEntry>(store, '', options)) {
    yield { name: raw.name, objectCount: raw.count, bytes: raw.bytes, ...(raw.last_modified ? { lastModified: raw.last_modified } : {}) };
  }
}

/**
 * A container's counts, metadata, ACLs and quotas (one HEAD); `undefined` when there is none.
 *
 * @example
 * const c = await findContainer(store, 'backups');
 */
export async function findContainer(store: ObjectStore, name: string, options: { signal?: AbortSignal } = {}): Promise<Container | undefined> {
  checkContainerName(name, (await store.info(options.signal)).maxContainerNameLength);
  const response = await store.request('HEAD', objectPath(name), { signal: options.signal, okStatuses: [404] });
  if (response.status === 404) return undefined;
  return containerFromHeaders(name, response.headers);
}

/**
 * A container from the headers of its HEAD.
 *
 * @example
 * containerFromHeaders('c1', response.headers).objectCount
 */
export function containerFromHeaders(name: string, headers: Headers): Container {
  const metadata = metadataOf('Container', headers);
  const quotaBytes = metadata['quota-bytes'];
  const quotaCount = metadata['quota-count'];
  delete metadata['quota-bytes'];
  delete metadata['quota-count'];
  delete metadata['temp-url-key'];
  delete metadata['temp-url-key-2'];
  const readAcl = headers.get('x-container-read') ?? undefined;
  const writeAcl = headers.get('x-container-write') ?? undefined;
  const policy = headers.get('x-storage-policy') ?? undefined;
  const modified = headers.get('last-modified') ?? undefined;
  return {
    name,
    objectCount: numberHeader(headers, 'x-container-object-count') ?? 0,
    bytes: numberHeader(headers, 'x-container-bytes-used') ?? 0,
    ...(modified ? { lastModified: new Date(modified).toISOString() } : {}),
    metadata,
    ...(readAcl ? { readAcl } : {}),
    ...(writeAcl ? { writeAcl } : {}),
    ...(policy ? { storagePolicy: policy } : {}),
    ...(quotaBytes !== undefined ? { quotaBytes: Number(quotaBytes) } : {}),
    ...(quotaCount !== undefined ? { quotaCount: Number(quotaCount) } : {}),
    publicRead: Boolean(readAcl && /(^|,)\s*\.r:\*/.test(readAcl)),
  };
}

/** The headers that set (or remove) a container's ACLs, quotas and metadata. */
function settingHeaders(settings: ContainerSettings): Record<string, string> {
  const headers = metadataHeaders('Container', settings.metadata);
  const acl = (header: string, value: string | null | undefined) => {
    if (value === undefined) return;
    if (value === null || value === '') headers[`X-Remove-${header}`] = 'x';
    else headers[`X-${header}`] = value;
  };
  const readAcl = settings.publicRead === true ? PUBLIC_READ_ACL : settings.publicRead === false ? null : settings.readAcl;
  acl('Container-Read', readAcl);
  acl('Container-Write', settings.writeAcl);
  acl('Container-Meta-Quota-Bytes', settings.quotaBytes === null ? null : settings.quotaBytes?.toString());
  acl('Container-Meta-Quota-Count', settings.quotaCount === null ? null : settings.quotaCount?.toString());
  return headers;
}

/**
 * Creates a container (a PUT; an existing one keeps its objects and gets the settings) and returns it.
 *
 * @example
 * await createContainer(store, { name: 'backups', metadata: { owner: 'ops' }, quotaBytes: 10 * 1024 ** 3 });
 */
export async function createContainer(store: ObjectStore, options: CreateContainerOptions): Promise<Container> {
  const info = await store.info(options.signal);
  checkContainerName(options.name, info.maxContainerNameLength);
  const headers = settingHeaders(options);
  for (const key of Object.keys(headers)) if (key.startsWith('X-Remove-')) delete headers[key];
  if (options.storagePolicy) headers['X-Storage-Policy'] = options.storagePolicy;
  await store.request('PUT', objectPath(options.name), { headers, signal: options.signal, what: `container "${options.name}"` });
  return (await findContainer(store, options.name, options)) as Container;
}

/**
 * Changes a container's metadata, ACLs or quotas (one POST) and returns it.
 *
 * @example
 * await updateContainer(store, 'backups', { publicRead: true, metadata: { stale: null } });
 */
export async function updateContainer(store: ObjectStore, name: string, settings: ContainerSettings): Promise<Container> {
  checkContainerName(name, (await store.info(settings.signal)).maxContainerNameLength);
  await store.request('POST', objectPath(name), { headers: settingHeaders(settings), signal: settings.signal });
  return (await findContainer(store, name, settings)) as Container;
}

/**
 * Deletes a container; `{ deleted: false }` when there was none. A container with objects is refused with a
 * `ResourceInUseError` unless `empty: true`, which deletes its objects first.
 *
 * @example
 * await deleteContainer(store, 'ci-scratch', { empty: true });
 */
export async function deleteContainer(store: ObjectStore, name: string, options: DeleteContainerOptions = {}): Promise<{ deleted: boolean }> {
  checkContainerName(name, (await store.info(options.signal)).maxContainerNameLength);
  // Objects written while emptying make the DELETE fail again: a few rounds, then the error.
  for (let round = 0; ; round++) {
    if (options.empty) {
      const names: string[] = [];
      for await (const entry of walkListing<{ name: string }>(store, objectPath(name), { signal: options.signal })) names.push(entry.name);
      if (names.length > 0) await deleteObjectsByName(store, name, names, options);
    }
    try {
      const response = await store.request('DELETE', objectPath(name), { signal: options.signal, okStatuses: [404] });
      return { deleted: response.status !== 404 };
    } catch (error) {
      if (!isConflictError(error)) throw error;
      if (options.empty && round < 3) continue;
      const left = await findContainer(store, name, options).catch(() => undefined);
      throw new ResourceInUseError('container', { id: name, name }, [{ type: 'objects', id: `${left?.objectCount ?? 'some'} object(s) still in it (delete with empty: true)` }]);
    }
  }
}
