import type { ConnectionError } from '../errors/index.js';
import { errorCode } from '../internal/never-sent.js';
import type { ByteSource, StreamBody } from './service-client.js';

/**
 * Reads a byte source chunk by chunk, whatever its kind (web stream, Node stream, async generator); string chunks
 * come out UTF-8 encoded.
 *
 * @example
 * const chunks = chunksOf(createReadStream('image.qcow2'));
 * const first = await chunks.next();
 */
export function chunksOf(source: ByteSource | AsyncIterable<Uint8Array | string>): { next: () => Promise<IteratorResult<Uint8Array>>; cancel: (reason?: unknown) => Promise<void> } {
  if ('getReader' in source && typeof source.getReader === 'function') {
    const reader = source.getReader();
    return { next: () => reader.read() as Promise<IteratorResult<Uint8Array>>, cancel: (reason) => reader.cancel(reason) };
  }
  const iterator = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  return {
    next: async () => {
      const r = await iterator.next();
      return r.done ? r : { done: false, value: typeof r.value === 'string' ? new TextEncoder().encode(r.value) : r.value };
    },
    cancel: async () => {
      await iterator.return?.();
    },
  };
}

/**
 * The request body of a {@link StreamBody}: a web stream pulled one chunk at a time (so the source is read only
 * as fast as the socket takes it), counting bytes for `onBytes`.
 */
export function streamedBody(body: StreamBody): ReadableStream<Uint8Array> {
  const source = typeof body.source === 'function' ? body.source() : body.source;
  const chunks = chunksOf(source);
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) {
          controller.close();
          return;
        }
        sent += value.byteLength;
        controller.enqueue(value);
        body.onBytes?.(sent);
      },
      cancel: (reason) => chunks.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/** How {@link guardedBody} watches a response body. */
export interface GuardOptions {
  /** Longest wait for the next chunk, ms. */
  idleMs: number;
  /** Aborted (and so the fetch with it) when the wait is longer. */
  idle: AbortController;
  /** The caller's signal: its reason is what a read rejects with once it aborts. */
  signal?: AbortSignal;
  /** The error a failed read becomes. */
  describe: (info: { timedOut: boolean; reason?: string }, cause: unknown) => ConnectionError;
  /** Called once when the body ends, fails or is cancelled, with the bytes read. */
  onEnd?: (bytes: number, error?: unknown) => void;
}

/**
 * A response body handed to the caller unread: each wait for the next chunk is bounded by `idleMs` (the timer
 * runs only while waiting for the server, not while the caller is slow to read), and a failure becomes a
 * {@link ConnectionError} (or the caller's abort reason).
 */
export function guardedBody(body: ReadableStream<Uint8Array> | null, options: GuardOptions): ReadableStream<Uint8Array> {
  if (!body) {
    options.onEnd?.(0);
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  }
  const reader = body.getReader();
  let bytes = 0;
  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    options.onEnd?.(bytes, error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const timer = setTimeout(() => options.idle.abort(new DOMException(`no bytes for ${options.idleMs} ms`, 'TimeoutError')), options.idleMs);
        try {
          const { done, value } = await reader.read();
          if (done) {
            end();
            controller.close();
            return;
          }
          bytes += value.byteLength;
          controller.enqueue(value);
        } catch (error) {
          end(error);
          if (options.signal?.aborted) controller.error(options.signal.reason);
          else if (options.idle.signal.aborted) controller.error(options.describe({ timedOut: true, reason: `no bytes for ${options.idleMs} ms` }, error));
          else controller.error(options.describe({ timedOut: false, reason: `the body broke off after ${bytes} bytes${errorCode(error) ? ` (${errorCode(error)})` : ''}` }, error));
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: async (reason) => {
        end();
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
