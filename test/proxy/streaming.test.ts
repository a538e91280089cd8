import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';

let upstream: Server | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  upstream?.closeAllConnections();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  proxy = upstream = undefined;
});

/**
 * An upstream that sends the first half of a binary body, then waits until `release()` before sending the rest:
 * a client can only see the first half before the release if the proxy passes bytes on as they come.
 */
async function halfThenWait(contentType: string, halves?: (origin: string) => [Buffer, Buffer]) {
  let first: Buffer = Buffer.alloc(64 * 1024, 1);
  let second: Buffer = Buffer.alloc(64 * 1024, 2);
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  upstream = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(first.length + second.length), Etag: 'abc' });
    if (req.method === 'HEAD') return res.end();
    res.write(first);
    void released.then(() => res.end(second));
  });
  await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  if (halves) [first, second] = halves(origin);
  proxy = await startFaultProxy({ upstreams: [origin], discover: false, faults: { latencyMs: 5 } });
  return { base: proxy.url(origin), origin, release, first, second };
}

describe('the fault proxy streams bodies it does not rewrite', () => {
  it('passes the first bytes of an object on before the cloud has sent the rest, Content-Length kept', async () => {
    const { base, release, first, second } = await halfThenWait('application/octet-stream');
    const res = await fetch(`${base}/v1/AUTH_x/c/big.bin`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(first.length + second.length));
    expect(res.headers.get('etag')).toBe('abc');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let seen = 0;
    // Without streaming this read would never resolve: the upstream holds the second half until released.
    while (seen < first.length) seen += ((await reader.read()).value?.byteLength ?? 0);
    expect(seen).toBe(first.length);
    release();
    while (!(await reader.read()).done);
    const entry = proxy?.stats.log[0];
    expect(entry).toMatchObject({ method: 'GET', status: 200, forwarded: true, upstreamStatus: 200 });
    expect(proxy?.stats.faults.latency).toBe(1);
  });

  it('answers a HEAD of an object with its Content-Length and no body', async () => {
    const { base } = await halfThenWait('application/octet-stream');
    const res = await fetch(`${base}/v1/AUTH_x/c/big.bin`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(128 * 1024));
    expect(await res.text()).toBe('');
    expect(proxy?.stats.log[0]).toMatchObject({ method: 'HEAD', status: 200 });
  });

  it('still reads a JSON answer whole and rewrites the upstream origins in it', async () => {
    const { base, release, origin } = await halfThenWait('application/json', (o) => [Buffer.from(`{"pad": "${'x'.repeat(1000)}", "next": "`), Buffer.from(`${o}/v1/AUTH_x/c?marker=b"}`)]);
    const answered = fetch(`${base}/v1/AUTH_x/c`);
    release();
    const body = (await (await answered).json()) as { next: string };
    expect(body.next).toBe(`${proxy?.url(origin)}/v1/AUTH_x/c?marker=b`);
  });
});
