/**
 * The networks porcelain on the simulator: a network made by createNetwork takes servers with floating IPs at
 * once, deleteNetwork removes it with its subnet and router, and the refusals are typed and say why.
 */
import { describe, expect, it } from 'vitest';
import { AmbiguousMatchError, CanopyError, NotFoundError, ResourceInUseError } from '../../src/errors/index.js';
import { listSubnets } from '../../src/services/network/networks.js';
import { listPorts } from '../../src/services/network/ports.js';
import { listRouters } from '../../src/services/network/routers.js';
import { simCloud } from './sim-cloud.js';

describe.each(['kilo', 'zed'] as const)('networks on %s', (profile) => {
  it('createNetwork → a server on it by name gets a floating IP → deleteNetwork leaves no network, subnet or router', async () => {
    const { cloud, close } = await simCloud({ profile });
    try {
      const net = await cloud.createNetwork({ name: 'app-net', cidr: '10.20.0.0/24' });
      expect(net).toMatchObject({ name: 'app-net', shared: false, external: false, subnet: { name: 'app-net-subnet', cidr: '10.20.0.0/24' }, router: { name: 'app-net-router' } });
      expect(net.subnetIds).toEqual([net.subnet.id]);
      const neutron = await cloud.service('network');
      const [router] = await listRouters(neutron, { name: 'app-net-router' });
      expect(router?.external_gateway_info?.network_id).toBe(net.router?.externalNetworkId);
      expect((await listPorts(neutron, { device_id: router?.id ?? '', device_owner: 'network:router_interface' })).map((p) => p.fixed_ips[0]?.subnet_id)).toEqual([net.subnet.id]);

      expect(await cloud.findNetwork('app-net')).toMatchObject({ id: net.id, subnetIds: [net.subnet.id] });
      const names: string[] = [];
      for await (const n of cloud.listNetworks()) names.push(`${n.name}${n.external ? ' (external)' : ''}`);
      expect(names).toContain('app-net');
      expect(names).toContain('public (external)');

      const server = await cloud.createServer({ name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'app-net', autoIp: true, timeoutMs: 20_000 });
      expect(server.privateV4).toMatch(/^10\.20\.0\./);
      expect(server.publicV4).toBeDefined();

      // A server's port is on the network: refused before anything is changed, naming the server.
      const inUse = await cloud.deleteNetwork('app-net').catch((e: unknown) => e);
      expect(inUse).toBeInstanceOf(ResourceInUseError);
      expect((inUse as ResourceInUseError).usedBy).toEqual([{ type: 'server', id: server.id }]);
      expect((inUse as Error).message).toBe(`network "app-net" (${net.id}) is still in use by server ${server.id}; nothing was deleted`);
      expect(await listPorts(neutron, { device_id: router?.id ?? '', device_owner: 'network:router_interface' })).toHaveLength(1);
      await cloud.deleteServer(server.id, { deleteIps: true, wait: true });

      const deleted = await cloud.deleteNetwork('app-net');
      expect(deleted).toMatchObject({ id: net.id, routersDeleted: [net.router?.id], subnetsDeleted: [net.subnet.id] });
      expect(await cloud.findNetwork('app-net')).toBeUndefined();
      expect(await listRouters(neutron, { name: 'app-net-router' })).toEqual([]);
      expect(await listSubnets(neutron, { name: 'app-net-subnet' })).toEqual([]);
      expect(await cloud.deleteNetwork('app-net')).toEqual({ deleted: false });
    } finally {
      await close();
    }
  });
});

describe('networks, other cases (zed)', () => {
  it('router: false makes network and subnet only; deleteNetwork then removes both', async () => {
    const { cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const net = await cloud.createNetwork({ name: 'iso', router: false, dnsNameservers: ['192.0.2.53'] });
      expect(net.router).toBeUndefined();
      expect(net.subnet.cidr).toBe('10.42.0.0/24');
      const neutron = await cloud.service('network');
      expect(await listRouters(neutron, { name: 'iso-router' })).toEqual([]);
      expect(await cloud.deleteNetwork(net.id)).toMatchObject({ routersDeleted: [], subnetsDeleted: [net.subnet.id] });
    } finally {
      await close();
    }
  });

  it('a router that also serves another network survives the deletion of one of them', async () => {
    const { cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const a = await cloud.createNetwork({ name: 'a', cidr: '10.1.0.0/24' });
      const b = await cloud.createNetwork({ name: 'b', cidr: '10.2.0.0/24', router: false });
      const neutron = await cloud.service('network');
      await neutron.put(`/routers/${a.router?.id}/add_router_interface`, { subnet_id: b.subnet.id });
      // Deleting b takes its interface off a-router, and leaves a-router (not b's).
      expect(await cloud.deleteNetwork('b')).toMatchObject({ routersDeleted: [], interfacesRemoved: [expect.stringMatching(new RegExp(`^${a.router?.id}/`))] });
      expect((await listRouters(neutron, { name: 'a-router' })).map((r) => r.id)).toEqual([a.router?.id]);
      expect(await cloud.deleteNetwork('a')).toMatchObject({ routersDeleted: [a.router?.id] });
    } finally {
      await close();
    }
  });

  it('after an interrupted delete (interface already off the router) the <name>-router is still found and deleted', async () => {
    const { cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const net = await cloud.createNetwork({ name: 'half' });
      const neutron = await cloud.service('network');
      await neutron.put(`/routers/${net.router?.id}/remove_router_interface`, { subnet_id: net.subnet.id });
      expect(await cloud.deleteNetwork('half')).toMatchObject({ interfacesRemoved: [], routersDeleted: [net.router?.id], subnetsDeleted: [net.subnet.id] });
      expect(await listRouters(neutron, { name: 'half-router' })).toEqual([]);
    } finally {
      await close();
    }
  });

  it('names: unknown → NotFoundError listing what exists, shared name → AmbiguousMatchError', async () => {
    const { cloud, close } = await simCloud({ profile: 'zed' });
    try {
      await cloud.createNetwork({ name: 'twin', router: false });
      await cloud.createNetwork({ name: 'twin', router: false, cidr: '10.43.0.0/24' });
      await expect(cloud.getNetwork('twin')).rejects.toBeInstanceOf(AmbiguousMatchError);
      const missing = await cloud.getNetwork('nope').catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundError);
      const [head, listed] = (missing as Error).message.split('; these exist: ');
      expect(head).toBe('no network named or with id "nope"');
      expect(listed?.split(', ').sort()).toEqual(['public', 'twin', 'twin']);
    } finally {
      await close();
    }
  });

  it('a nova-network cloud (icehouse) cannot create networks, and says so', async () => {
    const { cloud, close } = await simCloud({ profile: 'icehouse' });
    try {
      const error = await cloud.createNetwork({ name: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CanopyError);
      expect((error as Error).message).toBe('cloud "sim" has no network service (it runs nova-network): cannot create network "x"');
    } finally {
      await close();
    }
  });
});
