import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, pollUntil, type Session } from './raw-client.js';

describe('simulator knobs', () => {
  let sim: Simulator;
  let s: Session;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed', buildTimeMs: 30 });
    s = await login(sim);
  });
  afterAll(() => sim.stop());

  it('answers 401 on every service once the token expired', async () => {
    sim.admin.expireTokens();
    const compute = await call(`${s.urls.compute}/servers`, { token: s.token });
    expect(compute.status).toBe(401);
    expect(compute.body).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
    expect((await call(`${s.urls.network}/v2.0/networks`, { token: s.token })).status).toBe(401);
    expect((await call(`${sim.authUrl}/v3/auth/catalog`, { token: s.token })).status).toBe(401);
    s = await login(sim);
  });

  it('sends 429 with Retry-After and nova overLimit on every Nth request', async () => {
    sim.set({ rateLimit: { every: 2, retryAfterSeconds: 3 } });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await call(`${s.urls.compute}/flavors`, { token: s.token }));
    sim.set({ rateLimit: undefined });
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0]?.headers.get('retry-after')).toBe('3');
    expect(limited[0]?.body.overLimit).toMatchObject({ code: 429, retryAfter: '3' });
  });

  it('sends 503 when unavailable fires', async () => {
    sim.set({ unavailable: { rate: 1 } });
    const res = await call(`${s.urls.network}/v2.0/networks`, { token: s.token });
    sim.set({ unavailable: undefined });
    expect(res.status).toBe(503);
    expect(res.body.NeutronError.type).toBe('ServiceUnavailable');
  });

  it('puts a server booted from fail-image into ERROR with a fault', async () => {
    const imageRef = sim.admin.addImage({ name: 'fail-image' });
    const created = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, body: { server: { name: 'f', imageRef, flavorRef: '42' } } });
    const id = created.body.server.id;
    const done = await pollUntil(() => call(`${s.urls.compute}/servers/${id}`, { token: s.token }), (r) => r.body.server.status !== 'BUILD');
    expect(done.body.server.status).toBe('ERROR');
    expect(Object.keys(done.body.server.fault).sort()).toEqual(['code', 'created', 'message']);
  });

  it('counts requests, in process and over GET /__sim/requests', async () => {
    sim.requests.reset();
    await call(`${s.urls.compute}/flavors`, { token: s.token });
    await call(`${s.urls.compute}/flavors/1`, { token: s.token });
    expect(sim.requests.count({ service: 'compute', path: /^\/v2\.1\/flavors/ })).toBe(2);
    const over = await call(`${sim.baseUrl}/__sim/requests?service=compute`);
    expect(over.body.count).toBe(2);
    expect(over.body.byRoute['compute GET /v2.1/flavors']).toBe(1);
  });

  it('lists 10,000 pre-populated servers through pagination', async () => {
    const big = await startSimulator({ profile: 'zed', servers: 10_000 });
    try {
      const b = await login(big);
      let url: string | undefined = `${b.urls.compute}/servers/detail`;
      let total = 0;
      while (url) {
        const page = await call(url, { token: b.token, headers: { 'OpenStack-API-Version': 'compute 2.93' } });
        total += page.body.servers.length;
        url = page.body.servers_links?.[0]?.href;
      }
      expect(total).toBe(10_000);
    } finally {
      await big.stop();
    }
  });

  it('keeps state across a restart with statePath', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'sim-')), 'state.json');
    const first = await startSimulator({ profile: 'zed', statePath });
    const a = await login(first);
    const created = await call(`${a.urls.network}/v2.0/networks`, { method: 'POST', token: a.token, body: { network: { name: 'kept' } } });
    await first.stop();
    const second = await startSimulator({ profile: 'zed', statePath });
    try {
      const b = await login(second);
      const shown = await call(`${b.urls.network}/v2.0/networks/${created.body.network.id}`, { token: b.token });
      expect(shown.body.network.name).toBe('kept');
    } finally {
      await second.stop();
    }
  });
});
