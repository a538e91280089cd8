/**
 * A `fetch` over `node:http` / `node:https`, the transport's default sender.
 *
 * Why not Node's built-in `fetch`: its HTTP parser is llhttp compiled to WebAssembly, and V8 keeps recompiling
 * that module in the background after the first request (measured on Node 20 and 24: 20–40 MB of peak RSS in a
 * process that only sent one request, and 50–100 ms of CPU for the first request). `node:http` parses with the
 * same llhttp built into Node as C++: nothing to compile, ~40 MB less at the peak, a first request in ~20 ms.
 *
 * It does what the transport relies on, and no more: request bodies as bytes or streams (sent as they are read,
 * half duplex, chunked when no `Content-Length` is given), response bodies as web streams that can be cancelled,
 * `AbortSignal` before and after the headers arrive (the body then fails with the signal's reason), redirects
 * (`follow` — a streamed body is never replayed — `manual` and `error`), TLS settings (CA bundle, client
 * certificate, verification off) and keep-alive sockets (one pool per origin, idle sockets closed after
 * `keepAliveMs` and never keeping the process alive). Failures reject like `fetch`'s: a `TypeError('fetch
 * failed')` whose `cause` is the socket error (so `errorCode` finds `ECONNREFUSED` and the like), or the
 * signal's reason. Response bodies are passed on as the server sent them (no decompression: nothing asks the
 * server to compress). Its responses are {@link NodeResponse}s with {@link HeaderMap} headers, not the global
 * `Response`/`Headers` (those load Node's bundled undici on first touch); a body read whole (JSON) is gathered
 * from the socket without making a web stream.
 */
import type { Agent as HttpAgent, ClientRequest, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { requireBuiltin } from '../internal/require-package.js';
import { chunksOf } from './streams.js';
import { HeaderMap } from './header-map.js';
import { IncomingBody } from './incoming-body.js';
import { NodeResponse } from './node-response.js';

// node:http and node:https are loaded on first use (requireBuiltin says why: importing them costs up to ~80 ms).
const nodeHttp = () => requireBuiltin<typeof import('node:http')>('node:http');
const nodeHttps = () => requireBuiltin<typeof import('node:https')>('node:https');

/** TLS settings of a cloud, as `node:https` takes them (see `tlsSettings` in tls.ts). */
export interface TlsSettings {
  /** Extra CA certificates (PEM) trusted besides the system's. */
  ca?: string;
  /** Client certificate (PEM). */
  cert?: string;
  /** Client certificate's key (PEM). */
  key?: string;
  /** `false` turns certificate verification off (clouds.yaml `verify: false`). */
  rejectUnauthorized?: boolean;
}

/**
 * Options of {@link createNodeHttpFetch}.
 *
 * @example
 * const options: NodeHttpFetchOptions = { tls: { ca: readFileSync('ca.pem', 'utf8') }, keepAliveMs: 4_000 };
 */
export interface NodeHttpFetchOptions {
  /** TLS settings for `https:` URLs; default: system CAs, verification on. */
  tls?: TlsSettings;
  /** How long an idle keep-alive socket is kept, ms; default 4 s (as Node's fetch). */
  keepAliveMs?: number;
  /** Most sockets open at once per origin; default unlimited (as Node's fetch). */
  maxSockets?: number;
}

/**
 * A `fetch`-compatible function over `node:http`, plus `close()` to end its idle sockets.
 *
 * @example
 * const send = createNodeHttpFetch();
 * const res = await send('http://127.0.0.1:5000/v3/', { headers: { Accept: 'application/json' } });
 * console.log(res.status, await res.json());
 * send.close();
 */
export interface NodeHttpFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Closes every socket of the pools (idle or not). */
  close(): void;
}

/** The most redirects followed for one request (as Node's fetch). */
const MAX_REDIRECTS = 20;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const NULL_BODY: ReadonlySet<number> = new Set([101, 204, 205, 304]);
/**
 * Errors of a reused keep-alive socket that the server may have closed as the request went out: a safe request
 * (GET, HEAD, OPTIONS) is sent again once on a fresh socket. Any other method is not: the server may have acted
 * on it before the reset, and whether to repeat it is the transport's call.
 */
const STALE_SOCKET: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request body ready to send: nothing, bytes (can be sent again), or a stream (once). */
type Payload = { kind: 'none' } | { kind: 'bytes'; data: Uint8Array } | { kind: 'stream'; source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> };

/**
 * Makes a {@link NodeHttpFetch}: one keep-alive pool for `http:` and one for `https:` (with the TLS settings).
 *
 * @example
 * const send = createNodeHttpFetch({ tls: { rejectUnauthorized: false } });
 * const transport = new Transport({ logger, fetch: send });
 */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): NodeHttpFetch {
  const pool = { keepAlive: true, timeout: options.keepAliveMs ?? 4_000, scheduling: 'lifo' as const, ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}) };
  let http: HttpAgent | undefined;
  let https: HttpsAgent | undefined;
  const agents = {
    http: () => (http ??= new (nodeHttp().Agent)(pool)),
    https: () => (https ??= new (nodeHttps().Agent)({ ...pool, ...options.tls })),
  };
  const send = (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = typeof input === 'object' && !(input instanceof URL) ? input : undefined;
    const signal = init.signal ?? request?.signal ?? undefined;
    signal?.throwIfAborted();
    let url = new URL(request ? request.url : String(input));
    let method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = headerRecord(init.headers ?? request?.headers);
    let payload = await payloadOf(init.body ?? request?.body ?? undefined, headers);
    const redirect = init.redirect ?? request?.redirect ?? 'follow';
    for (let hops = 0; ; hops++) {
      const response = await exchange({ url, method, headers, payload, signal: signal ?? undefined, agent: url.protocol === 'https:' ? agents.https() : agents.http(), redirected: hops > 0 });
      const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
      if (location === null || redirect === 'manual') return response;
      await response.body?.cancel().catch(() => undefined);
      const next = new URL(location, url);
      const becomesGet = (response.status === 303 && method !== 'GET' && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST');
      if (redirect === 'error') throw failed(new Error(`redirect (${response.status}) to ${next.origin}${next.pathname} not followed: redirect is 'error'`));
      if (hops >= MAX_REDIRECTS) throw failed(new Error(`more than ${MAX_REDIRECTS} redirects`));
      if (payload.kind === 'stream' && !becomesGet) throw failed(new Error(`redirect (${response.status}) would send a streamed body again`));
      if (becomesGet) {
        method = 'GET';
        payload = { kind: 'none' };
        for (const name of Object.keys(headers)) if (name.startsWith('content-')) delete headers[name];
      }
      if (next.origin !== url.origin) for (const name of ['authorization', 'cookie', 'proxy-authorization']) delete headers[name];
      url = next;
    }
  }) as NodeHttpFetch;
  send.close = () => {
    http?.destroy();
    https?.destroy();
  };
  return send;
}

/** `fetch`'s error for a request that failed on the way: the cause is the socket (or protocol) error. */
function failed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/** Header names lower-cased, values as given (the last of a repeated name wins, as `Headers.set`). */
function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  const entries: Iterable<[string, string]> = Symbol.iterator in init ? (init as Iterable<[string, string]>) : Object.entries(init);
  for (const [name, value] of entries) out[name.toLowerCase()] = String(value);
  return out;
}

async function payloadOf(body: BodyInit | null | undefined, headers: Record<string, string>): Promise<Payload> {
  if (body === undefined || body === null) return { kind: 'none' };
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
    return { kind: 'bytes', data: Buffer.from(body) };
  }
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return { kind: 'bytes', data: Buffer.from(body.toString()) };
  }
  if (body instanceof ArrayBuffer) return { kind: 'bytes', data: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) return { kind: 'bytes', data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    if (body.type) headers['content-type'] ??= body.type;
    return { kind: 'bytes', data: new Uint8Array(await body.arrayBuffer()) };
  }
  if (typeof (body as ReadableStream).getReader === 'function' || Symbol.asyncIterator in (body as object)) {
    return { kind: 'stream', source: body as ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> };
  }
  throw new TypeError('this fetch sends strings, bytes, Blobs, URLSearchParams and streams, not FormData');
}

/** One hop of a request: where it goes, what it sends, and whether earlier hops were redirected. */
interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  payload: Payload;
  signal: AbortSignal | undefined;
  agent: HttpAgent;
  /** Sets the response's `redirected`, as `fetch` does after a followed redirect. */
  redirected: boolean;
}

/** One request and its response's headers; a reused socket that turns out closed is replaced once for a safe method. */
async function exchange(hop: Hop): Promise<NodeResponse> {
  try {
    return await exchangeOnce(hop);
  } catch (error) {
    const stale = error instanceof TypeError && (error as { staleSocket?: boolean }).staleSocket;
    if (!stale || !SAFE_METHODS.has(hop.method) || hop.payload.kind === 'stream' || hop.signal?.aborted) throw error;
    return exchangeOnce(hop);
  }
}

function exchangeOnce({ url, method, headers, payload, signal, agent, redirected }: Hop): Promise<NodeResponse> {
  return new Promise<NodeResponse>((resolve, reject) => {
    const outgoing: OutgoingHttpHeaders = { ...headers };
    if (payload.kind === 'bytes') outgoing['content-length'] ??= String(payload.data.byteLength);
    else if (payload.kind === 'none' && method !== 'GET' && method !== 'HEAD') outgoing['content-length'] ??= '0';
    const send = url.protocol === 'https:' ? nodeHttps().request : nodeHttp().request;
    let settled = false;
    let response: IncomingMessage | undefined;
    let finish: ((error?: unknown) => void) | undefined;
    const onAbort = () => {
      const reason: unknown = signal?.reason;
      req.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      if (!settled) {
        settled = true;
        reject(reason);
      }
      finish?.(reason);
    };
    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    const req: ClientRequest = send(url, { method, headers: outgoing, agent });
    req.on('error', (error: Error & { code?: string }) => {
      if (!settled) {
        settled = true;
        cleanup();
        const err = failed(error);
        if (req.reusedSocket && !response && error.code && STALE_SOCKET.has(error.code)) Object.assign(err, { staleSocket: true });
        reject(signal?.aborted ? signal.reason : err);
      }
    });
    req.on('response', (res: IncomingMessage) => {
      response = res;
      settled = true;
      try {
        let body: IncomingBody | null = null;
        if (NULL_BODY.has(res.statusCode ?? 0) || method === 'HEAD') {
          // Nothing to read: drained so the socket goes back to the pool.
          cleanup();
          res.resume();
        } else {
          const incoming = new IncomingBody(res, signal, cleanup);
          finish = (reason) => incoming.end(reason);
          body = incoming;
        }
        resolve(new NodeResponse(body, { status: res.statusCode ?? 0, statusText: safeStatusText(res.statusMessage), headers: responseHeaders(res.rawHeaders), url: url.href, redirected }));
      } catch (error) {
        cleanup();
        res.destroy();
        reject(failed(error));
      }
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    if (payload.kind === 'stream') void pump(req, payload.source);
    else req.end(payload.kind === 'bytes' ? payload.data : undefined);
  });
}

function safeStatusText(text: string | undefined): string {
  return text && /^[\t\x20-\x7e\x80-\xff]*$/.test(text) ? text : '';
}

function responseHeaders(raw: string[]): HeaderMap {
  const headers = new HeaderMap();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // A header fetch would refuse (invalid name or value) is left out rather than failing the response.
    }
  }
  return headers;
}

/**
 * Writes a stream body as it is read, waiting for the socket to drain: at most one chunk is held here. A source
 * that fails destroys the request (the caller sees `fetch failed` with the source's error as cause); a request
 * that fails stops the reading and cancels the source.
 */
async function pump(req: ClientRequest, source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>): Promise<void> {
  const chunks = chunksOf(source);
  let closed = false;
  let wake: (() => void) | undefined;
  const onClose = () => {
    closed = true;
    wake?.();
  };
  req.once('close', onClose);
  try {
    for (;;) {
      const next = await chunks.next();
      if (closed) break;
      if (next.done) {
        req.end();
        return;
      }
      if (!req.write(next.value)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          req.once('drain', resolve);
        });
        req.off('drain', wake as () => void);
        wake = undefined;
        if (closed) break;
      }
    }
    await chunks.cancel(new Error('the request ended before its body was sent'));
  } catch (error) {
    req.destroy(error instanceof Error ? error : new Error(String(error)));
    await chunks.cancel(error).catch(() => undefined);
  } finally {
    req.off('close', onClose);
  }
}

