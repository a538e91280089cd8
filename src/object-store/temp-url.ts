/**
 * Temp URLs: a signed link to one object (or every object under a prefix) that works without a token until it
 * expires. The signature is an HMAC of `<method>\n<expires>\n<path>` with the account's or container's key, in
 * the strongest digest the cluster's `/info` allows.
 */
import { createHmac } from 'node:crypto';
import { InvalidInputError, UnsupportedError } from '../errors/index.js';
import { requireFeature } from './info.js';
import { checkContainerName, checkObjectName, objectPath } from './names.js';
import type { ObjectStore } from './store.js';

/** Options of `createTempUrl`. */
export interface TempUrlOptions {
  /** The HTTP method the URL allows (default `GET`); one of the cluster's `tempurl.methods`. */
  method?: string;
  /** Seconds from now until it expires (default 3600). */
  expiresInSeconds?: number;
  /** The moment it expires (instead of `expiresInSeconds`). */
  expiresAt?: Date;
  /** Sign for every object whose name starts with `name` (a prefix-based temp URL). */
  prefix?: boolean;
  /** The key; read from the container's, else the account's `Temp-URL-Key` metadata unless told. */
  key?: string;
  /** `sha1`, `sha256` or `sha512`; the strongest the cluster allows unless told. */
  digest?: string;
  signal?: AbortSignal;
}

/** A signed URL. */
export interface TempUrl {
  /** The signed URL (for a prefix: of the prefix itself; put any object name under it in its place). */
  url: string;
  /** The signature's query string, the same for every object under a prefix. */
  query: string;
  method: string;
  expiresAt: string;
  digest: string;
}

/** Options of `setTempUrlKey`. */
export interface SetTempUrlKeyOptions {
  /** Set the container's key instead of the account's. */
  container?: string;
  /** Set the second key (`Temp-URL-Key-2`), for rotating keys. */
  second?: boolean;
  signal?: AbortSignal;
}

const DIGEST_PREFERENCE = ['sha512', 'sha256', 'sha1'];

/**
 * Sets the account's (or a container's) temp-URL key.
 *
 * @example
 * await setTempUrlKey(store, 'a-long-random-secret');
 */
export async function setTempUrlKey(store: ObjectStore, key: string, options: SetTempUrlKeyOptions = {}): Promise<void> {
  const scope = options.container !== undefined ? 'Container' : 'Account';
  if (options.container !== undefined) checkContainerName(options.container);
  const header = `X-${scope}-Meta-Temp-URL-Key${options.second ? '-2' : ''}`;
  await store.request('POST', options.container !== undefined ? objectPath(options.container) : '', { headers: { [header]: key }, signal: options.signal });
}

/**
 * The signature of a temp URL (hex), as Swift's tempurl middleware computes it.
 *
 * @example
 * tempUrlSignature('sha256', 'secret', 'GET', 1764928800, '/v1/AUTH_abc/c/o')
 */
export function tempUrlSignature(digest: string, key: string, method: string, expires: number, path: string, prefix = false): string {
  return createHmac(digest, key).update(`${method}\n${expires}\n${prefix ? 'prefix:' : ''}${path}`).digest('hex');
}

/**
 * Makes a signed URL for one object (or, with `prefix: true`, for every object under `name`).
 * @throws UnsupportedError when the cluster has no tempurl middleware, or not the method / digest asked;
 * InvalidInputError when no key is set.
 *
 * @example
 * const { url } = await createTempUrl(store, 'backups', 'db.tar', { expiresInSeconds: 600 });
 * const res = await fetch(url); // no token
 */
export async function createTempUrl(store: ObjectStore, container: string, name: string, options: TempUrlOptions = {}): Promise<TempUrl> {
  const info = await store.info(options.signal);
  requireFeature(info, 'tempurl', 'temp URLs');
  const tempurl = info.tempurl as { methods: string[]; digests: string[] };
  checkContainerName(container, info.maxContainerNameLength);
  if (!options.prefix) checkObjectName(name, info.maxObjectNameLength);
  const method = (options.method ?? 'GET').toUpperCase();
  if (tempurl.methods.length && !tempurl.methods.includes(method)) {
    throw new InvalidInputError({ what: `temp URL method ${method}`, why: `this cluster's temp URLs allow ${tempurl.methods.join(', ')}` });
  }
  const digest = options.digest ?? DIGEST_PREFERENCE.find((d) => tempurl.digests.includes(d)) ?? 'sha1';
  if (!tempurl.digests.includes(digest)) {
    throw new UnsupportedError({ feature: `temp URLs signed with ${digest}`, service: 'object-store', have: `swift ${info.version ?? '(version unknown)'} (temp URL digests: ${tempurl.digests.join(', ')})`, need: 'a digest the cluster lists (sha256 and sha512 came with swift 2.22)' });
  }
  if (options.prefix && info.version && versionBelow(info.version, [2, 12])) {
    throw new UnsupportedError({ feature: 'prefix-based temp URLs', service: 'object-store', have: `swift ${info.version}`, need: 'swift 2.12 (Ocata)' });
  }
  const key = options.key ?? (await readKey(store, container, options.signal));
  if (!key) throw new InvalidInputError({ what: `temp URL for "${container}/${name}"`, why: 'neither the container nor the account has a Temp-URL-Key: set one with setTempUrlKey first' });
  const expires = Math.floor((options.expiresAt?.getTime() ?? Date.now() + (options.expiresInSeconds ?? 3600) * 1000) / 1000);
  const endpoint = new URL((await store.client(options.signal)).endpoint);
  const path = `${endpoint.pathname.replace(/\/+$/, '')}${objectPath(container, name)}`;
  // Swift signs the path as the client sends it, decoded.
  const signedPath = decodeURIComponent(path);
  const query = new URLSearchParams({ temp_url_sig: tempUrlSignature(digest, key, method, expires, signedPath, options.prefix), temp_url_expires: String(expires) });
  if (options.prefix) query.set('temp_url_prefix', name);
  return { url: `${endpoint.origin}${path}?${query.toString()}`, query: query.toString(), method, expiresAt: new Date(expires * 1000).toISOString(), digest };
}

/** The container's temp-URL key, else the account's. */
async function readKey(store: ObjectStore, container: string, signal?: AbortSignal): Promise<string | undefined> {
  const c = await store.request('HEAD', objectPath(container), { signal, okStatuses: [404] });
  const fromContainer = c.headers.get('x-container-meta-temp-url-key');
  if (fromContainer) return fromContainer;
  const a = await store.request('HEAD', '', { signal });
  return a.headers.get('x-account-meta-temp-url-key') ?? undefined;
}

/** True when a dotted version (`2.10.2`) is below `[major, minor]`. */
function versionBelow(version: string, [major, minor]: [number, number]): boolean {
  const [a = 0, b = 0] = version.split('.').map((x) => Number.parseInt(x, 10));
  return a < major || (a === major && b < minor);
}
