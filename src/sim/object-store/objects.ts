/**
 * Objects: PUT (201 with the MD5 `Etag`; 422 when the client's `ETag` differs, 413 over `max_file_size` or a
 * container quota, `If-None-Match: *` → 412 when it exists, server-side copy with `X-Copy-From`), GET and HEAD
 * (Range → 206/416, If-Match/If-None-Match/If-(Un)Modified-Since → 412/304), POST (replaces the metadata, 202),
 * DELETE (204), COPY (`Destination: <container>/<object>`). Large objects (DLO/SLO) are in large-objects.ts.
 *
 * @example
 * return handleObject(ctx, store, account, container, 'a/b.txt');
 */
import type { Ctx, Reply } from '../core.js';
import { swiftLimits } from './info.js';
import { readContent, type Content, sloPut, sloDelete, sloManifestGet } from './large-objects.js';
import { checkMeta, metaHeaders, requestedMeta } from './metadata.js';
import { conditional, faulty, parseRanges, type Range, sliceChunks, stripQuotes } from './reads.js';
import { followSymlink, symlinkObject, symlinkRequested, withLocation } from './symlinks.js';
import { HTML, lastModified, listingTime, one, plainError, swiftError, titleCase, xTimestamp } from './replies.js';
import { type AccountRecord, accountUsage, type ContainerRecord, listedBytes, md5, type ObjectRecord, type ObjectStore, usage } from './store.js';

/** Headers Swift keeps with an object besides its metadata (its default `allowed_headers` and the manifest ones). */
const KEPT = ['content-disposition', 'content-encoding', 'content-language', 'cache-control', 'expires', 'x-robots-tag', 'x-delete-at', 'x-object-manifest'];

const MIME: Record<string, string> = {
  txt: 'text/plain', html: 'text/html', htm: 'text/html', json: 'application/json', xml: 'application/xml', csv: 'text/csv', png: 'image/png',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', pdf: 'application/pdf', tar: 'application/x-tar', zip: 'application/zip',
  js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml', iso: 'application/x-iso9660-image', qcow2: 'application/octet-stream',
};

/**
 * The content type Swift gives an object stored without one: guessed from the name's extension.
 *
 * @example
 * guessType('a/b.txt'); // 'text/plain'
 */
export function guessType(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && MIME[ext]) ?? 'application/octet-stream';
}

/**
 * The content type a PUT stores: the one sent, or the guess from the name when none was sent or when
 * `X-Detect-Content-Type: true` asks for the guess.
 *
 * @example
 * contentTypeOf(ctx, 'a.txt'); // 'text/plain' when the request sent none
 */
export function contentTypeOf(ctx: Ctx, name: string): string {
  const detect = /^(true|1|yes|on|t|y)$/i.test(one(ctx.headers, 'x-detect-content-type') ?? '');
  return (!detect && one(ctx.headers, 'content-type')) || guessType(name);
}

/**
 * An object's entry in its container's listing.
 *
 * @example
 * objectListing(object); // { bytes: 11, hash: '5eb6…', name: 'a/b.txt', content_type: 'text/plain', last_modified: '2026-…' }
 */
export function objectListing(object: ObjectRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    bytes: listedBytes(object), hash: object.etag, name: object.name, content_type: object.contentType, last_modified: listingTime(object.timestamp),
  };
  if (object.slo) entry.slo_etag = `"${sloEtagOf(object)}"`;
  if (object.symlink) entry.symlink_path = object.symlink;
  return entry;
}

/** MD5 of the segments' ETags, the ETag a static large object shows. */
export function sloEtagOf(object: ObjectRecord): string {
  return md5((object.slo ?? []).map((s) => (s.range ? `${s.etag}:${s.range};` : s.etag)).join(''));
}

/** The object of that name when it exists and has not expired. */
function liveObject(ctx: Ctx, container: ContainerRecord | undefined, name: string): ObjectRecord | undefined {
  const object = container?.objects.get(name);
  return object && !expired(object, ctx.now) ? object : undefined;
}

/** Whether an object with an `X-Delete-At` has passed it (it then answers 404, but stays listed, like the lab). */
export function expired(object: ObjectRecord, now: number): boolean {
  const at = object.extra.get('X-Delete-At');
  return at !== undefined && Number(at) * 1000 <= now;
}

/**
 * The headers of an object's GET and HEAD (without Content-Length, which depends on the range).
 *
 * @example
 * objectHeaders(object, content)['Etag']; // '5eb63bbbe01eeed093cb22bb8f5acdc3'
 */
export function objectHeaders(object: ObjectRecord, content: Content): Record<string, string> {
  const headers: Record<string, string> = { ...metaHeaders('object', object.meta), ...Object.fromEntries(object.extra) };
  if (object.slo) Object.assign(headers, { 'X-Static-Large-Object': 'True', 'X-Manifest-Etag': object.etag });
  Object.assign(headers, { Etag: content.etag, 'Last-Modified': lastModified(object.timestamp), 'X-Timestamp': xTimestamp(object.timestamp), 'Accept-Ranges': 'bytes' });
  return headers;
}

function getObject(ctx: Ctx, store: ObjectStore, account: AccountRecord, object: ObjectRecord): Reply {
  const manifestGet = ctx.query.get('multipart-manifest') === 'get';
  if (object.slo && manifestGet) return sloManifestGet(ctx, object, objectHeaders(object, { chunks: [], length: 0, etag: object.etag }));
  const content = manifestGet ? { chunks: [object.data], length: object.data.length, etag: object.etag } : readContent(ctx, store, account, object);
  if ('status' in content) return content;
  const headers = { 'Content-Type': object.contentType, ...objectHeaders(object, content) };
  const reply = conditional(ctx, object, headers, content.etag);
  if (reply) return reply;
  const ranges = parseRanges(one(ctx.headers, 'range'), content.length);
  if (!ranges) return { status: 200, contentType: null, headers, ...faulty(ctx, content) };
  if (ranges.length === 0) return { ...swiftError(416), contentType: null, headers: { ...headers, 'Content-Type': object.contentType, 'Content-Range': `bytes */${content.length}` } };
  if (ranges.length === 1) {
    const r = ranges[0] as Range;
    return { status: 206, contentType: null, headers: { ...headers, 'Content-Range': `bytes ${r.first}-${r.last}/${content.length}` }, chunks: sliceChunks(content.chunks, r.first, r.last) };
  }
  const boundary = md5(`${object.name}${object.timestamp}${ctx.requestId}`);
  const chunks: Buffer[] = [];
  for (const r of ranges) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${object.contentType}\r\nContent-Range: bytes ${r.first}-${r.last}/${content.length}\r\n\r\n`));
    chunks.push(...sliceChunks(content.chunks, r.first, r.last), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--`));
  return { status: 206, contentType: null, headers: { ...headers, 'Content-Type': `multipart/byteranges;boundary=${boundary}` }, chunks };
}

/** The expiry an `X-Delete-At`/`X-Delete-After` asks for, or a 400. */
function deleteAt(ctx: Ctx): string | Reply | undefined {
  const after = one(ctx.headers, 'x-delete-after');
  const at = one(ctx.headers, 'x-delete-at');
  if (after !== undefined) {
    if (!/^\d+$/.test(after.trim())) return swiftError(400, 'Non-integer X-Delete-After');
    return String(Math.floor(ctx.now / 1000) + Number(after));
  }
  if (at !== undefined) {
    if (!/^\d+$/.test(at.trim())) return swiftError(400, 'Non-integer X-Delete-At');
    if (Number(at) * 1000 <= ctx.now) return swiftError(400, 'X-Delete-At in past');
    return at.trim();
  }
  return undefined;
}

/** Kept headers and metadata of a PUT or POST, checked; a 400 reply or the two maps. */
function headersOf(ctx: Ctx): { meta: Map<string, string>; extra: Map<string, string> } | Reply {
  const meta = new Map([...requestedMeta(ctx, 'object')].filter(([, v]) => v !== ''));
  const error = checkMeta('object', meta, swiftLimits(ctx.core));
  if (error) return error;
  const extra = new Map<string, string>();
  for (const name of KEPT) {
    const value = one(ctx.headers, name);
    if (value !== undefined && name !== 'x-delete-at') extra.set(titleCase(name), value);
  }
  const at = deleteAt(ctx);
  if (typeof at === 'object') return at;
  if (at !== undefined) extra.set('X-Delete-At', at);
  return { meta, extra };
}

/**
 * Splits a URL-encoded `/container/object` or `container/object` (X-Copy-From, Destination).
 *
 * @example
 * splitPath('/c1/a%20b'); // { container: 'c1', object: 'a b' }
 */
export function splitPath(value: string): { container: string; object: string } | undefined {
  try {
    return splitRaw(decodeURIComponent(value));
  } catch {
    return undefined;
  }
}

/**
 * Splits a plain (not encoded) `/container/object`, as SLO manifests name their segments.
 *
 * @example
 * splitRaw('/c1/100%/seg'); // { container: 'c1', object: '100%/seg' }
 */
export function splitRaw(value: string): { container: string; object: string } | undefined {
  const path = value.replace(/^\//, '');
  const cut = path.indexOf('/');
  if (cut <= 0 || cut === path.length - 1) return undefined;
  return { container: path.slice(0, cut), object: path.slice(cut + 1) };
}

/** 413 when storing `size` more bytes (one more object) would pass a container quota or the account's. */
function quotaExceeded(account: AccountRecord, container: ContainerRecord, size: number): Reply | undefined {
  const accountQuota = account.meta.get('quota-bytes');
  if (accountQuota !== undefined && accountUsage(account).bytes + size > Number(accountQuota)) return swiftError(413, 'Upload exceeds quota.');
  const u = usage(container);
  const bytes = container.meta.get('quota-bytes');
  const count = container.meta.get('quota-count');
  if (bytes !== undefined && u.bytes + size > Number(bytes)) return swiftError(413, 'Upload exceeds quota.');
  if (count !== undefined && u.count + 1 > Number(count)) return swiftError(413, 'Upload exceeds quota.');
  return undefined;
}

/** Stores `object` (checking size and quotas) and answers 201. */
export function storeObject(ctx: Ctx, store: ObjectStore, account: AccountRecord, container: ContainerRecord, object: ObjectRecord, extraHeaders: Record<string, string> = {}): Reply {
  const limits = swiftLimits(ctx.core);
  if (object.data.length > limits.maxFileSize) return swiftError(413, 'Your request is too large.');
  const quota = quotaExceeded(account, container, object.data.length);
  if (quota) return quota;
  object.timestamp = store.stamp(ctx.now);
  container.objects.set(object.name, object);
  const etag = object.slo ? `"${sloEtagOf(object)}"` : object.etag;
  return { status: 201, contentType: HTML, headers: { ...extraHeaders, Etag: etag, 'Last-Modified': lastModified(object.timestamp) } };
}

/** The server-side copy of `source` into `target` (PUT with X-Copy-From, or COPY). */
function copyObject(ctx: Ctx, store: ObjectStore, account: AccountRecord, from: { container: string; object: string }, to: ContainerRecord, name: string): Reply {
  let source = liveObject(ctx, account.containers.get(from.container), from.object);
  if (!source) return swiftError(404);
  if (source.symlink && ctx.query.get('symlink') !== 'get') {
    // A copy of a link copies what it points at (`?symlink=get` copies the link).
    const end = followSymlink(ctx, account, source, (c, n) => liveObject(ctx, c, n));
    if ('status' in end) return end;
    source = end.object;
  }
  const asked = headersOf(ctx);
  if ('status' in asked) return asked;
  const fresh = /^(true|1|yes|on|t|y)$/i.test(one(ctx.headers, 'x-fresh-metadata') ?? '');
  const meta = new Map(fresh ? [] : source.meta);
  for (const [k, v] of asked.meta) meta.set(k, v);
  const extra = new Map([...source.extra].filter(([k]) => k !== 'X-Delete-At' && k !== 'X-Object-Manifest'));
  for (const [k, v] of asked.extra) extra.set(k, v);
  const keepManifest = ctx.query.get('multipart-manifest') === 'get';
  let object: ObjectRecord;
  if (keepManifest || (!source.slo && !source.dlo)) {
    object = { ...source, name, meta, extra };
    if (keepManifest && source.dlo) extra.set('X-Object-Manifest', source.dlo);
  } else {
    const content = readContent(ctx, store, account, source);
    if ('status' in content) return content;
    const data = content.chunks.length === 1 ? (content.chunks[0] as Buffer) : Buffer.concat(content.chunks);
    object = { name, data, etag: md5(data), contentType: source.contentType, meta, extra, timestamp: 0 };
  }
  const contentType = one(ctx.headers, 'content-type');
  if (contentType && ctx.method === 'COPY') object.contentType = contentType;
  const copiedFrom = [from.container, ...from.object.split('/')].map(encodeURIComponent).join('/');
  return storeObject(ctx, store, account, to, object, {
    'X-Copied-From-Account': account.name, 'X-Copied-From': copiedFrom, 'X-Copied-From-Last-Modified': lastModified(source.timestamp), ...metaHeaders('object', object.meta),
  });
}

function putObject(ctx: Ctx, store: ObjectStore, account: AccountRecord, container: ContainerRecord, name: string): Reply {
  const limits = swiftLimits(ctx.core);
  const declared = Number(one(ctx.headers, 'content-length') ?? ctx.raw.length);
  if (declared > limits.maxFileSize || ctx.raw.length > limits.maxFileSize) return swiftError(413, 'Your request is too large.');
  const existing = container.objects.get(name);
  if (one(ctx.headers, 'if-none-match') === '*' && existing && !expired(existing, ctx.now)) return swiftError(412);
  const copyFrom = one(ctx.headers, 'x-copy-from');
  if (copyFrom !== undefined) {
    const from = splitPath(copyFrom);
    if (!from) return swiftError(412, 'X-Copy-From header must be of the form <container name>/<object name>');
    return copyObject(ctx, store, account, from, container, name);
  }
  if (symlinkRequested(ctx)) {
    const link = symlinkObject(ctx, account, name);
    return 'status' in link ? link : storeObject(ctx, store, account, container, link);
  }
  const manifest = ctx.query.get('multipart-manifest') === 'put';
  if (ctx.core.shouldFail(manifest ? 'manifest.put' : 'object.put')) return swiftError(503);
  if (manifest) return sloPut(ctx, store, account, container, name);
  const asked = headersOf(ctx);
  if ('status' in asked) return asked;
  const etag = md5(ctx.raw);
  const sent = one(ctx.headers, 'etag');
  if (sent !== undefined && stripQuotes(sent).toLowerCase() !== etag) return swiftError(422, undefined, { 'Last-Modified': lastModified(ctx.now) });
  const object: ObjectRecord = {
    name, data: ctx.raw, etag, contentType: contentTypeOf(ctx, name), meta: asked.meta, extra: asked.extra, timestamp: 0,
  };
  const dlo = asked.extra.get('X-Object-Manifest');
  if (dlo !== undefined) object.dlo = dlo;
  return storeObject(ctx, store, account, container, object);
}

function postObject(ctx: Ctx, store: ObjectStore, container: ContainerRecord, object: ObjectRecord): Reply {
  const asked = headersOf(ctx);
  if ('status' in asked) return asked;
  object.meta = asked.meta;
  const manifest = object.extra.get('X-Object-Manifest');
  object.extra = asked.extra;
  if (manifest !== undefined && !asked.extra.has('X-Object-Manifest')) object.extra.set('X-Object-Manifest', manifest);
  object.dlo = object.extra.get('X-Object-Manifest');
  if (object.dlo === undefined) delete object.dlo;
  const contentType = one(ctx.headers, 'content-type');
  if (contentType) object.contentType = contentType;
  object.timestamp = store.stamp(ctx.now);
  return { status: 202, raw: '<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>', contentType: HTML };
}

/**
 * A request on `/v1/<account>/<container>/<object>` (authorization already checked).
 *
 * @example
 * handleObject(ctx, store, account, container, 'a/b.txt');
 */
export function handleObject(ctx: Ctx, store: ObjectStore, account: AccountRecord, container: ContainerRecord | undefined, name: string): Reply {
  if (Buffer.byteLength(name) > swiftLimits(ctx.core).maxObjectNameLength) {
    return plainError(400, `Object name length of ${Buffer.byteLength(name)} longer than ${swiftLimits(ctx.core).maxObjectNameLength}`);
  }
  if (!container) return swiftError(404);
  if (ctx.method === 'PUT') return putObject(ctx, store, account, container, name);
  const object = container.objects.get(name);
  const live = object && !expired(object, ctx.now) ? object : undefined;
  switch (ctx.method) {
    case 'GET':
    case 'HEAD': {
      if (!live) return swiftError(404);
      if (!live.symlink || ctx.query.get('symlink') === 'get') return getObject(ctx, store, account, live);
      const end = followSymlink(ctx, account, live, (c, n) => liveObject(ctx, c, n));
      return 'status' in end ? end : withLocation(getObject(ctx, store, account, end.object), end.location);
    }
    case 'POST':
      return live ? postObject(ctx, store, container, live) : swiftError(404);
    case 'DELETE':
      if (!live) return swiftError(404);
      if (live.slo && ctx.query.get('multipart-manifest') === 'delete') return sloDelete(ctx, store, account, container, live);
      container.objects.delete(name);
      return { status: 204, contentType: HTML };
    case 'COPY': {
      const destination = splitPath(one(ctx.headers, 'destination') ?? '');
      if (!destination) return swiftError(412, 'Destination header must be of the form <container name>/<object name>');
      if (!live) return swiftError(404);
      const target = account.containers.get(destination.container);
      if (!target) return swiftError(404);
      return copyObject(ctx, store, account, { container: container.name, object: name }, target, destination.object);
    }
    default:
      return swiftError(405, undefined, { Allow: 'COPY, DELETE, GET, HEAD, POST, PUT' });
  }
}
