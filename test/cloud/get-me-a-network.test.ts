/** get-me-a-network's order on the simulator: existing network, neutron auto-allocation, building one (and reusing it). */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK_NAME } from '../../src/cloud/get-me-a-network.js';
import { isAmbiguousMatchError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function open(options: Parameters<typeof simCloud>[0]) {
  const opened = await simCloud(options);
  close = opened.close;
  return opened;
}

describe('getMeANetwork', () => {
  it('kilo (no auto-allocation): builds canopy-default-network with a router, then reuses it', async () => {
    const { sim, cloud } = await open({ profile: 'kilo' });
    const first = await cloud.getMeANetwork();
    expect(first).toMatchObject({ name: DEFAULT_NETWORK_NAME, path: 'built-network' });
    expect(sim.requests.count({ method: 'POST', service: 'network', path: /\/routers$/ })).toBe(1);
    expect(sim.requests.count({ method: 'PUT', service: 'network', path: /add_router_interface$/ })).toBe(1);
    const second = await cloud.getMeANetwork();
    expect(second).toEqual({ id: first.id, name: DEFAULT_NETWORK_NAME, path: 'existing-network' });
    expect(sim.requests.count({ method: 'POST', service: 'network', path: /\/networks$/ })).toBe(1);
  });

  it('mitaka: neutron auto-allocated topology after a dry-run', async () => {
    const { sim, cloud } = await open({ profile: 'mitaka' });
    const got = await cloud.getMeANetwork();
    expect(got.path).toBe('neutron-auto-topology');
    const topology = sim.requests.all().filter((r) => r.path.includes('auto-allocated-topology'));
    expect(topology.map((r) => r.query.includes('dry-run'))).toEqual([true, false]);
    expect(sim.requests.count({ method: 'POST', service: 'network' })).toBe(0);
  });

  it('mitaka without a default external network: the dry-run fails (409) and a network is built instead', async () => {
    const { sim, cloud } = await open({ profile: 'mitaka' });
    sim.admin.clearDefaultExternalNetwork();
    expect((await cloud.getMeANetwork()).path).toBe('built-network');
  });

  it('a single project network is used as it is', async () => {
    const { sim, cloud } = await open({ profile: 'zed' });
    const id = sim.admin.addNetwork({ name: 'mine' });
    expect(await cloud.getMeANetwork()).toEqual({ id, name: 'mine', path: 'existing-network' });
  });

  it('two project networks: AmbiguousMatchError naming both', async () => {
    const { sim, cloud } = await open({ profile: 'zed' });
    sim.admin.addNetwork({ name: 'a' });
    sim.admin.addNetwork({ name: 'b', shared: true });
    const error = await cloud.getMeANetwork().catch((e: unknown) => e);
    expect(isAmbiguousMatchError(error)).toBe(true);
    if (isAmbiguousMatchError(error)) expect(error.candidates.map((c) => c.name).sort()).toEqual(['a', 'b']);
  });

  it('icehouse (nova-network): nothing to do', async () => {
    const { cloud } = await open({ profile: 'icehouse' });
    expect(await cloud.getMeANetwork()).toEqual({ id: undefined, name: undefined, path: 'nova-network' });
  });
});
