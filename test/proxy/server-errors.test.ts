import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';
import { parseErrorBody } from '../../src/http/error-body.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
let stub: Stub | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await stub?.close();
  proxy = stub = undefined;
});

async function start(service: string) {
  stub = await startStubServer(() => ({ status: 202, body: { server: { id: 'x' } } }));
  proxy = await startFaultProxy({ upstreams: [{ origin: stub.url, service }] });
  return { stub, proxy, url: proxy.url(`${stub.url}/v2.1/servers`) };
}

describe('the fault proxy answers 5xx', () => {
  it('before forwarding: the cloud never sees the request', async () => {
    const { stub, proxy, url } = await start('compute');
    proxy.set({ error5xxRate: 1 });
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"server":{}}' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ serviceUnavailable: { code: 503, message: expect.any(String) } });
    expect(res.headers.get('x-compute-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(stub.requests).toHaveLength(0);
    expect(proxy.stats.log[0]).toMatchObject({ status: 503, forwarded: false, fault: 'error5xxBefore' });
  });

  it('after forwarding: the cloud did the work, the client only sees the 5xx', async () => {
    const { stub, proxy, url } = await start('compute');
    proxy.set({ error5xxRate: 1, afterForwardRate: 1 });
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"server":{}}' });
    expect(res.status).toBe(503);
    expect(stub.requests.map((r) => r.body)).toEqual(['{"server":{}}']);
    expect(proxy.stats.log[0]).toMatchObject({ status: 503, forwarded: true, upstreamStatus: 202, fault: 'error5xxAfter' });
    expect(proxy.stats.faults).toMatchObject({ error5xxBefore: 0, error5xxAfter: 1 });
  });

  it('error5xxNext: exactly the next N requests in scope fail, before forwarding, then the rate decides again', async () => {
    const { stub, proxy, url } = await start('compute');
    proxy.set({ error5xxNext: 2, scope: { methods: ['DELETE'] } });
    const statuses: number[] = [];
    for (const method of ['GET', 'DELETE', 'GET', 'DELETE', 'DELETE']) statuses.push((await fetch(url, { method })).status);
    expect(statuses).toEqual([202, 503, 202, 503, 202]);
    expect(stub.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'DELETE']);
    expect(proxy.faults.error5xxNext).toBe(0);
    expect(proxy.stats.faults.error5xxBefore).toBe(2);
  });

  it.each([
    ['identity', 503, 'Service Unavailable'],
    ['compute', 500, 'computeFault'],
    ['block-storage', 503, 'serviceUnavailable'],
    ['network', 503, 'HTTPServiceUnavailable'],
    ['image', 500, 'Internal Server Error'],
    ['placement', 503, 'Service Unavailable'],
  ] as const)('%s %i carries the service’s own error body (kind %s)', async (service, status, kind) => {
    const { proxy, url } = await start(service);
    proxy.set({ error5xxRate: 1, error5xxStatus: status });
    const res = await fetch(url);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(parseErrorBody(await res.json()).kind).toBe(kind);
  });

  it.each([
    ['a 502', { error5xxStatus: 502 } as const, 502],
    ['a 504', { error5xxStatus: 504 } as const, 504],
    ['a balancer 503 when asked', { error5xxBody: 'balancer' } as const, 503],
  ])('%s comes as a load balancer page', async (_name, extra, status) => {
    const { proxy, url } = await start('compute');
    proxy.set({ error5xxRate: 1, ...extra });
    const res = await fetch(url);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain(`<h1>${status} `);
  });

  it('adds Retry-After when asked', async () => {
    const { proxy, url } = await start('network');
    proxy.set({ error5xxRate: 1, error5xxRetryAfterSeconds: 3 });
    expect((await fetch(url)).headers.get('retry-after')).toBe('3');
  });

  it('splits between before and after forwarding by afterForwardRate', async () => {
    const { stub, proxy, url } = await start('compute');
    proxy.set({ error5xxRate: 1, afterForwardRate: 0.5 }, 11);
    for (let i = 0; i < 40; i += 1) expect((await fetch(url)).status).toBe(503);
    const { error5xxBefore, error5xxAfter } = proxy.stats.faults;
    expect(error5xxBefore + error5xxAfter).toBe(40);
    expect(error5xxAfter).toBe(stub.requests.length);
    expect(error5xxBefore).toBeGreaterThan(5);
    expect(error5xxAfter).toBeGreaterThan(5);
  });
});
