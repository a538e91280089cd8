import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, pollUntil, type Session } from './raw-client.js';

/** nova's server tags routes on the newton profile (2.38), over plain HTTP. */
describe('simulated nova: server tags', () => {
  let sim: Simulator;
  let s: Session;
  let base: string;
  let imageRef: string;
  const mv = (v: string) => ({ 'OpenStack-API-Version': `compute ${v}`, 'X-OpenStack-Nova-API-Version': v });
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'newton', buildTimeMs: 30, seed: 3 });
    s = await login(sim);
    imageRef = (await call(`${s.urls.image}/v2/images?name=cirros`, { token: s.token })).body.images[0].id;
    const created = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, headers: mv('2.37'), body: { server: { name: 't', imageRef, flavorRef: '42', networks: 'none' } } });
    base = `${s.urls.compute}/servers/${created.body.server.id}`;
    await pollUntil(() => call(base, { token: s.token }), (r) => r.body.server.status === 'ACTIVE');
  });
  afterAll(() => sim.stop());

  it('refuses changes while the server builds (409), takes them once ACTIVE', async () => {
    sim.set({ buildTimeMs: 3_600_000 }); // this one stays in BUILD for the whole test
    const slow = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, headers: mv('2.37'), body: { server: { name: 'slow', imageRef, flavorRef: '42', networks: 'none' } } });
    sim.set({ buildTimeMs: 30 });
    for (const [method, path] of [['PUT', '/tags'], ['PUT', '/tags/a'], ['DELETE', '/tags/a'], ['DELETE', '/tags']] as const) {
      const res = await call(`${s.urls.compute}/servers/${slow.body.server.id}${path}`, { method, token: s.token, headers: mv('2.26'), ...(path === '/tags' && method === 'PUT' ? { body: { tags: ['a'] } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body.conflictingRequest.message).toMatch(/^Cannot '(update|delete) tags?' instance .* while it is in vm_state building$/);
    }
    const replaced = await call(`${base}/tags`, { method: 'PUT', token: s.token, headers: mv('2.26'), body: { tags: ['a', 'b'] } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ tags: ['a', 'b'] });
  });

  it('adds one tag (201 + Location, then 204), checks, deletes one and all', async () => {
    const added = await call(`${base}/tags/c`, { method: 'PUT', token: s.token, headers: mv('2.26') });
    expect(added.status).toBe(201);
    expect(added.headers.get('location')).toBe(`${base}/tags/c`);
    expect((await call(`${base}/tags/c`, { method: 'PUT', token: s.token, headers: mv('2.26') })).status).toBe(204);
    expect((await call(`${base}/tags/c`, { token: s.token, headers: mv('2.26') })).status).toBe(204);
    const missing = await call(`${base}/tags/zzz`, { token: s.token, headers: mv('2.26') });
    expect(missing.status).toBe(404);
    expect(missing.body.itemNotFound.message).toContain("has no tag 'zzz'");
    expect((await call(`${base}/tags`, { token: s.token, headers: mv('2.26') })).body.tags).toEqual(['a', 'b', 'c']);
    expect((await call(base, { token: s.token, headers: mv('2.26') })).body.server.tags).toEqual(['a', 'b', 'c']);
    expect((await call(`${base}/tags/a`, { method: 'DELETE', token: s.token, headers: mv('2.26') })).status).toBe(204);
    expect((await call(`${base}/tags/a`, { method: 'DELETE', token: s.token, headers: mv('2.26') })).status).toBe(404);
    expect((await call(`${base}/tags`, { method: 'DELETE', token: s.token, headers: mv('2.26') })).status).toBe(204);
    expect((await call(`${base}/tags`, { token: s.token, headers: mv('2.26') })).body.tags).toEqual([]);
  });

  it('validates tags like nova (400)', async () => {
    expect((await call(`${base}/tags`, { method: 'PUT', token: s.token, headers: mv('2.26'), body: { tags: ['a,b'] } })).status).toBe(400);
    expect((await call(`${base}/tags`, { method: 'PUT', token: s.token, headers: mv('2.26'), body: { tags: 'a' } })).status).toBe(400);
    expect((await call(`${base}/tags`, { method: 'PUT', token: s.token, headers: mv('2.26'), body: { tags: ['x'.repeat(61)] } })).status).toBe(400);
    const tooMany = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect((await call(`${base}/tags`, { method: 'PUT', token: s.token, headers: mv('2.26'), body: { tags: tooMany } })).status).toBe(400);
  });

  it('has no tags routes below 2.26 (404)', async () => {
    for (const [method, path] of [['GET', '/tags'], ['PUT', '/tags'], ['PUT', '/tags/a'], ['DELETE', '/tags']] as const) {
      const res = await call(`${base}${path}`, { method, token: s.token, headers: mv('2.25'), ...(method === 'PUT' && path === '/tags' ? { body: { tags: ['a'] } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });
});
