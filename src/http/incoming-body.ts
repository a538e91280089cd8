/**
 * A `node:http` response body as a {@link BodySource}: read whole (the JSON of most responses: the socket's
 * chunks are gathered as they come, no web stream is made) or as a web stream pulled chunk by chunk (downloads).
 */
import type { IncomingMessage } from 'node:http';
import { concatBytes, type BodySource } from './node-response.js';

/** How a body ended: `{}` when it was read to its end, `{ error }` when it failed or was cancelled. */
type Outcome = { error?: unknown };

/**
 * The body of one `IncomingMessage`. The socket stays paused until the body is asked for; as a stream, at most one
 * chunk waits here (the socket is paused otherwise) and cancelling closes the socket. Whichever way it is read,
 * {@link IncomingBody.end} with a reason (the request's signal aborting) fails the read with that reason, and a
 * connection that breaks off fails it with `TypeError('terminated')` caused by the error, as fetch's bodies fail.
 *
 * @example
 * const body = new IncomingBody(res, signal, () => signal?.removeEventListener('abort', onAbort));
 * const text = new TextDecoder().decode(await body.bytes());
 */
export class IncomingBody implements BodySource {
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  /** The chunks so far, when the body is read whole. */
  #chunks: Buffer[] | undefined;
  #total = 0;
  #waiter: { resolve: (bytes: Uint8Array<ArrayBuffer>) => void; reject: (error: unknown) => void } | undefined;
  #outcome: Outcome | undefined;

  constructor(
    private readonly res: IncomingMessage,
    private readonly signal: AbortSignal | undefined,
    /** Called once when the body ends, fails or is cancelled (removes the request's abort listener). */
    private readonly cleanup: () => void,
  ) {
    res.pause();
    res.on('data', (chunk: Buffer) => {
      if (this.#outcome) return;
      if (this.#chunks) {
        this.#chunks.push(chunk);
        this.#total += chunk.byteLength;
        return;
      }
      this.#controller?.enqueue(chunk);
      if ((this.#controller?.desiredSize ?? 0) <= 0) res.pause();
    });
    res.on('end', () => this.end());
    res.on('error', (error) => this.end(this.signal?.aborted ? this.signal.reason : new TypeError('terminated', { cause: error })));
    res.on('close', () => {
      if (!res.complete) this.end(this.signal?.aborted ? this.signal.reason : new TypeError('terminated', { cause: Object.assign(new Error('the connection closed before the body ended'), { code: 'ECONNRESET' }) }));
    });
  }

  /** Ends the body: read to its end without a reason, failed with it otherwise. Only the first call counts. */
  end(reason?: unknown): void {
    if (this.#outcome) return;
    this.#outcome = reason === undefined ? {} : { error: reason };
    this.cleanup();
    if (this.#controller) {
      try {
        if (reason === undefined) this.#controller.close();
        else this.#controller.error(reason);
      } catch {
        // already closed or cancelled
      }
    }
    if (this.#waiter) {
      if (reason === undefined) this.#waiter.resolve(concatBytes(this.#chunks ?? [], this.#total));
      else this.#waiter.reject(reason);
      this.#chunks = undefined;
    }
  }

  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Promise((resolve, reject) => {
      if (this.#outcome) return this.#outcome.error === undefined ? resolve(new Uint8Array(0)) : reject(this.#outcome.error);
      this.#chunks = [];
      this.#waiter = { resolve, reject };
      this.res.resume();
    });
  }

  stream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
          if (this.#outcome?.error !== undefined) controller.error(this.#outcome.error);
          else if (this.#outcome) controller.close();
        },
        pull: () => {
          this.res.resume();
        },
        cancel: (reason) => {
          if (!this.#outcome) {
            this.#outcome = { error: reason };
            this.cleanup();
          }
          this.res.destroy();
        },
      },
      { highWaterMark: 0 },
    );
  }
}
