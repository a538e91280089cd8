/**
 * Uploading an object from a file, bytes in memory or a stream: one PUT when it is small, else a large object —
 * segments stored several at a time (each streamed from its range of the file and hashed on the way, its ETag
 * checked), the manifest last (SLO when the cluster has it, DLO on request or without SLO). An upload of a file
 * interrupted by a crash is resumed by uploading it again: the segments already stored are reused (see
 * segments.ts for how they are named). A failed large upload leaves its segments in place for that resumption;
 * `deleteObject` (which removes a manifest's segments) or `deleteObjectsWithPrefix` on the segment container
 * cleans them.
 */
import { Operation, type OperationControl } from '../cloud/operation.js';
import { InvalidInputError, NotFoundError } from '../errors/index.js';
import type { ByteSource } from '../http/service-client.js';
import { requireFeature, type SwiftInfo } from './info.js';
import { metadataHeaders } from './metadata.js';
import { checkContainerName, checkObjectName, objectPath } from './names.js';
import { findObject, type ObjectInfo } from './objects.js';
import { dataTimeoutMs, inParallel, opener, planSegments, putHashed, segmentName, segmentPrefix, segmentSizeFor, prepareSegmentContainer, type StoredSegment } from './segments.js';
import { bytesSource, fileSource, md5Of, pieces, type RangeSource } from './sources.js';
import type { ObjectStore } from './store.js';

/** How a large object is stored. */
export type LargeObjectMode = 'auto' | 'slo' | 'dlo' | 'none';

/** Options of `uploadObject`: exactly one of `path`, `data` or `stream`. */
export interface UploadObjectOptions {
  /** A file to upload (read by range: never whole in memory). */
  path?: string;
  /** Bytes (or text, sent as UTF-8). */
  data?: Uint8Array | string;
  /** A stream, read once in order (segments go one after the other; not resumable). */
  stream?: ByteSource;
  /** `Content-Type`; Swift guesses it from the name unless told. */
  contentType?: string;
  /** User metadata (`X-Object-Meta-*`). */
  metadata?: Record<string, string>;
  /** Seconds until Swift deletes the object (`X-Delete-After`). */
  deleteAfterSeconds?: number;
  /**
   * Segment size, bytes. Objects larger than it are stored as a large object. Default 64 MiB, at least the
   * cluster's SLO minimum, at most its `max_file_size`, raised so the count fits `slo.max_manifest_segments`.
   */
  segmentSize?: number;
  /**
   * `auto` (default): a large object above the segment size, SLO when the cluster has it, else DLO. `slo` /
   * `dlo`: always segmented that way (even a small object, as one segment). `none`: one PUT whatever the size
   * (an object over `max_file_size` is refused before sending).
   */
  largeObject?: LargeObjectMode;
  /** Segments sent at once (default 6). */
  concurrency?: number;
  /** Where segments go; `<container>_segments` unless told. */
  segmentContainer?: string;
  /** Reuse segments a previous upload of the same file stored (default true). */
  resume?: boolean;
  signal?: AbortSignal;
}

/** What an upload stored. */
export interface UploadResult extends ObjectInfo {
  /** Segments of a large object (0 for a plain object). */
  segments: number;
  /** Segments found stored by an earlier, interrupted upload and reused. */
  segmentsReused: number;
  /** Where the segments are, `container/prefix`, for a large object. */
  segmentPrefix?: string;
}

/** Default number of segments in flight. */
export const DEFAULT_UPLOAD_CONCURRENCY = 6;

/**
 * Uploads an object. The Operation reports `bytes`/`totalBytes` and `segments`/`totalSegments` as it goes.
 *
 * @example
 * const op = uploadObject(store, 'backups', 'db.tar', { path: './db.tar', segmentSize: 32 * 2 ** 20, concurrency: 6 });
 * op.onProgress((p) => console.log(p.bytes, '/', p.totalBytes));
 * const stored = await op;
 */
export function uploadObject(store: ObjectStore, container: string, name: string, options: UploadObjectOptions): Operation<UploadResult, { container: string; name: string }> {
  return new Operation(async (control) => {
    const info = await store.info(options.signal);
    checkContainerName(container, info.maxContainerNameLength);
    checkObjectName(name, info.maxObjectNameLength);
    const given = [options.path, options.data, options.stream].filter((x) => x !== undefined).length;
    if (given !== 1) throw new InvalidInputError({ what: `upload of "${name}"`, why: 'give exactly one of path, data or stream' });
    const source = options.path !== undefined ? await fileSource(options.path) : options.data !== undefined ? bytesSource(options.data) : undefined;
    control.accept({ container, name });
    const mode = options.largeObject ?? 'auto';
    if (mode === 'slo') requireFeature(info, 'slo', 'static large objects (SLO)');
    const headers = objectHeaders(options);
    if (!source) return uploadStream(store, info, container, name, options, headers, control);

    const useSlo = mode === 'slo' || (mode === 'auto' && Boolean(info.slo));
    const segmentSize = segmentSizeFor(info, source.size, options.segmentSize, useSlo);
    if (mode === 'none' || (mode === 'auto' && source.size <= segmentSize)) {
      if (source.size > info.maxFileSize) {
        throw new InvalidInputError({ what: `object "${name}" (${source.size} bytes)`, why: `it is larger than this cluster's max_file_size (${info.maxFileSize} bytes); upload it as a large object (largeObject 'auto', 'slo' or 'dlo')` });
      }
      const total = source.size;
      control.progress({ step: 'upload', bytes: 0, totalBytes: total });
      await putHashed(store, objectPath(container, name), () => source.open(0, total), total, {
        what: `object "${name}" in container "${container}"`,
        headers,
        signal: options.signal,
        onBytes: throttled((sent) => control.progress({ step: 'upload', bytes: sent, totalBytes: total })),
      }).catch((error: unknown) => explainMissingContainer(error, container));
      control.progress({ step: 'upload', bytes: total, totalBytes: total });
      return { ...(await stored(store, container, name, options.signal)), segments: 0, segmentsReused: 0 };
    }
    return uploadSegmented(store, container, name, source, { ...options, segmentSize }, useSlo ? 'slo' : 'dlo', headers, control);
  });
}

/** Content type, metadata and expiry headers of the object (or its manifest). */
function objectHeaders(options: UploadObjectOptions): Record<string, string> {
  const headers: Record<string, string> = metadataHeaders('Object', options.metadata);
  if (options.contentType) headers['Content-Type'] = options.contentType;
  else headers['X-Detect-Content-Type'] = 'true';
  if (options.deleteAfterSeconds !== undefined) headers['X-Delete-After'] = String(options.deleteAfterSeconds);
  return headers;
}

async function stored(store: ObjectStore, container: string, name: string, signal?: AbortSignal): Promise<ObjectInfo> {
  const found = await findObject(store, container, name, { signal });
  if (!found) throw new NotFoundError({ method: 'HEAD', url: objectPath(container, name), service: 'object-store' }, { message: `object "${name}" in container "${container}" is not there right after its upload` });
  return found;
}

/** Swift answers a PUT into a missing container with a bare 404 ("The resource could not be found"). */
const MISSING_CONTAINER = (container: string) => `container "${container}" does not exist: create it first (cloud.createContainer, \`canopy container create\`)`;

/** The upload's container check: run at most once however often it is called; `started` once it was. */
interface ContainerCheck {
  (): Promise<void>;
  started?: Promise<void>;
}

function containerCheck(store: ObjectStore, container: string, signal?: AbortSignal): ContainerCheck {
  const check: ContainerCheck = () => (check.started ??= requireContainer(store, container, signal));
  return check;
}

/** Throws a clear {@link NotFoundError} when the upload's container does not exist (checked before its manifest is written). */
async function requireContainer(store: ObjectStore, container: string, signal?: AbortSignal): Promise<void> {
  const response = await store.request('HEAD', objectPath(container), { signal, okStatuses: [404], what: `container "${container}"` });
  if (response.status !== 404) return;
  const details = { status: 404, method: 'HEAD', url: response.url, service: 'object-store', ...(response.requestId ? { requestId: response.requestId } : {}) };
  throw new NotFoundError(details, { message: `${MISSING_CONTAINER(container)}; the upload stopped before writing anything into it (${NotFoundError.describe(details)})` });
}

/** A 404 from an object PUT means its container is missing: say so, keeping the exchange's details. Anything else is thrown as it is. */
function explainMissingContainer(error: unknown, container: string): never {
  if (!(error instanceof NotFoundError)) throw error;
  throw new NotFoundError(error, { cause: error, message: `${MISSING_CONTAINER(container)} (${error.message})` });
}

/** Calls `report` at most once per MiB of progress (and always for the last call of a transfer). */
function throttled(report: (bytes: number) => void, stepBytes = 1024 * 1024): (bytes: number) => void {
  let last = -Infinity;
  return (bytes) => {
    if (bytes - last < stepBytes) return;
    last = bytes;
    report(bytes);
  };
}

type Control = OperationControl<{ container: string; name: string }>;

async function uploadSegmented(
  store: ObjectStore,
  container: string,
  name: string,
  source: RangeSource,
  options: UploadObjectOptions & { segmentSize: number },
  kind: 'slo' | 'dlo',
  headers: Record<string, string>,
  control: Control,
): Promise<UploadResult> {
  const segmentContainer = options.segmentContainer ?? `${container}_segments`;
  const prefix = segmentPrefix(name, source, options.segmentSize);
  const plan = planSegments(prefix, source.size, options.segmentSize);
  const concurrency = Math.max(1, options.concurrency ?? 6);
  const signal = options.signal;
  const total = source.size;
  const results: StoredSegment[] = new Array(plan.length);
  let reused = 0;

  // The container's check runs alongside the segments rather than ahead of them (it would cost a round trip on
  // every upload), but after the first read: Swift's keystone middleware validates a new token once per request
  // until one validation is cached, and two first requests at once cost ~0.2 s more than one (measured on Zed).
  // The segment container is only made once the check passed, and a failed check stops the segments in flight.
  const check = containerCheck(store, container, signal);
  const stop = new AbortController();
  const segmentSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  try {
    await storeSegments();
  } catch (error) {
    if (check.started) await check.started;
    throw error;
  }
  await check();

  async function storeSegments(): Promise<void> {
    const already = await prepareSegmentContainer(store, segmentContainer, prefix, options.resume !== false && source.kind === 'file', segmentSignal, check);
    check().catch((error: unknown) => stop.abort(error));
    if (already.size > 0) {
      control.progress({ step: 'resume', bytes: 0, totalBytes: total, segments: 0, totalSegments: plan.length });
      await inParallel(plan, concurrency, async (segment) => {
        const found = already.get(segment.name);
        if (!found || found.bytes !== segment.length) return;
        if ((await md5Of(source, segment.start, segment.length)) !== found.etag) return;
        results[segment.index] = found;
        reused++;
      });
    }
    const inFlight = new Map<number, number>();
    let doneBytes = results.reduce((n, s) => n + (s?.bytes ?? 0), 0);
    let doneSegments = reused;
    const report = () => {
      let bytes = doneBytes;
      for (const sent of inFlight.values()) bytes += sent;
      control.progress({ step: 'segments', bytes, totalBytes: total, segments: doneSegments, totalSegments: plan.length });
    };
    report();
    const todo = plan.filter((s) => !results[s.index]);
    await inParallel(todo, concurrency, async (segment) => {
      inFlight.set(segment.index, 0);
      const onBytes = throttled((sent) => {
        inFlight.set(segment.index, sent);
        report();
      });
      const etag = await putHashed(store, objectPath(segmentContainer, segment.name), opener(source, segment), segment.length, {
        what: `segment ${segment.index + 1} of ${plan.length} of "${name}"`,
        signal: segmentSignal,
        onBytes,
      });
      inFlight.delete(segment.index);
      results[segment.index] = { name: segment.name, etag, bytes: segment.length };
      doneBytes += segment.length;
      doneSegments++;
      report();
    });
  }

  control.progress({ step: 'manifest', bytes: total, totalBytes: total, segments: plan.length, totalSegments: plan.length });
  await putManifest(store, container, name, segmentContainer, prefix, results, kind, headers, signal);
  return { ...(await stored(store, container, name, signal)), segments: plan.length, segmentsReused: reused, segmentPrefix: `${segmentContainer}/${prefix}` };
}

/** Writes the manifest: SLO (`?multipart-manifest=put`, the segments with their ETags and sizes) or DLO (`X-Object-Manifest`). */
async function putManifest(
  store: ObjectStore,
  container: string,
  name: string,
  segmentContainer: string,
  prefix: string,
  segments: readonly StoredSegment[],
  kind: 'slo' | 'dlo',
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const what = `manifest of "${name}" in container "${container}"`;
  if (kind === 'slo') {
    const body = JSON.stringify(segments.map((s) => ({ path: `/${segmentContainer}/${s.name}`, etag: s.etag, size_bytes: s.bytes })));
    await store.request('PUT', objectPath(container, name), { searchParams: { 'multipart-manifest': 'put' }, body, headers, signal, what, timeoutMs: dataTimeoutMs(segments.length * 1024 * 1024) });
    return;
  }
  const manifest = `${encodeURIComponent(segmentContainer)}/${`${prefix}/`.split('/').map(encodeURIComponent).join('/')}`;
  await store.request('PUT', objectPath(container, name), { body: '', headers: { ...headers, 'X-Object-Manifest': manifest }, signal, what });
}

/** A stream upload: one chunked PUT, or (segmented) pieces stored one after the other, then the manifest. */
async function uploadStream(store: ObjectStore, info: SwiftInfo, container: string, name: string, options: UploadObjectOptions, headers: Record<string, string>, control: Control): Promise<UploadResult> {
  const mode = options.largeObject ?? 'auto';
  const signal = options.signal;
  const segmented = mode === 'slo' || mode === 'dlo' || (mode === 'auto' && options.segmentSize !== undefined);
  let bytes = 0;
  if (!segmented) {
    const stream = options.stream as ByteSource;
    await putHashed(store, objectPath(container, name), () => stream as AsyncIterable<Uint8Array>, undefined, {
      what: `object "${name}" in container "${container}"`,
      headers,
      signal,
      repeatable: false,
      timeoutMs: dataTimeoutMs(info.maxFileSize),
      onBytes: throttled((sent) => control.progress({ step: 'upload', bytes: sent })),
    }).catch((error: unknown) => explainMissingContainer(error, container));
    return { ...(await stored(store, container, name, signal)), segments: 0, segmentsReused: 0 };
  }
  const kind = mode === 'dlo' || (mode === 'auto' && !info.slo) ? 'dlo' : 'slo';
  const segmentSize = segmentSizeFor(info, 0, options.segmentSize, kind === 'slo');
  const segmentContainer = options.segmentContainer ?? `${container}_segments`;
  const prefix = segmentPrefix(name, { size: 0 }, segmentSize).replace(/\/0-t/, '/stream-t');
  // The segment container's HEAD first, alone (see uploadSegmented on token validation), then the container's check (once).
  const check = containerCheck(store, container, signal);
  await prepareSegmentContainer(store, segmentContainer, prefix, false, signal, check);
  await check();
  const split = pieces(options.stream as ByteSource, segmentSize);
  const results: StoredSegment[] = [];
  for (let piece = await split.next(); piece; piece = await split.next()) {
    const index = results.length;
    if (kind === 'slo' && info.slo && index >= info.slo.maxManifestSegments) {
      throw new InvalidInputError({ what: `stream upload of "${name}"`, why: `it needs more than ${info.slo.maxManifestSegments} segments of ${segmentSize} bytes (slo.max_manifest_segments); give a larger segmentSize` });
    }
    let length = 0;
    const current = piece;
    const segment = segmentName(prefix, index);
    const etag = await putHashed(
      store,
      objectPath(segmentContainer, segment),
      () =>
        (async function* () {
          for await (const chunk of current) {
            length += chunk.byteLength;
            yield chunk;
          }
        })(),
      undefined,
      { what: `segment ${index + 1} of "${name}"`, signal, repeatable: false, timeoutMs: dataTimeoutMs(segmentSize), onBytes: throttled((sent) => control.progress({ step: 'segments', bytes: bytes + sent, segments: index })) },
    );
    bytes += length;
    results.push({ name: segment, etag, bytes: length });
    control.progress({ step: 'segments', bytes, segments: results.length });
  }
  control.progress({ step: 'manifest', bytes, totalBytes: bytes, segments: results.length, totalSegments: results.length });
  await putManifest(store, container, name, segmentContainer, prefix, results, kind, headers, signal);
  return { ...(await stored(store, container, name, signal)), segments: results.length, segmentsReused: 0, segmentPrefix: `${segmentContainer}/${prefix}` };
}
