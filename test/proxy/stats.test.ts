import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, routeOf, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
const stubs: Stub[] = [];
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  proxy = undefined;
});

async function start() {
  const compute = await startStubServer((req) => (req.url.endsWith('/missing') ? { status: 404, body: {} } : { status: 200, body: {} }));
  const network = await startStubServer(() => ({ status: 201, body: {} }));
  stubs.push(compute, network);
  proxy = await startFaultProxy({ upstreams: [compute.url, network.url], serviceNames: { [Number(new URL(compute.url).port)]: 'compute' } });
  return { compute, network, proxy };
}

describe('the fault proxy counts requests', () => {
  it('by method, service, route and status, with a log', async () => {
    const { compute, network, proxy } = await start();
    const server = '6f1c2a9e-0b3d-4c5e-8f70-123456789abc';
    await fetch(proxy.url(`${compute.url}/v2.1/servers/detail?changes-since=2026-01-01`));
    await fetch(proxy.url(`${compute.url}/v2.1/servers/detail`));
    await fetch(proxy.url(`${compute.url}/v2.1/servers/${server}`));
    await fetch(proxy.url(`${compute.url}/v2.1/missing`));
    await fetch(proxy.url(`${network.url}/v2.0/floatingips`), { method: 'POST', body: '{}' });
    const networkName = `127.0.0.1:${new URL(network.url).port}`;
    expect(proxy.stats.total).toBe(5);
    expect(proxy.stats.forwarded).toBe(5);
    expect(proxy.stats.byMethod).toEqual({ GET: 4, POST: 1 });
    expect(proxy.stats.byService).toEqual({ compute: 4, [networkName]: 1 });
    expect(proxy.stats.byRoute).toEqual({
      'GET /v2.1/servers/detail': 2,
      'GET /v2.1/servers/{id}': 1,
      'GET /v2.1/missing': 1,
      'POST /v2.0/floatingips': 1,
    });
    expect(proxy.stats.byStatus).toEqual({ 200: 3, 404: 1, 201: 1 });
    expect(proxy.stats.log.map((e) => [e.seq, e.method, e.service, e.path, e.status])).toEqual([
      [1, 'GET', 'compute', '/v2.1/servers/detail?changes-since=2026-01-01', 200],
      [2, 'GET', 'compute', '/v2.1/servers/detail', 200],
      [3, 'GET', 'compute', `/v2.1/servers/${server}`, 200],
      [4, 'GET', 'compute', '/v2.1/missing', 404],
      [5, 'POST', networkName, '/v2.0/floatingips', 201],
    ]);
  });

  it('counts faults by kind and keeps tokens out of the log', async () => {
    const { compute, proxy } = await start();
    proxy.set({ rateLimitRate: 1 });
    await fetch(proxy.url(`${compute.url}/v2.1/servers`), { headers: { 'X-Auth-Token': 'secret-token-value' } });
    proxy.set({ error5xxRate: 1 });
    await fetch(proxy.url(`${compute.url}/v2.1/servers`));
    expect(proxy.stats.faults).toMatchObject({ rateLimit: 1, error5xxBefore: 1 });
    expect(proxy.stats.forwarded).toBe(0);
    expect(proxy.stats.log.map((e) => e.fault)).toEqual(['rateLimit', 'error5xxBefore']);
    expect(JSON.stringify(proxy.stats)).not.toContain('secret-token-value');
  });

  it('zeroes everything in place on resetStats()', async () => {
    const { compute, proxy } = await start();
    const live = proxy.stats;
    proxy.set({ rateLimitRate: 1 });
    await fetch(proxy.url(`${compute.url}/v2.1/servers`));
    proxy.resetStats();
    expect(live).toEqual({
      total: 0, forwarded: 0, byMethod: {}, byService: {}, byRoute: {}, byStatus: {}, log: [], logDropped: 0,
      faults: { latency: 0, error5xxBefore: 0, error5xxAfter: 0, rateLimit: 0, resetBefore: 0, resetAfter: 0, slowBody: 0, tokenInvalid: 0 },
    });
  });

  it('stops logging at logLimit and counts what it left out', async () => {
    const stub = await startStubServer(() => ({ status: 200, body: {} }));
    stubs.push(stub);
    proxy = await startFaultProxy({ upstreams: [stub.url], logLimit: 2 });
    for (let i = 0; i < 5; i += 1) await fetch(proxy.url(stub.url));
    expect(proxy.stats.log).toHaveLength(2);
    expect(proxy.stats.logDropped).toBe(3);
    expect(proxy.stats.total).toBe(5);
  });

  it.each([
    ['GET', '/v2.1/servers/detail?limit=1', 'GET /v2.1/servers/detail'],
    ['POST', '/v2.1/servers/6f1c2a9e-0b3d-4c5e-8f70-123456789abc/action', 'POST /v2.1/servers/{id}/action'],
    ['GET', '/v3/18de52c772cd448cadd9b8dc21925ae0/volumes/detail', 'GET /v3/{id}/volumes/detail'],
    ['GET', '/v2.1/flavors/42', 'GET /v2.1/flavors/{id}'],
    ['GET', '/v2.1/os-keypairs/my-key', 'GET /v2.1/os-keypairs/my-key'],
    ['GET', '/', 'GET /'],
  ])('routeOf(%s, %s) is %s', (method, path, route) => {
    expect(routeOf(method, path)).toBe(route);
  });
});
