/**
 * Paging through nova, neutron and glance on the simulator's path-prefix layout (devstack's one port with
 * /compute, /networking, /image), where nova's and neutron's next links name the internal address without the
 * prefix: every page must be requested on the endpoint, and the internal address never reached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import type { Simulator } from '../../src/sim/index.js';
import { simCloud } from '../cloud/sim-cloud.js';

describe('paging behind path prefixes (newton, prefix layout)', () => {
  let sim: Simulator;
  let cloud: Cloud;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ sim, cloud, close } = await simCloud({ profile: 'newton', layout: 'prefix', servers: 3 }));
    sim.admin.addNetwork({ name: 'n1' });
    sim.admin.addNetwork({ name: 'n2' });
    sim.admin.addImage({ name: 'second' });
    await cloud.describe();
  });
  afterAll(() => close());

  function pagesOf(service: string, path: RegExp): Array<{ status: number; marker: boolean }> {
    return sim.requests.all().filter((r) => r.service === service && r.method === 'GET' && path.test(r.path))
      .map((r) => ({ status: r.status, marker: new URLSearchParams(r.query).has('marker') }));
  }

  it('nova: servers_links next (internal host, no /compute) is followed on the endpoint', async () => {
    sim.requests.reset();
    const compute = await cloud.service('compute');
    expect(compute.endpoint).toMatch(/\/compute\/v2\.1\/[0-9a-f]{32}$/); // newton's catalog names the project
    const ids: string[] = [];
    for await (const s of compute.paginate<{ id: string }>('/servers/detail', { itemsKey: 'servers', limit: 1 })) ids.push(s.id);
    expect(new Set(ids).size).toBe(3);
    expect(pagesOf('compute', /^\/v2\.1\/[0-9a-f]{32}\/servers\/detail$/)).toEqual([
      { status: 200, marker: false }, { status: 200, marker: true }, { status: 200, marker: true }, { status: 200, marker: true },
    ]);
  });

  it('neutron: networks_links next (internal host, no /networking) is followed on the endpoint', async () => {
    sim.requests.reset();
    const network = await cloud.service('network');
    expect(network.endpoint).toMatch(/\/networking\/v2\.0$/);
    const names: string[] = [];
    for await (const n of network.paginate<{ name: string }>('/networks', { itemsKey: 'networks', limit: 1 })) names.push(n.name);
    expect(names.sort()).toEqual(['n1', 'n2', 'public']);
    const pages = pagesOf('network', /^\/v2\.0\/networks$/);
    expect(pages).toHaveLength(4); // three full pages and the empty last one
    expect(pages.every((p) => p.status === 200)).toBe(true);
  });

  it("glance: the relative next (/v2/images…) is joined under /image", async () => {
    sim.requests.reset();
    const image = await cloud.service('image');
    expect(image.endpoint).toMatch(/\/image\/v2$/);
    const names: string[] = [];
    for await (const i of image.paginate<{ name: string }>('/images', { itemsKey: 'images', limit: 1 })) names.push(i.name);
    expect(names.sort()).toEqual(['cirros', 'second']);
    expect(pagesOf('image', /^\/v2\/images$/)).toEqual([{ status: 200, marker: false }, { status: 200, marker: true }, { status: 200, marker: true }]);
  });
});
