/**
 * Where upload bytes come from: a file (read by range, so segments stream in parallel from disk and a resumed
 * upload can hash what is already stored), bytes in memory, or a stream read once, in order.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { InvalidInputError } from '../errors/index.js';
import type { ByteSource } from '../http/service-client.js';

/**
 * Bytes read from disk at a time (each range reader holds `RING` buffers of this size). 64 KiB, the socket's own
 * read size: 10 segments in flight hold 1.9 MB of buffers; 256 KiB held 7.5 MB for no faster upload (measured on
 * the mini OpenStack's Swift, 200 MB in 16 MiB segments).
 */
export const READ_CHUNK_BYTES = 64 * 1024;

/** Bytes that can be read again by range: a file or a buffer. */
export interface RangeSource {
  kind: 'file' | 'bytes';
  size: number;
  /** For a file: its modification time (ms), part of the segment names that make an upload resumable. */
  mtimeMs?: number;
  /** A fresh stream of `[start, start + length)`. */
  open(start: number, length: number): AsyncIterable<Uint8Array>;
}

/**
 * A file as a {@link RangeSource}.
 * @throws InvalidInputError when the path is missing, or is not a regular file.
 *
 * @example
 * const source = await fileSource('./backup.tar');
 */
export async function fileSource(path: string): Promise<RangeSource> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new InvalidInputError({ what: `file ${path}`, why: code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'it cannot be read (permission denied)' : `it cannot be read (${code ?? String(cause)})` }, { cause });
  }
  if (!info.isFile()) throw new InvalidInputError({ what: `file ${path}`, why: info.isDirectory() ? 'it is a directory, not a file' : 'it is not a regular file' });
  return {
    kind: 'file',
    size: info.size,
    mtimeMs: Math.floor(info.mtimeMs),
    open: (start, length) => (length === 0 ? empty() : readRange(path, start, length)),
  };
}

/**
 * Bytes in memory (or a string, sent as UTF-8) as a {@link RangeSource}.
 *
 * @example
 * const source = bytesSource(Buffer.from('hello'));
 */
export function bytesSource(data: Uint8Array | string): RangeSource {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return {
    kind: 'bytes',
    size: bytes.byteLength,
    open: async function* (start, length) {
      if (length > 0) yield bytes.subarray(start, start + length);
    },
  };
}

async function* empty(): AsyncIterable<Uint8Array> {}

/** Buffers each range reader cycles through. */
const RING = 3;

/**
 * Reads `[start, start + length)` of a file into a few buffers used in turn, so a transfer of any size allocates
 * the same few hundred KiB instead of a new buffer per chunk (garbage that would pile up to V8's external-memory
 * limit, tens of MB, before a collection). A chunk is valid until the reader is asked for its `RING`th next
 * chunk: the HTTP layer writes each chunk to the socket (and waits for it to drain) before it asks for another.
 */
async function* readRange(path: string, start: number, length: number): AsyncIterable<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const size = Math.min(READ_CHUNK_BYTES, length);
    const buffers = Array.from({ length: RING }, () => Buffer.allocUnsafeSlow(size));
    let position = start;
    let left = length;
    for (let i = 0; left > 0; i++) {
      const buffer = buffers[i % RING] as Buffer;
      const { bytesRead } = await file.read(buffer, 0, Math.min(size, left), position);
      if (bytesRead === 0) throw new InvalidInputError({ what: `file ${path}`, why: `it ended at byte ${position}, before the ${start + length} bytes it had when the upload started` });
      position += bytesRead;
      left -= bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * Passes chunks through while feeding them to a hash (the MD5 an ETag is compared with).
 *
 * @example
 * const hash = createHash('md5'); for await (const c of hashing(source.open(0, 10), hash)) send(c);
 */
export async function* hashing(source: AsyncIterable<Uint8Array> | ByteSource, hash: Hash): AsyncIterable<Uint8Array> {
  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * The MD5 (hex) of a range, read and discarded (for checking a stored segment before trusting it).
 *
 * @example
 * await md5Of(source, 0, 1024);
 */
export async function md5Of(source: RangeSource, start: number, length: number): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of source.open(start, length)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Splits a stream read once into consecutive pieces of at most `size` bytes, each an async iterable that must be
 * read to its end before the next is asked for (segments of a stream upload go one after the other). `next()`
 * resolves `undefined` once the stream is spent (the first piece of an empty stream is an empty piece).
 *
 * @example
 * const split = pieces(stream, 1 << 20);
 * for (let piece = await split.next(); piece; piece = await split.next()) await putSegment(piece);
 */
export function pieces(source: ByteSource, size: number): { next(): Promise<AsyncIterable<Uint8Array> | undefined> } {
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let leftover: Uint8Array | undefined;
  let done = false;
  let first = true;
  const pull = async (): Promise<Uint8Array | undefined> => {
    if (leftover) {
      const chunk = leftover;
      leftover = undefined;
      return chunk;
    }
    if (done) return undefined;
    const r = await iterator.next();
    if (r.done) {
      done = true;
      return undefined;
    }
    return typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
  };
  return {
    async next() {
      // Peek: a piece is offered only when bytes remain (or for the first, so an empty stream is one empty object).
      const head = await pull();
      if (!head && !first) return undefined;
      first = false;
      if (head) leftover = head;
      return (async function* () {
        let left = size;
        while (left > 0) {
          let chunk = await pull();
          if (!chunk) return;
          if (chunk.byteLength > left) {
            leftover = chunk.subarray(left);
            chunk = chunk.subarray(0, left);
          }
          left -= chunk.byteLength;
          yield chunk;
        }
      })();
    },
  };
}
