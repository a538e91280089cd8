/**
 * `downloadImage`: an image's data to a file or a stream, chunk by chunk (never the whole image in memory), with
 * byte progress, checksum verification (`os_hash_value` by `os_hash_algo`, else MD5 `checksum`) and resuming:
 * a body that breaks off is continued with `Range` from the last byte written, and a file download keeps its
 * partial data in `<path>.part` so a later call continues where the last one stopped.
 */
import { createHash, getHashes, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CanopyError, ChecksumMismatchError, isConnectionError } from '../errors/index.js';
import type { Image } from '../resources/image/image-model.js';
import { openImageData } from '../services/image/image-data.js';
import { runOperation } from '../operations/run-operation.js';
import type { Operation } from './operation.js';
import type { CloudScope } from './cloud-context.js';
import { getImage } from './images.js';

/** Options of {@link Cloud.downloadImage}: where the data goes (`path` or `stream`). */
export interface DownloadImageOptions {
  /**
   * Write the data to this file. Bytes arrive in `<path>.part`, renamed to `path` once verified; a `.part` left
   * by an earlier, interrupted call is continued from its end (with `Range` where glance supports it).
   */
  path?: string;
  /** Write the data into this stream instead (a Node `Writable` or a web `WritableStream`). */
  stream?: Writable | WritableStream<Uint8Array>;
  /** End `stream` when the data is written (default true; never for `process.stdout`/`stderr`). */
  end?: boolean;
  /** Continue a `<path>.part` from an earlier call (default true); false starts from byte 0. */
  resume?: boolean;
  /** Check the data against the image's published checksum (default true). */
  verify?: boolean;
  /** How many times a body that breaks off is continued within this call (default 3). */
  maxResumes?: number;
  signal?: AbortSignal;
  /** Limit for the whole download, ms (default none: each wait for bytes is bounded by `api_timeout`). */
  timeoutMs?: number;
}

/** What {@link Cloud.downloadImage} resolves to. */
export interface DownloadImageResult {
  image: Image;
  /** Bytes of image data delivered (the file's size, when `path` was given). */
  bytes: number;
  /** The file written, when `path` was given. */
  path?: string;
  /** The checksum the data was verified against; undefined when glance published none (or `verify: false`). */
  verified?: { algorithm: string; value: string };
  /** Byte the download started from: the size of a `.part` an earlier call left (0 for a fresh download). */
  resumedFrom: number;
  /** How many times a broken-off body was continued in this call. */
  resumes: number;
}

/** The checksum to verify against: glance's multihash when Node can compute it, else MD5. */
function expectedChecksum(image: Image): { algorithm: string; value: string } | undefined {
  const algo = image.properties.os_hash_algo;
  const value = image.properties.os_hash_value;
  if (typeof algo === 'string' && typeof value === 'string' && value && getHashes().includes(algo)) return { algorithm: algo, value: value.toLowerCase() };
  return image.checksum ? { algorithm: 'md5', value: image.checksum.toLowerCase() } : undefined;
}

/** Where chunks go, with backpressure. */
interface Sink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

function nodeSink(stream: Writable | WriteStream, end: boolean): Sink {
  return {
    async write(chunk) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async close() {
      if (!end) return;
      stream.end();
      if (!stream.writableFinished) await once(stream, 'finish');
    },
    async abort() {
      if (end) stream.destroy();
    },
  };
}

function sinkFor(target: Writable | WritableStream<Uint8Array>, end: boolean): Sink {
  if ('getWriter' in target && typeof target.getWriter === 'function') {
    const writer = target.getWriter();
    return {
      write: (chunk) => writer.write(chunk),
      close: async () => {
        if (end) await writer.close();
        else writer.releaseLock();
      },
      abort: async () => {
        await writer.abort().catch(() => undefined);
      },
    };
  }
  const node = target as Writable;
  return nodeSink(node, end && node !== process.stdout && node !== process.stderr);
}

/** A partial file: aborting flushes what was written, so the next call continues from a whole prefix. */
function fileSink(path: string): Sink {
  const sink = nodeSink(createWriteStream(path, { flags: 'a' }), true);
  return { ...sink, abort: () => sink.close() };
}

/** Feeds an existing partial file through the hash, so a continued download is verified whole. */
async function hashFile(path: string, hash: Hash | undefined): Promise<void> {
  if (!hash) return;
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/**
 * Downloads an image's data as a task-recorded {@link Operation}: `accepted` is the image record, progress
 * events (`step: 'download'`) carry `bytes` and `totalBytes`.
 *
 * @example
 * const op = downloadImage(cloud, 'cirros', { path: '/tmp/cirros.img' });
 * op.onProgress((p) => console.log(p.bytes, '/', p.totalBytes));
 * const { bytes, verified } = await op;
 */
export function downloadImage(cloud: CloudScope, nameOrId: string, options: DownloadImageOptions): Operation<DownloadImageResult, Image> {
  const timeout = options.timeoutMs !== undefined ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const signal = options.signal && timeout ? AbortSignal.any([options.signal, timeout]) : (options.signal ?? timeout);
  return runOperation<DownloadImageResult, Image>(cloud, { task: 'image.download', resourceKind: 'image', waitFor: { status: 'active' }, signal }, async ({ task, control, accepted }) => {
    if ((options.path === undefined) === (options.stream === undefined)) throw new CanopyError('downloadImage needs exactly one of `path` (a file) or `stream`');
    const glance = await cloud.service('image', signal);
    const image = await task.step('resolve', async (step) => {
      const found = await getImage(cloud, nameOrId, { signal });
      step.resource(found.id);
      return found;
    });
    accepted(image.id, image);
    const expected = options.verify === false ? undefined : expectedChecksum(image);
    const hash = expected ? createHash(expected.algorithm) : undefined;
    const part = options.path !== undefined ? `${options.path}.part` : undefined;
    let written = 0;
    if (part !== undefined) {
      if (options.resume === false) await rm(part, { force: true });
      written = (await stat(part).catch(() => undefined))?.size ?? 0;
      // A partial file larger than the image belongs to something else: start again.
      if (image.size !== undefined && written > image.size) {
        await rm(part, { force: true });
        written = 0;
      }
      await hashFile(part, written > 0 ? hash : undefined);
    }
    const resumedFrom = written;
    const sink = part !== undefined ? fileSink(part) : sinkFor(options.stream as Writable, options.end !== false);
    let total = image.size;
    let resumes = 0;
    const progress = () => control.progress({ taskId: task.id, step: 'download', bytes: written, ...(total !== undefined ? { totalBytes: total } : {}) });
    try {
      await task.step('download', async () => {
        progress();
        for (;;) {
          const data = await openImageData(glance, image.id, { from: written, signal });
          if (data.kind === 'none') throw new CanopyError(`image ${image.id} has no data to download (status ${image.status})`);
          if (data.kind === 'past-end') return; // everything was there already
          total = data.total ?? total;
          // glance sent from an earlier byte than asked (it ignored Range): skip what is already written.
          let skip = written - data.offset;
          try {
            for await (const raw of data.body as unknown as AsyncIterable<Uint8Array>) {
              let chunk = raw;
              if (skip > 0) {
                if (chunk.byteLength <= skip) {
                  skip -= chunk.byteLength;
                  continue;
                }
                chunk = chunk.subarray(skip);
                skip = 0;
              }
              hash?.update(chunk);
              await sink.write(chunk);
              written += chunk.byteLength;
              progress();
            }
            return;
          } catch (error) {
            if (!isConnectionError(error) || signal?.aborted || resumes >= (options.maxResumes ?? 3)) throw error;
            resumes++;
            cloud.logger.debug('image download broke off; continuing', { id: image.id, bytes: written, resumes });
          }
        }
      });
      await sink.close();
    } catch (error) {
      // A file keeps its partial data for the next call; a stream is the caller's to deal with.
      await sink.abort();
      throw error;
    }
    const resource = `image ${image.id}`;
    if (expected && hash) {
      const actual = hash.digest('hex');
      if (actual !== expected.value) {
        if (part !== undefined) await rm(part, { force: true });
        throw new ChecksumMismatchError({ resource, algorithm: expected.algorithm, expected: expected.value, actual, bytes: written });
      }
    } else if (image.size !== undefined && written !== image.size) {
      if (part !== undefined) await rm(part, { force: true });
      throw new ChecksumMismatchError({ resource, algorithm: 'size', expected: String(image.size), actual: String(written), bytes: written });
    }
    if (part !== undefined && options.path !== undefined) await rename(part, options.path);
    return { image, bytes: written, ...(options.path !== undefined ? { path: options.path } : {}), ...(expected ? { verified: expected } : {}), resumedFrom, resumes };
  });
}
