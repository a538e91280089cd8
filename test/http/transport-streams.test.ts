import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, NotFoundError, ServiceUnavailableError } from '../../src/errors/index.js';
import { silentLogger, type Logger } from '../../src/internal/logger.js';
import Keyv from 'keyv';
import { Transport } from '../../src/http/transport.js';
import { HttpServiceClient } from '../../src/http/service-client-impl.js';
import { ResponseCache } from '../../src/http/response-cache.js';
import { Operation, type OperationProgress } from '../../src/cloud/operation.js';
import { fakeTokens } from '../support/fake-tokens.js';

/** One request as the server saw it, body included (bytes counted, not kept beyond a small test size). */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen, index: number) => void;

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback server whose handler writes the response by hand (chunks, stalls, resets). */
async function server(handler: Handler) {
  const seen: Seen[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const srv = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const record = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(parts) };
      seen.push(record);
      handler(req, res, record, seen.length - 1);
    });
  });
  srv.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      srv.close(() => resolve());
    });
  servers.push({ close });
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, seen };
}

function transport(options: { timeoutMs?: number; logger?: Logger; tokens?: ReturnType<typeof fakeTokens> } = {}) {
  const tokens = options.tokens ?? fakeTokens();
  return new Transport({ logger: options.logger ?? silentLogger, tokens, backoff: { baseMs: 1, maxMs: 2, random: () => 0 }, maxRetries: 3, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('Transport.sendStream (response bodies as streams)', () => {
  it('resolves at the headers and hands the body over unread, chunk by chunk, with its length', async () => {
    let finish!: () => void;
    const srv = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '6', 'x-openstack-request-id': 'req-dl' });
      res.write('abc');
      finish = () => res.end('def');
    });
    const t = transport();
    const response = await t.sendStream({ method: 'GET', url: `${srv.url}/v2/images/i1/file`, service: 'image' });
    // The server has not sent the end yet: the call did not wait for (or buffer) the whole body.
    expect(response.status).toBe(200);
    expect(response.length).toBe(6);
    expect(response.requestId).toBe('req-dl');
    expect(srv.seen[0]?.headers['x-auth-token']).toBe('tok-1');
    const reader = response.body.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value ?? []).toString()).toBe('abc');
    finish();
    const rest: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
    expect(Buffer.concat(rest).toString()).toBe('def');
  });

  it('throws a typed error for an error status (body read for the message), and retries a GET through a 503', async () => {
    const srv = await server((_req, res, _seen, i) => {
      if (i === 0) {
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end('busy');
      } else if (i === 1) {
        res.writeHead(200);
        res.end('bytes');
      } else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'No image found with ID i2', code: '404 Not Found', title: 'Not Found' }));
      }
    });
    const t = transport();
    const ok = await t.sendStream({ method: 'GET', url: `${srv.url}/v2/images/i1/file`, service: 'image' });
    expect((await readAll(ok.body)).toString()).toBe('bytes');
    expect(srv.seen.map((s) => s.method)).toEqual(['GET', 'GET']);
    const error = await t.sendStream({ method: 'GET', url: `${srv.url}/v2/images/i2/file`, service: 'image' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('No image found');
  });

  it('re-authenticates once on 401 and replays, like any request', async () => {
    const srv = await server((req, res) => {
      if (req.headers['x-auth-token'] === 'tok-1') {
        res.writeHead(401);
        res.end();
        return;
      }
      res.writeHead(200);
      res.end('data');
    });
    const tokens = fakeTokens();
    const response = await transport({ tokens }).sendStream({ method: 'GET', url: `${srv.url}/f`, service: 'image' });
    expect((await readAll(response.body)).toString()).toBe('data');
    expect(tokens.refused).toEqual(['tok-1']);
    expect(srv.seen.map((s) => s.headers['x-auth-token'])).toEqual(['tok-1', 'tok-2']);
  });

  it('fails a body that stalls longer than timeoutMs with a timed-out ConnectionError, and logs the bytes read', async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('0123456789'); // … and never more
    });
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger = { ...silentLogger, debug: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }) } as Logger;
    // The slow server is the point: 300 ms without a byte is long on loopback, and the server never sends more.
    const response = await transport({ timeoutMs: 300, logger }).sendStream({ method: 'GET', url: `${srv.url}/f?token=sekrit`, service: 'image' });
    const error = await readAll(response.body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).timedOut).toBe(true);
    expect((error as ConnectionError).message).not.toContain('sekrit');
    const ended = logged.find((l) => l.message === 'stream ended');
    expect(ended?.fields?.bytes).toBe(10);
    expect(String(ended?.fields?.url)).not.toContain('sekrit');
  });

  it('a slow reader is not a stalled server: the idle timer runs only while waiting for bytes', async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200);
      res.write('a');
      setTimeout(() => res.end('b'), 20);
    });
    const response = await transport({ timeoutMs: 200 }).sendStream({ method: 'GET', url: `${srv.url}/f`, service: 'image' });
    const reader = response.body.getReader();
    expect(Buffer.from((await reader.read()).value ?? []).toString()).toBe('a');
    // The caller dawdles longer than timeoutMs between reads: nothing fails.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Buffer.from((await reader.read()).value ?? []).toString()).toBe('b');
    expect((await reader.read()).done).toBe(true);
  });

  it("the caller's signal aborts the body half-way with its own reason", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200);
      res.write('first');
    });
    const controller = new AbortController();
    const response = await transport().sendStream({ method: 'GET', url: `${srv.url}/f`, service: 'image', signal: controller.signal });
    const reader = response.body.getReader();
    await reader.read();
    const pending = reader.read();
    controller.abort(new Error('user stopped'));
    await expect(pending).rejects.toThrow('user stopped');
  });

  it("returns a listed okStatus's body as a stream too, and refuses okStatuses 'all'", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(416, { 'Content-Range': 'bytes */4' });
      res.end();
    });
    const t = transport();
    const response = await t.sendStream({ method: 'GET', url: `${srv.url}/f`, service: 'image', headers: { Range: 'bytes=4-' }, okStatuses: [416] });
    expect(response.status).toBe(416);
    expect((await readAll(response.body)).length).toBe(0);
    expect(srv.seen[0]?.headers.range).toBe('bytes=4-');
    await expect(t.sendStream({ method: 'GET', url: `${srv.url}/f`, service: 'image', okStatuses: 'all' })).rejects.toThrow(TypeError);
  });
});

describe('Transport request bodies as streams', () => {
  const okServer = () =>
    server((_req, res) => {
      res.writeHead(204);
      res.end();
    });

  it('sends an async iterable with a known length as Content-Length, counting bytes as they go', async () => {
    const srv = await okServer();
    async function* chunks() {
      for (let i = 0; i < 4; i++) yield new Uint8Array(1000).fill(65 + i);
    }
    const counts: number[] = [];
    await transport().send({ method: 'PUT', url: `${srv.url}/v2/images/i1/file`, service: 'image', stream: { source: chunks(), length: 4000, onBytes: (n) => counts.push(n) } });
    const seen = srv.seen[0] as Seen;
    expect(seen.headers['content-length']).toBe('4000');
    expect(seen.headers['content-type']).toBe('application/octet-stream');
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.body.length).toBe(4000);
    expect(seen.body.subarray(3000, 3001).toString()).toBe('D');
    expect(counts).toEqual([1000, 2000, 3000, 4000]);
  });

  it('sends a stream of unknown length chunked, and keeps a Content-Type of its own', async () => {
    const srv = await okServer();
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('hello '));
        controller.enqueue(new TextEncoder().encode('world'));
        controller.close();
      },
    });
    await transport().send({ method: 'PUT', url: `${srv.url}/obj`, service: 'object-store', headers: { 'Content-Type': 'text/plain' }, stream: { source } });
    const seen = srv.seen[0] as Seen;
    expect(seen.headers['transfer-encoding']).toBe('chunked');
    expect(seen.headers['content-type']).toBe('text/plain');
    expect(seen.body.toString()).toBe('hello world');
  });

  it('repeats a failed upload only when it can make the stream again', async () => {
    const srv = await server((_req, res, _seen, i) => {
      if (i < 2) {
        res.writeHead(503, { 'Retry-After': '0' });
        res.end('busy');
      } else {
        res.writeHead(204);
        res.end();
      }
    });
    const t = transport();
    const bytes = () => (async function* () {
      yield new TextEncoder().encode('payload');
    })();
    // A one-shot stream: its bytes are gone after the first attempt, so the 503 is the answer.
    await expect(t.send({ method: 'PUT', url: `${srv.url}/o`, service: 'object-store', stream: { source: bytes() } })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(srv.seen).toHaveLength(1);
    // A factory: the second attempt sends the whole payload again.
    await t.send({ method: 'PUT', url: `${srv.url}/o`, service: 'object-store', stream: { source: bytes, length: 7 } });
    expect(srv.seen.map((s) => s.body.toString())).toEqual(['payload', 'payload', 'payload']);
  });
});

describe('ServiceClient.requestStream', () => {
  it('joins the path to the endpoint, never answers from the cache, and a streamed upload clears the kind cached', async () => {
    let listed = 0;
    const srv = await server((req, res) => {
      if (req.url === '/v2/images') {
        listed++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ images: [] }));
        return;
      }
      res.writeHead(req.method === 'PUT' ? 204 : 200);
      res.end(req.method === 'PUT' ? undefined : 'disk-bytes');
    });
    const image = new HttpServiceClient({ serviceType: 'image', endpoint: `${srv.url}/v2`, version: '2', transport: transport(), logger: silentLogger, cache: new ResponseCache(new Keyv(), 'scope', { 'image.images': 3600 }) });
    for (let i = 0; i < 2; i++) expect((await readAll((await image.requestStream('GET', '/images/i1/file')).body)).toString()).toBe('disk-bytes');
    expect(srv.seen.filter((s) => s.url === '/v2/images/i1/file')).toHaveLength(2);
    await image.get('/images');
    await image.get('/images');
    expect(listed).toBe(1);
    await image.requestStream('PUT', '/images/i1/file', { stream: { source: () => (async function* () { yield new TextEncoder().encode('new'); })(), length: 3 } });
    await image.get('/images');
    expect(listed).toBe(2);
    expect(srv.seen.filter((s) => s.method === 'PUT').at(-1)?.body.toString()).toBe('new');
  });
});

describe('Operation byte progress', () => {
  it('passes bytes and totalBytes through to listeners', async () => {
    const events: OperationProgress[] = [];
    const op = new Operation<number, string>(async (control) => {
      await Promise.resolve();
      control.accept('i1');
      control.progress({ step: 'download', bytes: 512, totalBytes: 1024 });
      control.progress({ step: 'download', bytes: 1024, totalBytes: 1024 });
      return 1024;
    });
    op.onProgress((p) => events.push(p));
    await op;
    expect(events.map((e) => [e.bytes, e.totalBytes])).toEqual([[512, 1024], [1024, 1024]]);
  });
});
