import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, type FaultScope, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
const stubs: Stub[] = [];
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  proxy = undefined;
});

/** Which of four requests (GET/POST on compute, GET/POST on network) get the 503 under a scope. */
async function hitBy(scope: FaultScope): Promise<string[]> {
  const compute = await startStubServer(() => ({ status: 200, body: {} }));
  const network = await startStubServer(() => ({ status: 200, body: {} }));
  stubs.push(compute, network);
  proxy = await startFaultProxy({ upstreams: [{ origin: compute.url, service: 'compute' }, { origin: network.url, service: 'network' }], faults: { error5xxRate: 1, scope } });
  const hits: string[] = [];
  for (const [name, stub, path] of [['compute', compute, '/v2.1/servers'], ['network', network, '/v2.0/floatingips']] as const) {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(proxy.url(`${stub.url}${path}`), { method, ...(method === 'POST' ? { body: '{}' } : {}) });
      if (res.status === 503) hits.push(`${method} ${name}`);
    }
  }
  return hits;
}

describe('fault scopes choose which requests are hit', () => {
  it.each<[string, FaultScope, string[]]>([
    ['no scope', {}, ['GET compute', 'POST compute', 'GET network', 'POST network']],
    ['POST only', { methods: ['POST'] }, ['POST compute', 'POST network']],
    ['lower-case methods', { methods: ['post'] }, ['POST compute', 'POST network']],
    ['one service by name', { services: ['network'] }, ['GET network', 'POST network']],
    ['all but one service', { exceptServices: ['compute'] }, ['GET network', 'POST network']],
    ['a path', { path: /\/servers$/ }, ['GET compute', 'POST compute']],
    ['methods and services together', { methods: ['POST'], services: ['compute'] }, ['POST compute']],
  ])('%s', async (_name, scope, expected) => {
    expect(await hitBy(scope)).toEqual(expected);
  });

  it('accepts upstream ports as well as names', async () => {
    const stub = await startStubServer(() => ({ status: 200, body: {} }));
    stubs.push(stub);
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { rateLimitRate: 1, scope: { services: [Number(new URL(stub.url).port)] } } });
    expect((await fetch(proxy.url(stub.url))).status).toBe(429);
    proxy.set({ rateLimitRate: 1, scope: { services: [1] } });
    expect((await fetch(proxy.url(stub.url))).status).toBe(200);
  });

  it('lets a per-kind scope replace the general one', async () => {
    const stub = await startStubServer(() => ({ status: 200, body: {} }));
    stubs.push(stub);
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { rateLimitRate: 1, error5xxRate: 1, scope: { methods: ['POST'] }, scopes: { rateLimit: { methods: ['GET'] } } } });
    expect((await fetch(proxy.url(stub.url))).status).toBe(429);
    expect((await fetch(proxy.url(stub.url), { method: 'POST', body: '{}' })).status).toBe(503);
  });
});
