/**
 * The response of Canopy's `node:http` sender: the DOM `Response` interface without Node's bundled undici (the
 * global `Response` loads and compiles it on first touch, see header-map.ts).
 */
import { requireBuiltin } from '../internal/require-package.js';
import { HeaderMap } from './header-map.js';

/**
 * A body that is read one of two ways: as a web stream (downloads, `response.body`), or whole at once without
 * making a stream (the JSON a response carries, most of the time). Only one of them is ever used.
 */
export interface BodySource {
  /** The body as a web stream; asked for at most once. */
  stream(): ReadableStream<Uint8Array>;
  /** The whole body (a fresh array that owns its buffer); asked for at most once, and never after `stream()`. */
  bytes(): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * Status line, headers and where a {@link NodeResponse} came from.
 *
 * @example
 * const init: NodeResponseInit = { status: 200, statusText: 'OK', headers: new HeaderMap(), url: 'http://h/v3/' };
 */
export interface NodeResponseInit {
  status: number;
  statusText?: string;
  headers: HeaderMap;
  /** The URL of the response (the last one after redirects). */
  url?: string;
  /** True when the request was redirected on the way. */
  redirected?: boolean;
}

/** Whether a web stream was ever read or cancelled (`node:stream`'s `isDisturbed` takes web streams too). */
const isDisturbed = (stream: ReadableStream): boolean => requireBuiltin<{ isDisturbed(stream: unknown): boolean }>('node:stream').isDisturbed(stream);

/** The error fetch's `Response` gives for a body read twice (or a locked one). */
function unusable(): TypeError {
  return new TypeError('Body is unusable: Body has already been read');
}

/** The chunks as one fresh array (that owns its whole buffer). */
export function concatBytes(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(chunks, total);
    chunks.push(value);
    total += value.byteLength;
  }
}

/**
 * What Canopy and a holder of a raw response use of fetch's `Response`: `status`, `statusText`, `ok`, `headers`,
 * `url`, `redirected`, `type`, `body` (a web stream, made on first ask), `bodyUsed`, `text()`, `json()`,
 * `arrayBuffer()`, `bytes()`, `blob()` and `clone()` (the body teed). A body is read once: reading it again, or
 * reading a locked one, rejects with a `TypeError` as fetch's does. `formData()` is not offered (rejects).
 *
 * @example
 * const res = new NodeResponse(null, { status: 204, statusText: 'No Content', headers: new HeaderMap() });
 * res.ok; // true
 */
export class NodeResponse implements Response {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderMap;
  readonly url: string;
  readonly redirected: boolean;
  readonly type: ResponseType = 'basic';
  readonly #source: BodySource | undefined;
  /** The body's stream: `undefined` until made (or when there is none to make yet), `null` for no body. */
  #stream: ReadableStream<Uint8Array> | null | undefined;
  /** True once a `text()`/`json()`/… call took the body. */
  #taken = false;

  constructor(body: BodySource | ReadableStream<Uint8Array> | null, init: NodeResponseInit) {
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.headers = init.headers;
    this.url = init.url ?? '';
    this.redirected = init.redirected ?? false;
    // Told apart without touching the global `ReadableStream` (a JSON response never needs the web streams).
    if (body !== null && typeof (body as BodySource).stream === 'function') this.#source = body as BodySource;
    else this.#stream = body as ReadableStream<Uint8Array> | null;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#stream === undefined) {
      if (this.#taken) {
        // Read whole already: what is left is an empty stream that says it was read.
        const spent = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
        void spent.cancel();
        this.#stream = spent;
      } else this.#stream = (this.#source as BodySource).stream();
    }
    return this.#stream as ReadableStream<Uint8Array<ArrayBuffer>> | null;
  }

  get bodyUsed(): boolean {
    return this.#taken || (this.#stream ? isDisturbed(this.#stream) : false);
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.bodyUsed) throw unusable();
    const stream = this.#stream;
    if (stream === null) return new Uint8Array(0);
    if (stream === undefined) {
      this.#taken = true;
      return (this.#source as BodySource).bytes();
    }
    if (stream.locked) throw unusable();
    this.#taken = true;
    return readAll(stream);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    // bytes() always owns its whole buffer.
    return (await this.bytes()).buffer;
  }

  async text(): Promise<string> {
    // UTF-8, a byte-order mark dropped and bad bytes replaced, as fetch decodes.
    return new TextDecoder().decode(await this.bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    throw new TypeError("formData() is not offered by Canopy's node:http responses");
  }

  /** A copy whose body is a second branch of this one's (`tee`); a body already read cannot be cloned. */
  clone(): NodeResponse {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const stream = this.body;
    let other: ReadableStream<Uint8Array> | null = null;
    if (stream) {
      if (stream.locked) throw new TypeError('Response.clone: Body has already been consumed.');
      const [mine, theirs] = stream.tee();
      this.#stream = mine;
      other = theirs;
    }
    return new NodeResponse(other, { status: this.status, statusText: this.statusText, headers: new HeaderMap(this.headers), url: this.url, redirected: this.redirected });
  }

  get [Symbol.toStringTag](): string {
    return 'Response';
  }
}
