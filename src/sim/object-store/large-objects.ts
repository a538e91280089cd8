/**
 * Large objects. A DLO is any object with `X-Object-Manifest: <container>/<prefix>`: its GET concatenates the
 * objects under that prefix in name order, its ETag is the quoted MD5 of their ETags. An SLO is written with
 * `PUT ?multipart-manifest=put` and a JSON list of `{path, etag, size_bytes[, range]}`: every segment must exist
 * with that ETag and size and, but the last, be at least `min_segment_size` — else 400 listing each problem; its
 * GET concatenates the segments, `?multipart-manifest=get` shows the stored manifest (`&format=raw` the form it
 * was put in), `DELETE ?multipart-manifest=delete` removes the segments with it (a bulk-delete answer).
 *
 * @example
 * const content = readContent(ctx, store, account, object); // { chunks, length, etag } or a Reply
 */
import type { Ctx, Reply } from '../core.js';
import { bulkReply, type BulkOutcome, deletePath } from './bulk.js';
import { swiftLimits } from './info.js';
import { pyJson } from './listing.js';
import { contentTypeOf, expired, sloEtagOf, splitRaw, storeObject } from './objects.js';
import { sliceChunks } from './reads.js';
import { listingTime, plainError, swiftError } from './replies.js';
import { type AccountRecord, type ContainerRecord, md5, type ObjectRecord, type ObjectStore, segmentLength, type SloSegment } from './store.js';

/** An object's bytes as the pieces they are stored in, with the ETag its GET shows. */
export interface Content {
  chunks: Buffer[];
  length: number;
  etag: string;
}

const DEPTH_LIMIT = 10;

/**
 * The bytes a GET of `object` sends: its data, a DLO's segments, or an SLO's (409 when a segment is gone or changed).
 *
 * @example
 * readContent(ctx, store, account, object);
 */
export function readContent(ctx: Ctx, store: ObjectStore, account: AccountRecord, object: ObjectRecord, depth = 0): Content | Reply {
  if (object.slo) {
    if (depth > DEPTH_LIMIT) return swiftError(409);
    const chunks: Buffer[] = [];
    for (const segment of object.slo) {
      const where = splitRaw(segment.path);
      const found = where ? account.containers.get(where.container)?.objects.get(where.object) : undefined;
      if (!found || expired(found, ctx.now)) return swiftError(409);
      const inner = readContent(ctx, store, account, found, depth + 1);
      if ('status' in inner) return inner;
      const etag = found.slo ? sloEtagOf(found) : found.etag;
      if (etag !== segment.etag) return swiftError(409);
      if (segment.range) {
        const [first, last] = segment.range.split('-').map(Number);
        chunks.push(...sliceChunks(inner.chunks, first ?? 0, last ?? 0));
      } else chunks.push(...inner.chunks);
    }
    return { chunks, length: chunks.reduce((sum, c) => sum + c.length, 0), etag: `"${sloEtagOf(object)}"` };
  }
  if (object.dlo !== undefined && depth === 0) {
    const where = decodeURIComponent(object.dlo);
    const cut = where.indexOf('/');
    const containerName = cut < 0 ? where : where.slice(0, cut);
    const prefix = cut < 0 ? '' : where.slice(cut + 1);
    const container = account.containers.get(containerName);
    const names = [...(container?.objects.keys() ?? [])].filter((n) => n.startsWith(prefix)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const chunks: Buffer[] = [];
    const etags: string[] = [];
    for (const name of names) {
      const part = container?.objects.get(name);
      if (!part || expired(part, ctx.now)) continue;
      chunks.push(part.data);
      etags.push(part.etag);
    }
    return { chunks, length: chunks.reduce((sum, c) => sum + c.length, 0), etag: `"${md5(etags.join(''))}"` };
  }
  return { chunks: [object.data], length: object.data.length, etag: object.etag };
}

/** The stored form of a manifest (what `?multipart-manifest=get` shows). */
function storedManifest(segments: SloSegment[]): Array<Record<string, unknown>> {
  return segments.map((s) => ({ name: s.path, bytes: s.bytes, hash: s.etag, content_type: s.contentType, last_modified: s.lastModified, ...(s.range ? { range: s.range } : {}) }));
}

/**
 * `PUT ?multipart-manifest=put`: checks every segment and stores the manifest.
 *
 * @example
 * sloPut(ctx, store, account, container, 'big.bin');
 */
export function sloPut(ctx: Ctx, store: ObjectStore, account: AccountRecord, container: ContainerRecord, name: string): Reply {
  const limits = swiftLimits(ctx.core);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.raw.toString('utf8'));
  } catch {
    return swiftError(400, 'Manifest must be valid JSON.\n');
  }
  if (!Array.isArray(parsed)) return swiftError(400, 'Manifest must be a list.\n');
  if (parsed.length === 0) return swiftError(400, 'Manifest must have at least one segment.\n');
  if (parsed.length > limits.maxManifestSegments) return swiftError(413, `Too many segments; max is ${limits.maxManifestSegments}.\n`);
  const problems: string[] = [];
  // Swift reports missing segments and ETag mismatches as its HEADs come back, size mismatches after them.
  const sizeProblems: string[] = [];
  const segments: SloSegment[] = [];
  parsed.forEach((item: unknown, index) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    const extraneous = Object.keys(entry).filter((k) => !['path', 'etag', 'size_bytes', 'range'].includes(k));
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return problems.push(`Index ${index}: not a JSON object`);
    if (extraneous.length > 0) return problems.push(`Index ${index}: extraneous keys ${extraneous.map((k) => `"${k}"`).join(', ')}`);
    const path = typeof entry.path === 'string' ? entry.path : '';
    const where = splitRaw(path);
    if (!where) return problems.push(`Index ${index}: path does not refer to an object. Path must be of the form /container/object.`);
    const found = account.containers.get(where.container)?.objects.get(where.object);
    if (!found || expired(found, ctx.now)) return problems.push(`${path}, 404 Not Found`);
    const etag = found.slo ? sloEtagOf(found) : found.etag;
    const size = found.slo ? found.slo.reduce((sum, s) => sum + segmentLength(s), 0) : found.data.length;
    if (entry.size_bytes !== undefined && entry.size_bytes !== null && Number(entry.size_bytes) !== size) sizeProblems.push(`${path}, Size Mismatch`);
    if (typeof entry.etag === 'string' && entry.etag.replace(/^"|"$/g, '').toLowerCase() !== etag) problems.push(`${path}, Etag Mismatch`);
    let range: string | undefined;
    if (entry.range !== undefined) {
      const m = /^(\d*)-(\d*)$/.exec(String(entry.range));
      const first = m?.[1] ? Number(m[1]) : m?.[2] ? size - Number(m[2]) : 0;
      const last = m?.[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
      if (!m || first > last || first >= size) return problems.push(`Index ${index}: Unsatisfiable Range`);
      range = `${first}-${last}`;
    }
    const segment: SloSegment = { path: `/${where.container}/${where.object}`, etag, bytes: size, contentType: found.contentType, lastModified: listingTime(Math.ceil(found.timestamp / 1000) * 1000), ...(range ? { range } : {}) };
    if (index < parsed.length - 1 && segmentLength(segment) < limits.minSegmentSize) {
      problems.push(`Index ${index}: too small; each segment must be at least ${limits.minSegmentSize} byte${limits.minSegmentSize === 1 ? '' : 's'}.`);
    }
    segments.push(segment);
    return undefined;
  });
  problems.push(...sizeProblems);
  if (problems.length > 0) return plainError(400, `Errors:\n${problems.join('\n')}\n`);
  const data = Buffer.from(pyJson(storedManifest(segments)));
  const meta = new Map<string, string>();
  for (const [key, value] of Object.entries(ctx.headers)) {
    if (key.startsWith('x-object-meta-') && typeof value === 'string' && value) meta.set(key.slice('x-object-meta-'.length), value);
  }
  const object: ObjectRecord = {
    name, data, etag: md5(data), contentType: contentTypeOf(ctx, name), meta, extra: new Map(), timestamp: 0, slo: segments,
  };
  return storeObject(ctx, store, account, container, object);
}

/**
 * `GET ?multipart-manifest=get` of an SLO: the stored manifest (or, with `format=raw`, the put form).
 *
 * @example
 * sloManifestGet(ctx, object, headers);
 */
export function sloManifestGet(ctx: Ctx, object: ObjectRecord, headers: Record<string, string>): Reply {
  const segments = object.slo ?? [];
  if (ctx.query.get('format') === 'raw') {
    // The put form comes back under the object's own content type, with the MD5 of this text as its ETag.
    const raw = pyJson(segments.map((s) => ({ etag: s.etag, path: s.path, size_bytes: s.bytes, ...(s.range ? { range: s.range } : {}) })));
    return { status: 200, raw, contentType: object.contentType, headers: { ...withoutManifestEtag(headers), Etag: md5(raw) } };
  }
  return { status: 200, raw: object.data, contentType: 'application/json; charset=utf-8', headers: { ...withoutManifestEtag(headers), Etag: object.etag } };
}

function withoutManifestEtag(headers: Record<string, string>): Record<string, string> {
  const { 'X-Manifest-Etag': _drop, ...rest } = headers;
  return rest;
}

/**
 * `DELETE ?multipart-manifest=delete` of an SLO: its segments, then the manifest.
 *
 * @example
 * sloDelete(ctx, store, account, container, object);
 */
export function sloDelete(ctx: Ctx, store: ObjectStore, account: AccountRecord, container: ContainerRecord, object: ObjectRecord): Reply {
  const outcome: BulkOutcome = { deleted: 0, notFound: 0, errors: [] };
  for (const segment of object.slo ?? []) deletePath(ctx, store, account, segment.path, outcome);
  deletePath(ctx, store, account, `${container.name}/${object.name}`, outcome);
  return bulkReply(ctx, outcome);
}
