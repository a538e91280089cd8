/**
 * Downloading an object to a file or a stream, never whole in memory, its bytes checked on the way: a plain
 * object against its ETag (the MD5 of its content); a large object segment by segment against its manifest
 * (SLO: the manifest's ETags; DLO: the listed segments'). To a file, a large object's segments are fetched
 * several at a time, each written at its offset. A `range` reads part of an object (not checked: the ETag
 * covers the whole).
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Operation } from '../cloud/operation.js';
import { ChecksumMismatchError } from '../errors/index.js';
import type { StreamResponse } from '../http/service-client.js';
import { walkListing } from './listing.js';
import { checkContainerName, checkObjectName, objectPath } from './names.js';
import { objectFromHeaders, type ObjectInfo } from './objects.js';
import { dataTimeoutMs, inParallel } from './segments.js';
import type { ObjectStore } from './store.js';

/** Options of `downloadObject`: a `path` to write, or a `stream` to write to. */
export interface DownloadObjectOptions {
  /** A file to write (written beside it as `<path>.part`, renamed when complete and checked). */
  path?: string;
  /** A stream to write to (left open). */
  stream?: Writable;
  /** Part of the object: bytes `start` to `end` inclusive (`end` omitted: to the end). */
  range?: { start: number; end?: number };
  /** Segments of a large object fetched at once when writing a file (default 6). */
  concurrency?: number;
  /** Check the bytes against the ETag / manifest (default true). */
  verify?: boolean;
  signal?: AbortSignal;
}

/** What a download fetched. */
export interface DownloadResult {
  object: ObjectInfo;
  /** Bytes written. */
  bytes: number;
  /** How the bytes were checked: `md5` (the ETag), `segments` (each segment against the manifest), or not. */
  verified: 'md5' | 'segments' | 'none';
}

/** A segment of a large object as its manifest (or listing) gives it. */
interface ManifestSegment {
  /** `container/object` of the segment. */
  path: string;
  bytes: number;
  etag: string;
}

/**
 * Downloads an object. The Operation reports `bytes`/`totalBytes`.
 *
 * @example
 * const { bytes, verified } = await downloadObject(store, 'backups', 'db.tar', { path: './db.tar' });
 */
export function downloadObject(store: ObjectStore, container: string, name: string, options: DownloadObjectOptions): Operation<DownloadResult, { container: string; name: string }> {
  return new Operation(async (control) => {
    const info = await store.info(options.signal);
    checkContainerName(container, info.maxContainerNameLength);
    checkObjectName(name, info.maxObjectNameLength);
    if ((options.path === undefined) === (options.stream === undefined)) throw new TypeError('downloadObject needs exactly one of path or stream');
    const signal = options.signal;
    const verify = options.verify !== false && !options.range;
    const path = objectPath(container, name);
    const rangeHeader = options.range ? { Range: `bytes=${options.range.start}-${options.range.end ?? ''}` } : undefined;
    const response = await streamGet(store, path, rangeHeader, signal);
    control.accept({ container, name });
    const object = objectFromHeaders(container, name, response.headers);
    const total = response.length ?? object.bytes;
    const progress = (bytes: number) => control.progress({ step: 'download', bytes, totalBytes: total });
    progress(0);

    let segments: ManifestSegment[] | undefined;
    if (verify && object.largeObject) {
      segments = await manifestSegments(store, container, name, object, signal);
      // An SLO whose manifest has ranges or nested manifests cannot be checked segment by segment: read it whole.
      if (segments && segments.length > 1 && options.path && (options.concurrency ?? 6) > 1) {
        await response.body.cancel().catch(() => undefined);
        const bytes = await parallelToFile(store, segments, options.path, options.concurrency ?? 6, signal, progress);
        return { object, bytes, verified: 'segments' };
      }
    }
    const checker = !verify ? undefined : segments ? new SegmentChecker(segments, `object "${name}"`) : object.largeObject ? undefined : new WholeChecker(object.etag, `object "${name}"`);
    const bytes = await writeBody(response, options, (chunk) => checker?.update(chunk), progress, () => checker?.finish());
    return { object, bytes, verified: checker instanceof SegmentChecker ? 'segments' : checker ? 'md5' : 'none' };
  });
}

function streamGet(store: ObjectStore, path: string, headers: Record<string, string> | undefined, signal?: AbortSignal, searchParams?: Record<string, string>): Promise<StreamResponse> {
  return store.client(signal).then((client) => client.requestStream('GET', path, { ...(headers ? { headers } : {}), ...(searchParams ? { searchParams } : {}), signal }));
}

/** A large object's segments: the SLO manifest, or the DLO's listed segments; `undefined` when they cannot be had. */
async function manifestSegments(store: ObjectStore, container: string, name: string, object: ObjectInfo, signal?: AbortSignal): Promise<ManifestSegment[] | undefined> {
  if (object.largeObject === 'slo') {
    const { body } = await store.request<Array<{ name: string; hash: string; bytes: number; range?: string; sub_slo?: boolean }>>('GET', objectPath(container, name), { searchParams: { 'multipart-manifest': 'get' }, signal });
    if (!Array.isArray(body) || body.some((s) => s.range || s.sub_slo)) return undefined;
    return body.map((s) => ({ path: s.name.replace(/^\//, ''), bytes: s.bytes, etag: s.hash }));
  }
  if (object.largeObject === 'dlo' && object.manifest) {
    const slash = object.manifest.indexOf('/');
    if (slash <= 0) return undefined;
    const segContainer = object.manifest.slice(0, slash);
    const prefix = object.manifest.slice(slash + 1);
    const out: ManifestSegment[] = [];
    for await (const s of walkListing<{ name: string; hash: string; bytes: number }>(store, objectPath(segContainer), { prefix, signal })) {
      out.push({ path: `${segContainer}/${s.name}`, bytes: s.bytes, etag: s.hash });
    }
    return out;
  }
  return undefined;
}

/** Writes a streamed body to the file (via `<path>.part`, renamed once `check` passed) or the stream, passing each chunk to `inspect`. */
async function writeBody(response: StreamResponse, options: DownloadObjectOptions, inspect: (chunk: Uint8Array) => void, progress: (bytes: number) => void, check: () => void): Promise<number> {
  let bytes = 0;
  let reported = 0;
  const out = options.stream ?? createWriteStream(`${options.path}.part`);
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      inspect(chunk);
      bytes += chunk.byteLength;
      if (!out.write(chunk)) await once(out, 'drain');
      if (bytes - reported >= 1024 * 1024) {
        reported = bytes;
        progress(bytes);
      }
    }
    if (!options.stream) {
      out.end();
      await once(out, 'finish');
    }
    // Checked before the file takes its name: a corrupt download leaves nothing behind.
    check();
  } catch (error) {
    if (!options.stream) {
      out.destroy();
      await rm(`${options.path}.part`, { force: true });
    }
    throw error;
  }
  progress(bytes);
  if (options.path) await rename(`${options.path}.part`, options.path);
  return bytes;
}

/** Fetches each segment straight from its container, several at once, into its place in the file; each is checked. */
async function parallelToFile(store: ObjectStore, segments: ManifestSegment[], path: string, concurrency: number, signal: AbortSignal | undefined, progress: (bytes: number) => void): Promise<number> {
  const part = `${path}.part`;
  const file = await open(part, 'w');
  let bytes = 0;
  try {
    const offsets: number[] = [];
    let offset = 0;
    for (const s of segments) {
      offsets.push(offset);
      offset += s.bytes;
    }
    await file.truncate(offset);
    const indexed = segments.map((s, i) => ({ ...s, index: i, offset: offsets[i] as number }));
    await inParallel(indexed, concurrency, async (segment) => {
      const slash = segment.path.indexOf('/');
      const response = await store.client(signal).then((client) =>
        client.requestStream('GET', objectPath(segment.path.slice(0, slash), segment.path.slice(slash + 1)), { signal, timeoutMs: dataTimeoutMs(0) }),
      );
      const checker = new WholeChecker(segment.etag, `segment ${segment.index + 1} of ${segments.length} (${segment.path})`);
      let at = segment.offset;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        checker.update(chunk);
        await file.write(chunk, 0, chunk.byteLength, at);
        at += chunk.byteLength;
        bytes += chunk.byteLength;
        progress(bytes);
      }
      checker.finish();
    });
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(part, { force: true });
    throw error;
  }
  await rename(part, path);
  return bytes;
}

/** Checks the MD5 of everything passed against an ETag. */
class WholeChecker {
  private readonly hash: Hash = createHash('md5');
  private bytes = 0;
  constructor(
    private readonly etag: string | undefined,
    private readonly what: string,
  ) {}
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.bytes += chunk.byteLength;
  }
  finish(): void {
    const actual = this.hash.digest('hex');
    if (this.etag && this.etag !== actual) throw new ChecksumMismatchError({ resource: this.what, algorithm: 'md5', expected: this.etag, actual, bytes: this.bytes });
  }
}

/** Checks a stream segment by segment: the MD5 of each segment's bytes against the manifest's ETag. */
class SegmentChecker {
  private index = 0;
  private left: number;
  private hash: Hash = createHash('md5');
  private bytes = 0;
  constructor(
    private readonly segments: ManifestSegment[],
    private readonly what: string,
  ) {
    this.left = segments[0]?.bytes ?? 0;
  }
  update(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    let rest = chunk;
    while (rest.byteLength > 0) {
      const take = Math.min(this.left, rest.byteLength);
      this.hash.update(rest.subarray(0, take));
      rest = rest.subarray(take);
      this.left -= take;
      if (this.left === 0) this.close();
      if (this.index >= this.segments.length && rest.byteLength > 0) throw new ChecksumMismatchError({ resource: this.what, algorithm: 'length', expected: 'the manifest’s length', actual: 'more bytes than the manifest lists', bytes: this.bytes });
    }
  }
  private close(): void {
    const segment = this.segments[this.index];
    if (!segment) return;
    const actual = this.hash.digest('hex');
    if (actual !== segment.etag) throw new ChecksumMismatchError({ resource: `${this.what}, segment ${this.index + 1} (${segment.path})`, algorithm: 'md5', expected: segment.etag, actual, bytes: this.bytes });
    this.index++;
    this.hash = createHash('md5');
    this.left = this.segments[this.index]?.bytes ?? 0;
    // Zero-byte segments close at once.
    if (this.index < this.segments.length && this.left === 0) this.close();
  }
  finish(): void {
    if (this.index < this.segments.length) throw new ChecksumMismatchError({ resource: this.what, algorithm: 'length', expected: `${this.segments.length} segments`, actual: `the body ended in segment ${this.index + 1}`, bytes: this.bytes });
  }
}
