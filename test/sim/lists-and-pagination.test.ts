import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, pollUntil, type Session } from './raw-client.js';

describe('lists: pagination links and changes-since', () => {
  let sim: Simulator;
  let s: Session;
  const mv = { 'OpenStack-API-Version': 'compute 2.93' };
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed', buildTimeMs: 30, servers: 3 });
    s = await login(sim);
  });
  afterAll(() => sim.stop());

  it('gives nova servers_links next on a full page, none on the empty last page', async () => {
    const all = (await call(`${s.urls.compute}/servers/detail`, { token: s.token, headers: mv })).body.servers;
    expect(all).toHaveLength(3);
    let url = `${s.urls.compute}/servers/detail?limit=2`;
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      const page = await call(url, { token: s.token, headers: mv });
      pages++;
      seen.push(...page.body.servers.map((x: { id: string }) => x.id));
      const next = page.body.servers_links?.find((l: { rel: string }) => l.rel === 'next');
      if (!next) break;
      url = next.href;
    }
    expect(seen).toEqual(all.map((x: { id: string }) => x.id));
    expect(pages).toBe(2);
  });

  it('lists deleted servers only under changes-since, inclusive to the second', async () => {
    const first = (await call(`${s.urls.compute}/servers`, { token: s.token })).body.servers[0];
    const before = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await call(`${s.urls.compute}/servers/${first.id}`, { method: 'DELETE', token: s.token });
    await pollUntil(() => call(`${s.urls.compute}/servers/${first.id}`, { token: s.token }), (r) => r.status === 404);
    const plain = (await call(`${s.urls.compute}/servers/detail`, { token: s.token, headers: mv })).body.servers;
    expect(plain.map((x: { id: string }) => x.id)).not.toContain(first.id);
    const changed = (await call(`${s.urls.compute}/servers/detail?changes-since=${before}`, { token: s.token, headers: mv })).body.servers;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ id: first.id, status: 'DELETED', 'OS-EXT-STS:vm_state': 'deleted', addresses: {} });
    expect(changed[0]).not.toHaveProperty('security_groups');
    const exact = changed[0].updated;
    expect((await call(`${s.urls.compute}/servers/detail?changes-since=${exact}`, { token: s.token, headers: mv })).body.servers).toHaveLength(1);
  });

  it('gives neutron next + previous links (zed) and ignores limit on kilo', async () => {
    const page = await call(`${s.urls.network}/v2.0/networks?limit=1`, { token: s.token });
    expect(page.body.networks).toHaveLength(1);
    expect(page.body.networks_links.map((l: { rel: string }) => l.rel)).toEqual(['next', 'previous']);
    const last = await call(page.body.networks_links[0].href, { token: s.token });
    expect(last.body.networks).toEqual([]);
    expect(last.body.networks_links.map((l: { rel: string }) => l.rel)).toEqual(['previous']);
    const kilo = await startSimulator({ profile: 'kilo' });
    try {
      const k = await login(kilo);
      await call(`${k.urls.network}/v2.0/networks`, { method: 'POST', token: k.token, body: { network: { name: 'extra' } } });
      const ignored = await call(`${k.urls.network}/v2.0/networks?limit=1`, { token: k.token });
      expect(ignored.body.networks).toHaveLength(2);
      expect(ignored.body).not.toHaveProperty('networks_links');
    } finally {
      await kilo.stop();
    }
  });

  it('gives glance a relative next link to be joined to the endpoint root', async () => {
    const first = await call(`${s.urls.image}/v2/images?limit=1`, { token: s.token });
    expect(first.body.next).toMatch(/^\/v2\/images\?limit=1&marker=/);
    const second = await call(`${s.urls.image}${first.body.next}`, { token: s.token });
    expect(second.body.images).toEqual([]);
    expect(second.body).not.toHaveProperty('next');
  });
});
