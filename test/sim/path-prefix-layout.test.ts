import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicePath } from '../../src/sim/path-prefix.js';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, type Session } from './raw-client.js';

describe("the simulator's path-prefix layout (devstack's one port)", () => {
  let sim: Simulator;
  let s: Session;
  let origin: string;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed', layout: 'prefix', servers: 3, seed: 5 });
    s = await login(sim);
    origin = sim.baseUrl;
  });
  afterAll(() => sim.stop());

  it('serves every service on one port, under its prefix, and says so in the catalog', () => {
    expect(sim.authUrl).toBe(`${origin}/identity`);
    expect(new Set(Object.values(sim.endpoints).map((u) => new URL(u).origin))).toEqual(new Set([origin]));
    expect(s.urls).toMatchObject({
      identity: `${origin}/identity/v3/`,
      compute: `${origin}/compute/v2.1`,
      image: `${origin}/image`,
      network: `${origin}/networking`,
      placement: `${origin}/placement`,
      'block-storage': `${origin}/volume/v3/${s.projectId}`,
    });
  });

  it('version documents link under the prefix', async () => {
    const nova = await call(`${origin}/compute/`);
    expect(nova.body.versions.map((v: { links: Array<{ href: string }> }) => v.links[0]?.href)).toEqual([`${origin}/compute/v2/`, `${origin}/compute/v2.1/`]);
    const keystone = await call(`${origin}/identity/`);
    expect(keystone.status).toBe(300);
    expect(keystone.headers.get('location')).toBe(`${origin}/identity/v3/`);
    const glance = await call(`${origin}/image/`);
    expect(glance.body.versions[0].links[0].href).toMatch(new RegExp(`^${origin}/image/v2/$`));
    const neutron = await call(`${origin}/networking/`);
    expect(neutron.body.versions[0].links[0].href).toMatch(new RegExp(`^${origin}/networking/v2\\.0/?$`));
  });

  it("paging links name the internal address without the prefix, and that address answers 404", async () => {
    const page = await call(`${s.urls.compute}/servers/detail?limit=2`, { token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.93' } });
    const next = new URL(page.body.servers_links[0].href);
    expect(next.origin).not.toBe(origin);
    expect(next.pathname).toBe('/v2.1/servers/detail');
    expect((await call(next.href, { token: s.token })).status).toBe(404);
    const behindPrefix = await call(`${s.urls.compute}/servers/detail${next.search}`, { token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.93' } });
    expect(behindPrefix.body.servers).toHaveLength(1);
    // Self links stay under the prefix, as devstack's do.
    expect(page.body.servers[0].links[0].href).toMatch(new RegExp(`^${origin}/compute/v2\\.1/servers/`));

    const networks = await call(`${s.urls.network}/v2.0/networks?limit=1`, { token: s.token });
    const netNext = new URL(networks.body.networks_links.find((l: { rel: string }) => l.rel === 'next').href);
    expect(netNext.origin).toBe(next.origin);
    expect(netNext.pathname).toBe('/v2.0/networks');
    const images = await call(`${s.urls.image}/v2/images?limit=1`, { token: s.token });
    expect(images.body.next).toMatch(/^\/v2\/images\?limit=1&marker=/);
  });

  it('answers a path under no prefix with the web server 404 page, and logs service paths without the prefix', async () => {
    const stray = await call(`${origin}/v2.1/servers`, { token: s.token });
    expect(stray.status).toBe(404);
    expect(stray.headers.get('content-type')).toMatch(/^text\/html/);
    sim.requests.reset();
    await call(`${s.urls.compute}/servers`, { token: s.token });
    expect(sim.requests.all().map((r) => [r.service, r.path])).toEqual([['compute', '/v2.1/servers']]);
    const log = await call(`${origin}/__sim/requests?service=compute`);
    expect(log.body.count).toBe(1);
  });

  it('maps paths to services by prefix', () => {
    expect(servicePath('/compute/v2.1/servers')).toEqual({ service: 'compute', path: '/v2.1/servers' });
    expect(servicePath('/networking')).toEqual({ service: 'network', path: '/' });
    expect(servicePath('/computer/v2.1')).toBeUndefined();
    expect(servicePath('/v2.1/servers')).toBeUndefined();
  });

  it('rejects an unknown layout', async () => {
    await expect(startSimulator({ layout: 'flat' as never })).rejects.toThrow(/unknown simulator layout 'flat'; known: ports, prefix/);
  });
});
