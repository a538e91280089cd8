/**
 * Segments of a large object: how they are named (so an interrupted upload finds them again), sized, stored
 * (streamed, hashed on the way, ETag checked) and listed.
 *
 * Naming: `<segment container>/<object name>/canopy-segments/<size>-<mtime ms>-<segment size>/<index, 8 digits>`,
 * the segment container being `<container>_segments` (the convention of the swift CLI and openstacksdk). The same
 * file (same size and modification time) uploaded with the same segment size gets the same names, so a second
 * upload after a crash lists what is stored, hashes the matching ranges of the file, and sends only the segments
 * that are missing or differ. Buffers and streams have no modification time: their uploads get a fresh
 * `<size>-t<time>-<segment size>` prefix and are not resumable.
 */
import { createHash } from 'node:crypto';
import { ChecksumMismatchError } from '../errors/index.js';
import { walkListing } from './listing.js';
import { objectPath } from './names.js';
import { hashing, type RangeSource } from './sources.js';
import type { SwiftInfo } from './info.js';
import type { ObjectStore } from './store.js';

/** Default segment size: 64 MiB (raised so the count fits the cluster's manifest limit, capped by `max_file_size`). */
export const DEFAULT_SEGMENT_SIZE = 64 * 1024 * 1024;

/** One segment to store. */
export interface SegmentPlan {
  index: number;
  start: number;
  length: number;
  /** Object name in the segment container. */
  name: string;
}

/** A stored segment: what the manifest lists. */
export interface StoredSegment {
  name: string;
  etag: string;
  bytes: number;
}

/**
 * The segment size an upload uses: the caller's, else 64 MiB; at least the cluster's SLO minimum, at most its
 * `max_file_size`, and large enough that the count fits `slo.max_manifest_segments`.
 *
 * @example
 * segmentSizeFor(info, 200 * 2 ** 20, undefined) // 67108864
 */
export function segmentSizeFor(info: SwiftInfo, size: number, asked: number | undefined, slo: boolean): number {
  let segment = asked ?? DEFAULT_SEGMENT_SIZE;
  if (slo && info.slo) {
    segment = Math.max(segment, info.slo.minSegmentSize);
    if (asked === undefined) segment = Math.max(segment, Math.ceil(size / info.slo.maxManifestSegments));
  }
  return Math.max(1, Math.min(segment, info.maxFileSize));
}

/**
 * The prefix of an upload's segment names (see the file comment).
 *
 * @example
 * segmentPrefix('db.tar', source, 1 << 26) // 'db.tar/canopy-segments/209715200-1764912000000-67108864'
 */
export function segmentPrefix(name: string, source: { size: number; mtimeMs?: number }, segmentSize: number): string {
  const stamp = source.mtimeMs !== undefined ? String(source.mtimeMs) : `t${Date.now()}`;
  return `${name}/canopy-segments/${source.size}-${stamp}-${segmentSize}`;
}

/**
 * The segments of a source of known size.
 *
 * @example
 * planSegments('p', 10, 4).map((s) => s.length) // [4, 4, 2]
 */
export function planSegments(prefix: string, size: number, segmentSize: number): SegmentPlan[] {
  const count = Math.max(1, Math.ceil(size / segmentSize));
  return Array.from({ length: count }, (_, index) => {
    const start = index * segmentSize;
    return { index, start, length: Math.min(segmentSize, size - start), name: segmentName(prefix, index) };
  });
}

/** The name of segment `index` under `prefix`. */
export function segmentName(prefix: string, index: number): string {
  return `${prefix}/${String(index).padStart(8, '0')}`;
}

/**
 * The segments already stored under a prefix, by name (one listing walk); `undefined` when the container does not
 * exist.
 *
 * @example
 * const stored = await storedSegments(store, 'c_segments', prefix);
 */
export async function storedSegments(store: ObjectStore, container: string, prefix: string, signal?: AbortSignal): Promise<Map<string, StoredSegment> | undefined> {
  const out = new Map<string, StoredSegment>();
  try {
    for await (const entry of walkListing<{ name: string; hash: string; bytes: number }>(store, objectPath(container), { prefix: `${prefix}/`, signal })) {
      out.set(entry.name, { name: entry.name, etag: entry.hash, bytes: entry.bytes });
    }
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  return out;
}

/**
 * Makes sure the segment container exists, creating it only when it is missing: a read (the listing of what an
 * earlier attempt stored under the prefix, or a HEAD when that is not wanted) says whether it exists, and only a
 * 404 leads to the PUT — on Swift a container PUT is much slower than a read (it updates the account), and a
 * repeated upload to the same container never needs it. Returns the segments stored under the prefix (empty when
 * not asked for, or when the container was just made). `ready`, when given, is called and awaited (its failure
 * thrown) before the container is created: nothing is made for an upload whose own container turns out to be missing.
 *
 * @example
 * const already = await prepareSegmentContainer(store, 'backups_segments', prefix, true);
 */
export async function prepareSegmentContainer(store: ObjectStore, container: string, prefix: string, listStored: boolean, signal?: AbortSignal, ready?: () => Promise<void>): Promise<Map<string, StoredSegment>> {
  const what = `segment container "${container}"`;
  if (listStored) {
    const stored = await storedSegments(store, container, prefix, signal);
    if (stored) return stored;
  } else {
    try {
      await store.request('HEAD', objectPath(container), { signal, what });
      return new Map();
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  await ready?.();
  await store.request('PUT', objectPath(container), { signal, what });
  return new Map();
}

/** How long one data request may take: a minute, or longer for big bodies (1 MiB/s at the slowest). */
export function dataTimeoutMs(bytes: number, configured?: number): number {
  return Math.max(configured ?? 60_000, Math.ceil(bytes / (1024 * 1024)) * 1000);
}

/**
 * Stores one piece of data as an object, streamed and hashed on the way; the cloud's ETag must equal the MD5 of
 * what was sent (one more try on a mismatch, then a {@link ChecksumMismatchError}). Returns the MD5.
 *
 * @example
 * const etag = await putHashed(store, '/c_segments/big/…/00000000', () => source.open(0, n), n, { what: 'segment 0 of "big"' });
 */
export async function putHashed(
  store: ObjectStore,
  path: string,
  open: () => AsyncIterable<Uint8Array>,
  length: number | undefined,
  options: { what: string; headers?: Record<string, string>; signal?: AbortSignal; onBytes?: (sent: number) => void; repeatable?: boolean; timeoutMs?: number },
): Promise<string> {
  let lastMismatch: { expected: string; actual: string } | undefined;
  for (let attempt = 0; attempt < (options.repeatable === false ? 1 : 2); attempt++) {
    let hash = createHash('md5');
    const source = () => {
      hash = createHash('md5');
      return hashing(open(), hash);
    };
    const response = await store.request('PUT', path, {
      headers: options.headers,
      stream: { source: options.repeatable === false ? source() : source, ...(length !== undefined ? { length } : {}), ...(options.onBytes ? { onBytes: options.onBytes } : {}) },
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? dataTimeoutMs(length ?? 0),
      what: options.what,
    });
    const md5 = hash.digest('hex');
    const etag = response.headers.get('etag')?.replace(/^"|"$/g, '');
    if (!etag || etag === md5) return md5;
    lastMismatch = { expected: etag, actual: md5 };
    store.logger.warn('ETag mismatch, sending again', { what: options.what, etag, md5 });
  }
  throw new ChecksumMismatchError({ resource: options.what, algorithm: 'md5', ...(lastMismatch as { expected: string; actual: string }), bytes: length ?? 0 });
}

/**
 * Runs `work` over `items` with at most `concurrency` at a time; the first failure stops new work and is thrown
 * once the running ones settle.
 *
 * @example
 * await inParallel(segments, 4, (s) => upload(s));
 */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure) throw failure.error;
}

/** The bytes of a {@link RangeSource} segment, for `putHashed`. */
export function opener(source: RangeSource, segment: { start: number; length: number }): () => AsyncIterable<Uint8Array> {
  return () => source.open(segment.start, segment.length);
}
