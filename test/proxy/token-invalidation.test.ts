import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';
import { zed } from '../support/fixtures.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
const stubs: Stub[] = [];
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  proxy = undefined;
});

/** Keystone issuing tok-1, tok-2, ... and nova accepting any token; both behind the proxy. */
async function start() {
  let issued = 0;
  const identity = await startStubServer((req) =>
    req.method === 'POST' && req.url === '/v3/auth/tokens' ? { status: 201, body: zed(3).response.body, headers: { 'X-Subject-Token': `tok-${++issued}` } } : { status: 404, body: {} },
  );
  const compute = await startStubServer((req) => (req.headers['x-auth-token'] ? { status: 200, body: { servers: [] } } : { status: 401, body: {} }));
  stubs.push(identity, compute);
  proxy = await startFaultProxy({ upstreams: [{ origin: identity.url, service: 'identity' }, { origin: compute.url, service: 'compute' }], discover: false });
  const p = proxy;
  return {
    identity,
    compute,
    proxy: p,
    auth: async () => (await fetch(p.url(`${identity.url}/v3/auth/tokens`), { method: 'POST', body: '{}' })).headers.get('x-subject-token') ?? '',
    list: (token?: string) => fetch(p.url(`${compute.url}/v2.1/servers`), { headers: token ? { 'X-Auth-Token': token } : {} }),
  };
}

describe('the fault proxy invalidates tokens', () => {
  it('rejects tokens issued before "now" with keystone’s 401, and accepts the next one', async () => {
    const { proxy, compute, auth, list } = await start();
    const old = await auth();
    expect((await list(old)).status).toBe(200);
    proxy.set({ invalidateTokens: { issuedBefore: 'now' } });
    const denied = await list(old);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
    expect(denied.headers.get('www-authenticate')).toBe(`Keystone uri="http://127.0.0.1:${proxy.port}"`);
    expect(compute.requests).toHaveLength(1);
    const fresh = await auth();
    expect(fresh).not.toBe(old);
    expect((await list(fresh)).status).toBe(200);
    expect(proxy.stats.faults.tokenInvalid).toBe(1);
  });

  it('treats a token it never saw issued as old', async () => {
    const { proxy, list } = await start();
    proxy.set({ invalidateTokens: { issuedBefore: Date.now() } });
    expect((await list('minted-elsewhere')).status).toBe(401);
  });

  it('rejects the next N authenticated requests, whatever their token, then lets them through', async () => {
    const { proxy, auth, list } = await start();
    const token = await auth();
    proxy.set({ invalidateTokens: { next: 2 } });
    expect((await list()).status).toBe(401); // no token: the cloud's own 401, not counted
    expect(proxy.stats.faults.tokenInvalid).toBe(0);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await list(token)).status);
    expect(statuses).toEqual([401, 401, 200, 200]);
    expect(proxy.faults.invalidateTokens?.next).toBe(0);
  });

  it('can spare keystone and hit only the services in scope', async () => {
    const { proxy, identity, auth, list } = await start();
    const token = await auth();
    proxy.set({ invalidateTokens: { issuedBefore: 'now' }, scope: { exceptServices: ['identity'] } });
    const validate = await fetch(proxy.url(`${identity.url}/v3/auth/tokens`), { headers: { 'X-Auth-Token': token, 'X-Subject-Token': token } });
    expect(validate.status).toBe(404); // the stub keystone's own answer: the request went through
    expect((await list(token)).status).toBe(401);
    proxy.set({ invalidateTokens: { next: 1 }, scope: { services: ['identity'] } });
    expect((await list(token)).status).toBe(200);
  });
});
