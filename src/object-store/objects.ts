/**
 * Objects: list (prefix, delimiter → directories, marker paging), metadata, copy, update, delete (with the
 * segments of a large object when asked), and delete by prefix.
 */
import { NotFoundError, isNotFoundError } from '../errors/index.js';
import { deleteObjectsByName, type BulkDeleteOptions, type BulkDeleteResult } from './bulk-delete.js';
import { walkListing } from './listing.js';
import { metadataHeaders, metadataOf, numberHeader } from './metadata.js';
import { checkContainerName, checkObjectName, objectPath } from './names.js';
import type { ObjectStore } from './store.js';

/** One entry of an object listing: an object, or (with a `delimiter`) a "directory" of names sharing a prefix. */
export interface ObjectEntry {
  /** The object's name, or the directory's prefix ending with the delimiter (`logs/`). */
  name: string;
  /** True for a directory entry (`subdir` in Swift's listing). */
  directory: boolean;
  bytes?: number;
  /** The MD5 of the content (of the manifest, for a static large object). */
  etag?: string;
  contentType?: string;
  lastModified?: string;
}

/** An object's metadata (`getObject`, one HEAD). */
export interface ObjectInfo {
  container: string;
  name: string;
  bytes: number;
  /** The `ETag` without quotes: MD5 of the content; for a large object, Swift's etag of its segments' etags. */
  etag?: string;
  contentType?: string;
  lastModified?: string;
  /** User metadata (`X-Object-Meta-*`), keys lower case. */
  metadata: Record<string, string>;
  /** `slo` (static manifest) or `dlo` (dynamic manifest) for a large object. */
  largeObject?: 'slo' | 'dlo';
  /** For a DLO: the `container/prefix` its segments are read from. */
  manifest?: string;
  /** When Swift deletes it (`X-Delete-At`), ISO time. */
  deleteAt?: string;
}

/** Options of `listObjects`. */
export interface ListObjectsOptions {
  prefix?: string;
  /** Group names by this character (`/`): entries below it come back as one directory entry. */
  delimiter?: string;
  /** Start after this name. */
  marker?: string;
  /** Names per page (default: the cluster's listing limit). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** What `updateObject` changes (a POST replaces every user metadata key, so the current ones are kept unless removed). */
export interface UpdateObjectOptions {
  /** Keys to set; `null` removes one. Others are kept. */
  metadata?: Record<string, string | null>;
  contentType?: string;
  /** Seconds until Swift deletes the object (`X-Delete-After`). */
  deleteAfterSeconds?: number;
  signal?: AbortSignal;
}

/** Options of `copyObject`. */
export interface CopyObjectOptions {
  /** Metadata of the copy, on top of the source's. */
  metadata?: Record<string, string>;
  contentType?: string;
  /** `copy` (default: Swift's `COPY` verb) or `put` (`PUT` with `X-Copy-From`; the same on the wire for clusters that forbid COPY). */
  method?: 'copy' | 'put';
  signal?: AbortSignal;
}

/** Options of `deleteObject`. */
export interface DeleteObjectOptions {
  /** For a large object: delete its segments too (SLO: `multipart-manifest=delete`; DLO: every object under its prefix). Default true. */
  segments?: boolean;
  signal?: AbortSignal;
}

interface RawObjectEntry {
  name?: string;
  subdir?: string;
  bytes?: number;
  hash?: string;
  content_type?: string;
  last_modified?: string;
}

/**
 * The objects of a container, page after page; with a `delimiter`, names below it come back as directories.
 *
 * @example
 * for await (const o of listObjects(store, 'logs', { prefix: '2026/', delimiter: '/' })) console.log(o.directory ? 'dir' : 'obj', o.name);
 */
export async function* listObjects(store: ObjectStore, container: string, options: ListObjectsOptions = {}): AsyncIterable<ObjectEntry> {
  checkContainerName(container, (await store.info(options.signal)).maxContainerNameLength);
  for await (const raw of walkListing<RawObjectEntry>(store, objectPath(container), options)) {
    if (raw.subdir !== undefined) {
      yield { name: raw.subdir, directory: true };
      continue;
    }
    yield {
      name: raw.name ?? '',
      directory: false,
      ...(raw.bytes !== undefined ? { bytes: raw.bytes } : {}),
      ...(raw.hash ? { etag: raw.hash } : {}),
      ...(raw.content_type ? { contentType: raw.content_type } : {}),
      ...(raw.last_modified ? { lastModified: raw.last_modified.endsWith('Z') ? raw.last_modified : `${raw.last_modified}Z` } : {}),
    };
  }
}

/**
 * An object from the headers of its HEAD (or GET).
 *
 * @example
 * objectFromHeaders('c', 'a.txt', response.headers).bytes
 */
export function objectFromHeaders(container: string, name: string, headers: Headers): ObjectInfo {
  const etag = headers.get('etag')?.replace(/^"|"$/g, '');
  const type = headers.get('content-type') ?? undefined;
  const modified = headers.get('last-modified') ?? undefined;
  const manifest = headers.get('x-object-manifest') ?? undefined;
  const slo = /^true$/i.test(headers.get('x-static-large-object') ?? '');
  const deleteAt = numberHeader(headers, 'x-delete-at');
  return {
    container,
    name,
    bytes: numberHeader(headers, 'content-length') ?? 0,
    ...(etag ? { etag } : {}),
    ...(type ? { contentType: type } : {}),
    ...(modified ? { lastModified: new Date(modified).toISOString() } : {}),
    metadata: metadataOf('Object', headers),
    ...(slo ? { largeObject: 'slo' as const } : manifest ? { largeObject: 'dlo' as const, manifest: decodeURIComponent(manifest) } : {}),
    ...(deleteAt !== undefined ? { deleteAt: new Date(deleteAt * 1000).toISOString() } : {}),
  };
}

/**
 * An object's metadata (one HEAD), or `undefined` when there is none.
 *
 * @example
 * const info = await findObject(store, 'backups', 'db.tar.gz');
 */
export async function findObject(store: ObjectStore, container: string, name: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo | undefined> {
  const info = await store.info(options.signal);
  checkContainerName(container, info.maxContainerNameLength);
  checkObjectName(name, info.maxObjectNameLength);
  const response = await store.request('HEAD', objectPath(container, name), { signal: options.signal, okStatuses: [404] });
  return response.status === 404 ? undefined : objectFromHeaders(container, name, response.headers);
}

/**
 * Changes an object's metadata (keys not named are kept), content type or expiry, and returns it.
 *
 * @example
 * await updateObject(store, 'backups', 'db.tar.gz', { metadata: { verified: 'yes', stale: null } });
 */
export async function updateObject(store: ObjectStore, container: string, name: string, options: UpdateObjectOptions): Promise<ObjectInfo> {
  const current = await findObject(store, container, name, options);
  if (!current) throw notFound(container, name);
  const merged: Record<string, string> = { ...current.metadata };
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    if (value === null) delete merged[key.toLowerCase()];
    else merged[key.toLowerCase()] = value;
  }
  const headers = metadataHeaders('Object', merged);
  if (options.contentType) headers['Content-Type'] = options.contentType;
  if (options.deleteAfterSeconds !== undefined) headers['X-Delete-After'] = String(options.deleteAfterSeconds);
  // A POST to a manifest replaces its metadata; the manifest headers must be sent again or a DLO stops being one.
  if (current.largeObject === 'dlo' && current.manifest) headers['X-Object-Manifest'] = current.manifest;
  await store.request('POST', objectPath(container, name), { headers, signal: options.signal });
  return (await findObject(store, container, name, options)) ?? current;
}

/**
 * Copies an object on the server (no data through the client), to another name and/or container.
 *
 * @example
 * await copyObject(store, { container: 'a', name: 'x.bin' }, { container: 'b', name: 'x-copy.bin' });
 */
export async function copyObject(store: ObjectStore, from: { container: string; name: string }, to: { container: string; name: string }, options: CopyObjectOptions = {}): Promise<ObjectInfo> {
  const info = await store.info(options.signal);
  for (const c of [from.container, to.container]) checkContainerName(c, info.maxContainerNameLength);
  for (const n of [from.name, to.name]) checkObjectName(n, info.maxObjectNameLength);
  const headers: Record<string, string> = { ...metadataHeaders('Object', options.metadata) };
  if (options.contentType) headers['Content-Type'] = options.contentType;
  if (options.method === 'put') {
    headers['X-Copy-From'] = objectPath(from.container, from.name).slice(1);
    headers['Content-Length'] = '0';
    await store.request('PUT', objectPath(to.container, to.name), { headers, signal: options.signal, what: `copy of "${from.container}/${from.name}" to "${to.container}/${to.name}"` });
  } else {
    headers.Destination = objectPath(to.container, to.name).slice(1);
    await store.request('COPY', objectPath(from.container, from.name), { headers, signal: options.signal, what: `copy of "${from.container}/${from.name}" to "${to.container}/${to.name}"` });
  }
  return (await findObject(store, to.container, to.name, options)) as ObjectInfo;
}

/**
 * Deletes an object; `{ deleted: false }` when there was none. A large object's segments go with it unless
 * `segments: false`.
 *
 * @example
 * await deleteObject(store, 'backups', 'db.tar.gz');
 */
export async function deleteObject(store: ObjectStore, container: string, name: string, options: DeleteObjectOptions = {}): Promise<{ deleted: boolean }> {
  const withSegments = options.segments ?? true;
  let dloPrefix: string | undefined;
  let slo = false;
  if (withSegments) {
    const current = await findObject(store, container, name, options);
    if (!current) return { deleted: false };
    slo = current.largeObject === 'slo';
    if (current.largeObject === 'dlo') dloPrefix = current.manifest;
  } else {
    checkContainerName(container, (await store.info(options.signal)).maxContainerNameLength);
  }
  const response = await store.request('DELETE', objectPath(container, name), {
    signal: options.signal,
    okStatuses: [404],
    ...(slo ? { searchParams: { 'multipart-manifest': 'delete' } } : {}),
  });
  if (dloPrefix) {
    const slash = dloPrefix.indexOf('/');
    if (slash > 0) await deleteObjectsWithPrefix(store, dloPrefix.slice(0, slash), dloPrefix.slice(slash + 1), options);
  }
  return { deleted: response.status !== 404 };
}

/**
 * Deletes every object of a container whose name starts with `prefix` (bulk delete where the cluster has it).
 *
 * @example
 * await deleteObjectsWithPrefix(store, 'logs', '2025/'); // { deleted: 120, notFound: 0, method: 'bulk' }
 */
export async function deleteObjectsWithPrefix(store: ObjectStore, container: string, prefix: string, options: BulkDeleteOptions = {}): Promise<BulkDeleteResult> {
  const names: string[] = [];
  for await (const entry of listObjects(store, container, { prefix, signal: options.signal })) names.push(entry.name);
  try {
    return await deleteObjectsByName(store, container, names, options);
  } catch (error) {
    if (isNotFoundError(error)) return { deleted: 0, notFound: names.length, method: 'single' };
    throw error;
  }
}

/** The NotFoundError for a missing object. */
export function notFound(container: string, name: string): NotFoundError {
  return new NotFoundError({ method: 'HEAD', url: objectPath(container, name), service: 'object-store' }, { message: `no object "${name}" in container "${container}"` });
}
