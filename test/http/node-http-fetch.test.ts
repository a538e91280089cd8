/**
 * The node:http sender (src/http/node-http-fetch.ts) against local servers: what the transport relies on —
 * streamed request bodies, streamed and cancellable responses, AbortSignal, redirects, TLS settings, keep-alive
 * — checked from the server's side (what arrived, on which socket, when it closed), never from the sender's own
 * counters. No timing luck: every wait is on an event the server or the sender reports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError } from '../../src/errors/index.js';
import { errorCode, wasNeverSent } from '../../src/internal/never-sent.js';
import { silentLogger } from '../../src/internal/logger.js';
import { createNodeHttpFetch, type NodeHttpFetch } from '../../src/http/node-http-fetch.js';
import { Transport } from '../../src/http/transport.js';

type Handler = (req: IncomingMessage, res: ServerResponse, socketIndex: number) => void;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A loopback server; each request is told the index of the connection it came on. */
async function serve(handler: Handler, make: (h: (req: IncomingMessage, res: ServerResponse) => void) => Server = (h) => createServer(h)) {
  const sockets: Socket[] = [];
  const closed: number[] = [];
  const srv = make((req, res) => handler(req, res, sockets.indexOf(req.socket)));
  srv.on('addContext' in srv ? 'secureConnection' : 'connection', (s: Socket) => {
    const index = sockets.push(s) - 1;
    s.on('close', () => closed.push(index));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  );
  const proto = 'addContext' in srv ? 'https' : 'http';
  return { url: `${proto}://127.0.0.1:${(srv.address() as AddressInfo).port}`, sockets, closed };
}

function sender(options: Parameters<typeof createNodeHttpFetch>[0] = {}): NodeHttpFetch {
  const send = createNodeHttpFetch(options);
  cleanups.push(() => send.close());
  return send;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/** A promise and the function that resolves it. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createNodeHttpFetch: requests and responses', () => {
  it('sends method, headers and a JSON body with its length, and reads status, headers and JSON back', async () => {
    let seen: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const { url } = await serve(async (req, res) => {
      seen = { method: req.method, headers: req.headers, body: (await readBody(req)).toString() };
      res.writeHead(201, 'Created', { 'Content-Type': 'application/json', 'X-Openstack-Request-Id': 'req-1' });
      res.end('{"ok":true}');
    });
    const res = await sender()(`${url}/v3/things?x=1`, { method: 'post', headers: new Headers({ 'X-Auth-Token': 'tok', 'Content-Type': 'application/json' }), body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Created');
    expect(res.ok).toBe(true);
    expect(res.url).toBe(`${url}/v3/things?x=1`);
    expect(res.headers.get('x-openstack-request-id')).toBe('req-1');
    expect(await res.json()).toEqual({ ok: true });
    expect(seen.method).toBe('POST');
    expect(seen.headers?.['x-auth-token']).toBe('tok');
    expect(seen.headers?.['content-length']).toBe('7');
    expect(seen.body).toBe('{"a":1}');
  });

  it('a 204 and a HEAD have no body, and their socket is kept for the next request', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.method === 'HEAD' ? 200 : 204, { 'Content-Length': req.method === 'HEAD' ? '10' : '0' });
      res.end();
    });
    const send = sender();
    const a = await send(`${server.url}/a`, { method: 'DELETE' });
    expect(a.status).toBe(204);
    expect(a.body).toBeNull();
    const b = await send(`${server.url}/b`, { method: 'HEAD' });
    expect(b.headers.get('content-length')).toBe('10');
    expect(b.body).toBeNull();
    const c = await send(`${server.url}/c`, { method: 'DELETE' });
    expect(c.status).toBe(204);
    expect(server.sockets.length).toBe(1);
  });

  it('streams a request body chunked as it is read: the server has the first chunk before the second is made', async () => {
    const firstArrived = deferred();
    let received = '';
    let transferEncoding: string | undefined;
    const { url } = await serve((req, res) => {
      transferEncoding = req.headers['transfer-encoding'];
      req.on('data', (c: Buffer) => {
        received += c.toString();
        if (received.startsWith('one')) firstArrived.resolve();
      });
      req.on('end', () => res.end(`got ${received.length}`));
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('one'));
      },
      async pull(controller) {
        await firstArrived.promise;
        controller.enqueue(new TextEncoder().encode('two'));
        controller.close();
      },
    });
    const res = await sender()(`${url}/obj`, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(await res.text()).toBe('got 6');
    expect(received).toBe('onetwo');
    expect(transferEncoding).toBe('chunked');
  });

  it('a stream body with a Content-Length is sent with that length, not chunked', async () => {
    let headers: IncomingMessage['headers'] = {};
    const { url } = await serve(async (req, res) => {
      headers = req.headers;
      res.end(String((await readBody(req)).length));
    });
    async function* source() {
      yield new Uint8Array(5000).fill(1);
      yield 'abc';
    }
    const res = await sender()(`${url}/obj`, { method: 'PUT', headers: { 'Content-Length': '5003' }, body: source() as unknown as BodyInit });
    expect(await res.text()).toBe('5003');
    expect(headers['content-length']).toBe('5003');
    expect(headers['transfer-encoding']).toBeUndefined();
  });

  it('a source that fails destroys the request: fetch failed, caused by the source error', async () => {
    const { url } = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.end('never'));
    });
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('disk gone'));
      },
    });
    const error = await sender()(`${url}/obj`, { method: 'PUT', body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).cause)).toMatch(/disk gone/);
  });

  it('streams a response body chunk by chunk, and cancelling it closes the connection', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(Buffer.alloc(1000, 1));
      // never ends: only the client's cancel ends this exchange
    });
    const res = await sender()(`${server.url}/big`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBe(1000);
    const closed = new Promise<void>((resolve) => server.sockets[0]?.on('close', () => resolve()));
    await reader.cancel();
    await closed;
    expect(server.closed).toEqual([0]);
  });

  it('a connection that breaks off mid-body fails the read with TypeError caused by ECONNRESET', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'Content-Length': '100000' });
      res.write(Buffer.alloc(100));
      setImmediate(() => req.socket.destroy());
    });
    const res = await sender()(`${url}/x`);
    const error = await res.arrayBuffer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(errorCode(error)).toBe('ECONNRESET');
  });

  it('a refused connection is fetch failed with ECONNREFUSED: never sent', async () => {
    const { url } = await serve(() => undefined);
    cleanups.splice(0).forEach((c) => void c());
    await new Promise((r) => setImmediate(r));
    const error = await sender()(`${url}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(wasNeverSent(error)).toBe(true);
  });
});

describe('createNodeHttpFetch: AbortSignal', () => {
  it('aborting while waiting for the headers rejects with the reason and closes the connection', async () => {
    const arrived = deferred();
    const server = await serve(() => arrived.resolve());
    const controller = new AbortController();
    const pending = sender()(`${server.url}/slow`, { signal: controller.signal });
    await arrived.promise;
    const closed = new Promise<void>((resolve) => server.sockets[0]?.on('close', () => resolve()));
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await closed;
  });

  it('aborting during the body fails the read with the reason', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200);
      res.write('part');
    });
    const controller = new AbortController();
    const res = await sender()(`${url}/x`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const reason = new DOMException('no bytes', 'TimeoutError');
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });

  it('an already aborted signal sends nothing', async () => {
    const server = await serve((_req, res) => res.end());
    const controller = new AbortController();
    controller.abort(new Error('before'));
    await expect(sender()(`${server.url}/x`, { signal: controller.signal })).rejects.toThrow('before');
    expect(server.sockets.length).toBe(0);
  });

  it('the transport over it: a stalled body is a timed-out ConnectionError, and a slow answer times out the attempt', async () => {
    const { url } = await serve((req, res) => {
      if (req.url === '/stall') {
        res.writeHead(200);
        res.write('x');
      }
    });
    const transport = new Transport({ logger: silentLogger, fetch: sender(), maxRetries: 0, timeoutMs: 150 });
    const streamed = await transport.sendStream({ method: 'GET', url: `${url}/stall`, service: 'object-store', authenticated: false });
    const reader = streamed.body.getReader();
    await reader.read();
    const stalled = await reader.read().catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(ConnectionError);
    expect((stalled as ConnectionError).timedOut).toBe(true);
    const slow = await transport.send({ method: 'GET', url: `${url}/never`, service: 'compute', authenticated: false }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(ConnectionError);
    expect((slow as ConnectionError).timedOut).toBe(true);
  });
});

describe('createNodeHttpFetch: redirects', () => {
  it('follows a 302 on a GET (the final URL is the response url), and keeps it with redirect manual', async () => {
    const { url } = await serve((req, res) => {
      if (req.url === '/v2.1') {
        res.writeHead(302, { Location: '/v2.1/' });
        res.end();
      } else res.end(`at ${req.url}`);
    });
    const send = sender();
    const followed = await send(`${url}/v2.1`);
    expect(await followed.text()).toBe('at /v2.1/');
    expect(followed.url).toBe(`${url}/v2.1/`);
    expect(followed.redirected).toBe(true);
    const manual = await send(`${url}/v2.1`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
  });

  it("redirect 'error' rejects, a stream body is never sent twice, and another origin gets no Authorization", async () => {
    const other = await serve((req, res) => res.end(`auth=${req.headers.authorization ?? 'none'} token=${req.headers['x-auth-token'] ?? 'none'}`));
    const { url } = await serve((req, res) => {
      req.resume();
      res.writeHead(307, { Location: req.url === '/away' ? `${other.url}/here` : '/again' });
      res.end();
    });
    const send = sender();
    await expect(send(`${url}/x`, { redirect: 'error' })).rejects.toThrow('fetch failed');
    const stream = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new Uint8Array(3)), c.close()) });
    const replay = await send(`${url}/x`, { method: 'PUT', body: stream }).catch((e: unknown) => e);
    expect(String((replay as Error).cause)).toMatch(/streamed body again/);
    const away = await send(`${url}/away`, { headers: { Authorization: 'Basic x', 'X-Auth-Token': 't' } });
    expect(await away.text()).toBe('auth=none token=t');
  });
});

describe('createNodeHttpFetch: keep-alive', () => {
  it('sends one request after another on one socket, and closes it once idle for keepAliveMs', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const send = sender({ keepAliveMs: 100 });
    for (let i = 0; i < 3; i++) expect(await (await send(`${server.url}/${i}`)).text()).toBe('ok');
    expect(server.sockets.length).toBe(1);
    await new Promise<void>((resolve) => (server.closed.length ? resolve() : server.sockets[0]?.on('close', () => resolve())));
    expect(server.closed).toEqual([0]);
  });

  it('an answer slower than keepAliveMs is not cut: the idle limit is for sockets in the pool only', async () => {
    const server = await serve((_req, res) => setTimeout(() => res.end('late'), 300));
    const res = await sender({ keepAliveMs: 50 })(`${server.url}/slow`);
    expect(await res.text()).toBe('late');
  });

  it('a kept socket that the server closed as a GET went out is replaced once; a POST is not sent again', async () => {
    let requests = 0;
    const server = await serve((req, res, socketIndex) => {
      requests++;
      // The second request on each socket: hang up without answering, as a server that just timed it out.
      if (requests === 2 || requests === 4) return req.socket.destroy();
      void readBody(req).then((b) => res.end(`socket ${socketIndex} ${b.length}`));
    });
    const send = sender();
    expect(await (await send(`${server.url}/a`)).text()).toBe('socket 0 0');
    expect(await (await send(`${server.url}/b`)).text()).toBe('socket 1 0');
    expect(requests).toBe(3);
    const post = await send(`${server.url}/c`, { method: 'POST', body: 'abc' }).catch((e: unknown) => e);
    expect(post).toBeInstanceOf(TypeError);
    expect(errorCode(post)).toBe('ECONNRESET');
    expect(requests).toBe(4);
  });

  it('concurrent requests open sockets side by side (unlimited by default, capped by maxSockets)', async () => {
    const waiting: ServerResponse[] = [];
    const all = deferred();
    const server = await serve((_req, res) => {
      waiting.push(res);
      if (waiting.length === 2) all.resolve();
    });
    const send = sender({ maxSockets: 2 });
    const pending = [1, 2, 3].map((i) => send(`${server.url}/${i}`).then((r) => r.text()));
    await all.promise;
    expect(server.sockets.length).toBe(2);
    for (const res of waiting.splice(0)) res.end('done');
    await new Promise<void>((resolve) => {
      const check = () => (waiting.length === 1 ? resolve() : setImmediate(check));
      check();
    });
    waiting[0]?.end('done');
    expect(await Promise.all(pending)).toEqual(['done', 'done', 'done']);
    expect(server.sockets.length).toBe(2);
  });
});

describe('createNodeHttpFetch: TLS settings', () => {
  let dir: string;
  const pem = (name: string) => readFileSync(join(dir, name), 'utf8');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'canopy-nhf-'));
    const cert = (name: string) =>
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, `${name}-key.pem`), '-out', join(dir, `${name}.pem`), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    cert('server');
    cert('client');
  });
  afterAll(() => undefined);

  const tlsServe = () =>
    serve(
      (req, res) => {
        const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
        res.end(peer && 'subject' in peer && peer.subject ? 'client cert' : 'no client cert');
      },
      (h) => createTlsServer({ key: pem('server-key.pem'), cert: pem('server.pem'), requestCert: true, rejectUnauthorized: false }, h) as unknown as Server,
    );

  it('refuses a self-signed server by default (never sent), trusts it with its CA, and connects with verification off', async () => {
    const { url } = await tlsServe();
    const refused = await sender()(`${url}/`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TypeError);
    expect(wasNeverSent(refused)).toBe(true);
    expect(await (await sender({ tls: { ca: pem('server.pem') } })(`${url}/`)).text()).toBe('no client cert');
    expect((await sender({ tls: { rejectUnauthorized: false } })(`${url}/`)).status).toBe(200);
  });

  it('presents a client certificate', async () => {
    const { url } = await tlsServe();
    const res = await sender({ tls: { ca: pem('server.pem'), cert: pem('client.pem'), key: pem('client-key.pem') } })(`${url}/`);
    expect(await res.text()).toBe('client cert');
  });
});
