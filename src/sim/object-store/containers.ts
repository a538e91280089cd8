/**
 * Containers: PUT (201 new, 202 with swob's "Accepted" page when it exists; metadata, ACLs and a storage policy
 * on create), POST (metadata and ACLs, 204), HEAD (204 with counts), GET (the object listing), DELETE (204,
 * 409 while it holds objects). Container quotas (`X-Container-Meta-Quota-Bytes`/`-Count`) must be integers.
 *
 * @example
 * return handleContainer(ctx, account, 'c1');
 */
import type { Ctx, Reply } from '../core.js';
import { storagePolicies, swiftLimits } from './info.js';
import { applyListing, listingReply } from './listing.js';
import { mergeMeta, metaHeaders } from './metadata.js';
import { HTML, lastModified, one, plainError, swiftError, xTimestamp } from './replies.js';
import { objectListing } from './objects.js';
import { type AccountRecord, type ContainerRecord, type ObjectRecord, objectStoreOf, usage } from './store.js';

/** Container headers kept as they were sent (Title-Cased), besides metadata. */
const KEPT = ['x-container-read', 'x-container-write', 'x-versions-location', 'x-history-location'];
const KEPT_NAMES: Record<string, string> = {
  'x-container-read': 'X-Container-Read', 'x-container-write': 'X-Container-Write', 'x-versions-location': 'X-Versions-Location', 'x-history-location': 'X-History-Location',
};

/**
 * The headers of a container's HEAD and GET.
 *
 * @example
 * containerHeaders(ctx, container)['X-Container-Object-Count']; // '2'
 */
export function containerHeaders(ctx: Ctx, container: ContainerRecord, owner = true): Record<string, string> {
  const u = usage(container);
  // Only the owner sees the ACLs (keystoneauth strips them for anyone an ACL let in).
  const extra = [...container.extra].filter(([name]) => owner || !/^X-Container-(Read|Write)$/.test(name));
  const headers: Record<string, string> = {
    'X-Container-Object-Count': String(u.count), 'X-Container-Bytes-Used': String(u.bytes), 'X-Timestamp': xTimestamp(container.timestamp),
    ...metaHeaders('container', container.meta), ...Object.fromEntries(extra), 'Last-Modified': lastModified(container.modified), 'Accept-Ranges': 'bytes',
  };
  if (storagePolicies(ctx.core).length > 0) headers['X-Storage-Policy'] = container.policy;
  return headers;
}

/** A 400 when the container quotas the request sets are not whole numbers. */
function checkQuotas(ctx: Ctx): Reply | undefined {
  for (const [name, kind] of [['x-container-meta-quota-bytes', 'bytes'], ['x-container-meta-quota-count', 'count']] as const) {
    const value = one(ctx.headers, name);
    if (value !== undefined && value !== '' && !/^\d+$/.test(value.trim())) return swiftError(400, `Invalid ${kind} quota.`);
  }
  return undefined;
}

/** Applies the metadata, ACL and kept headers of a PUT or POST. */
function applyHeaders(ctx: Ctx, container: ContainerRecord): Reply | undefined {
  const error = checkQuotas(ctx) ?? mergeMeta(ctx, 'container', container.meta, swiftLimits(ctx.core));
  if (error) return error;
  for (const name of KEPT) {
    const title = KEPT_NAMES[name] as string;
    const value = one(ctx.headers, name);
    const removed = one(ctx.headers, `x-remove-${name.slice(2)}`) !== undefined;
    if (removed || value === '') container.extra.delete(title);
    else if (value !== undefined) container.extra.set(title, value);
  }
  return undefined;
}

function createContainer(ctx: Ctx, account: AccountRecord, name: string): Reply {
  const limits = swiftLimits(ctx.core);
  if (Buffer.byteLength(name) > limits.maxContainerNameLength) {
    return swiftError(400, `Container name length of ${Buffer.byteLength(name)} longer than ${limits.maxContainerNameLength}`);
  }
  const policies = storagePolicies(ctx.core);
  const asked = one(ctx.headers, 'x-storage-policy');
  const existing = account.containers.get(name);
  if (asked !== undefined && policies.length > 0) {
    const policy = policies.find((p) => p.toLowerCase() === asked.toLowerCase());
    if (!policy) return plainError(400, `Invalid X-Storage-Policy '${asked}'`);
    if (existing && existing.policy !== policy) return swiftError(409);
  }
  const container: ContainerRecord = existing ?? {
    name, timestamp: 0, modified: 0, meta: new Map(), extra: new Map(), policy: policies[0] ?? '', objects: new Map(),
  };
  const error = applyHeaders(ctx, container);
  if (error) return error;
  if (existing) {
    existing.modified = objectStoreOf(ctx.core).stamp(ctx.now);
    return { status: 202, raw: '<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>', contentType: HTML };
  }
  const stamp = objectStoreOf(ctx.core).stamp(ctx.now);
  container.timestamp = stamp;
  container.modified = stamp;
  account.containers.set(name, container);
  return { status: 201, contentType: HTML };
}

/**
 * A request on `/v1/<account>/<container>` (authorization already checked).
 *
 * @example
 * handleContainer(ctx, account, 'c1');
 */
export function handleContainer(ctx: Ctx, account: AccountRecord, name: string, owner = true): Reply {
  if (ctx.method === 'PUT') return createContainer(ctx, account, name);
  const container = account.containers.get(name);
  if (!container) return swiftError(404);
  switch (ctx.method) {
    case 'HEAD':
      return { status: 204, contentType: 'text/plain; charset=utf-8', headers: { ...containerHeaders(ctx, container, owner), Vary: 'Accept' } };
    case 'GET': {
      const entries = applyListing(ctx, [...container.objects.keys()], (key) => container.objects.get(key) as ObjectRecord, swiftLimits(ctx.core).listingLimit);
      if (!Array.isArray(entries)) return entries;
      return listingReply(ctx, entries, (object) => objectListing(object), { root: 'container', name, item: 'object', fields: ['name', 'hash', 'bytes', 'content_type', 'last_modified', 'slo_etag'] }, containerHeaders(ctx, container, owner));
    }
    case 'POST': {
      const error = applyHeaders(ctx, container);
      if (error) return error;
      container.modified = objectStoreOf(ctx.core).stamp(ctx.now);
      return { status: 204, contentType: HTML };
    }
    case 'DELETE':
      if (container.objects.size > 0) return swiftError(409);
      account.containers.delete(name);
      return { status: 204, contentType: HTML };
    default:
      return swiftError(405, undefined, { Allow: 'DELETE, GET, HEAD, POST, PUT' });
  }
}
