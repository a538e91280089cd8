/**
 * Subnets, ports, routers and network updates on every simulated generation. Each era's neutron lists the
 * extensions it had; what it lacks (tags before Newton, descriptions on Kilo, a writable MTU before Zed,
 * atomic route changes before Zed) is an UnsupportedError before anything is sent, and nova-network (Icehouse)
 * has no neutron at all. Requests are counted on the simulator's log.
 */
import { describe, expect, it } from 'vitest';
import { isUnsupportedError, type UnsupportedError } from '../../src/errors/index.js';
import { PROFILES, type ProfileName } from '../../src/sim/index.js';
import { collect } from '../../src/cloud/collect.js';
import { simCloud } from './sim-cloud.js';

interface Era {
  neutron: boolean;
  tags: boolean;
  description: boolean;
  mtuWritable: boolean;
  atomicRoutes: boolean;
}

const ERAS: Record<ProfileName, Era> = {
  icehouse: { neutron: false, tags: false, description: false, mtuWritable: false, atomicRoutes: false },
  kilo: { neutron: true, tags: false, description: false, mtuWritable: false, atomicRoutes: false },
  mitaka: { neutron: true, tags: false, description: true, mtuWritable: false, atomicRoutes: false },
  newton: { neutron: true, tags: true, description: true, mtuWritable: false, atomicRoutes: false },
  pike: { neutron: true, tags: true, description: true, mtuWritable: false, atomicRoutes: false },
  queens: { neutron: true, tags: true, description: true, mtuWritable: false, atomicRoutes: false },
  train: { neutron: true, tags: true, description: true, mtuWritable: false, atomicRoutes: false },
  zed: { neutron: true, tags: true, description: true, mtuWritable: true, atomicRoutes: true },
  '2025.2': { neutron: true, tags: true, description: true, mtuWritable: true, atomicRoutes: true },
};

async function unsupported(promise: Promise<unknown>): Promise<UnsupportedError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isUnsupportedError(error), String(error)).toBe(true);
  return error as UnsupportedError;
}

describe.each(PROFILES)('network primitives on %s', (profile) => {
  const era = ERAS[profile];

  if (!era.neutron) {
    it('refuses subnets, ports and routers on nova-network with UnsupportedError, sending nothing to neutron', async () => {
      const { sim, cloud, close } = await simCloud({ profile });
      try {
        for (const call of [
          () => cloud.createSubnet({ network: 'private', cidr: '10.9.0.0/24' }),
          () => cloud.createPort({ network: 'private' }),
          () => cloud.createRouter({ name: 'r' }),
          () => collect(cloud.listSubnets()),
          () => cloud.updateNetwork('private', { name: 'x' }),
        ]) {
          const e = await unsupported(call());
          expect(e).toMatchObject({ service: 'network', need: 'neutron' });
          expect(e.message).toContain('nova-network');
        }
        expect(sim.requests.count({ service: 'network' })).toBe(0);
      } finally {
        await close();
      }
    });
    return;
  }

  it('creates IPv4 and IPv6 subnets, ports and a router with routes, and cleans them up', { timeout: 60_000 }, async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      const net = await cloud.createNetwork({ name: 'prim', cidr: '10.1.0.0/24', router: false });
      const v6 = await cloud.createSubnet({ network: 'prim', name: 'prim-v6', cidr: 'fd00:1::/64', ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac' });
      expect(v6).toMatchObject({ ipVersion: 6, ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac', networkId: net.id });
      const stateful = await cloud.createSubnet({ network: net.id, name: 'prim-v6s', cidr: 'fd00:2::/64', ipv6AddressMode: 'dhcpv6-stateful' });
      expect(stateful).toMatchObject({ ipVersion: 6, ipv6AddressMode: 'dhcpv6-stateful' });
      expect(stateful.ipv6RaMode).toBeUndefined();
      const plain = await cloud.createSubnet({
        network: 'prim', name: 'prim-nogw', cidr: '10.2.0.0/24', gatewayIp: null,
        allocationPools: [{ start: '10.2.0.100', end: '10.2.0.150' }], dnsNameservers: ['192.0.2.53'], hostRoutes: [{ destination: '198.51.100.0/24', nexthop: '10.2.0.1' }],
      });
      expect(plain).toMatchObject({ ipVersion: 4, gatewayIp: null, allocationPools: [{ start: '10.2.0.100', end: '10.2.0.150' }], dnsNameservers: ['192.0.2.53'], hostRoutes: [{ destination: '198.51.100.0/24', nexthop: '10.2.0.1' }] });
      // neutron keeps the IPv4 subnets of one network in one pool (or none): a pooled subnet gets a network of its own
      const mixed = await cloud.createSubnet({ network: 'prim', name: 'prim-mixed', subnetPool: 'shared-default-subnetpool-v4', prefixLength: 26 }).catch((e: unknown) => e);
      expect(String(mixed)).toContain('same subnet pool');
      const poolNet = await cloud.createNetwork({ name: 'prim-pooled', cidr: '10.3.0.0/24', router: false });
      await cloud.deleteSubnet(poolNet.subnet.id);
      const pooled = await cloud.createSubnet({ network: 'prim-pooled', name: 'prim-pool', subnetPool: 'shared-default-subnetpool-v4', prefixLength: 26 });
      expect(pooled.cidr).toMatch(/^10\.100\.\d+\.0\/26$/);
      expect(pooled.subnetPoolId).toBeDefined();

      const renamed = await cloud.updateSubnet('prim-nogw', { name: 'prim-v4b', dnsNameservers: ['192.0.2.54'] });
      expect(renamed).toMatchObject({ name: 'prim-v4b', dnsNameservers: ['192.0.2.54'] });
      expect((await collect(cloud.listSubnets({ filters: { networkId: net.id } }))).map((s) => s.name).sort()).toEqual(['prim-subnet', 'prim-v4b', 'prim-v6', 'prim-v6s']);
      expect((await collect(cloud.listSubnets({ filters: { networkId: net.id, ipVersion: 6 } }))).length).toBe(2);

      const web = await cloud.createSecurityGroup({ name: 'prim-web' });
      const port = await cloud.createPort({
        network: 'prim', name: 'prim-port', fixedIps: [{ subnet: 'prim-subnet', ipAddress: '10.1.0.50' }], securityGroups: ['prim-web'],
        allowedAddressPairs: [{ ipAddress: '10.1.0.200' }], vnicType: 'normal',
        ...(era.description ? { description: 'vip holder' } : {}), ...(era.tags ? { tags: ['blue'] } : {}),
      });
      expect(port.fixedIps).toEqual([{ subnetId: net.subnet.id, ipAddress: '10.1.0.50' }]);
      expect(port.securityGroupIds).toEqual([web.id]);
      expect(port.allowedAddressPairs).toMatchObject([{ ipAddress: '10.1.0.200' }]);
      expect(port.tags).toEqual(era.tags ? ['blue'] : []);
      if (era.description) expect(port.description).toBe('vip holder');

      const grown = await cloud.updatePort('prim-port', { addFixedIps: [{ subnet: 'prim-v4b', ipAddress: '10.2.0.120' }], removeSecurityGroups: ['prim-web'] });
      expect(grown.fixedIps.map((f) => f.ipAddress)).toEqual(['10.1.0.50', '10.2.0.120']);
      expect(grown.securityGroupIds).toEqual([]);
      const shrunk = await cloud.updatePort(port.id, { removeFixedIps: [{ ipAddress: '10.1.0.50' }], addSecurityGroups: ['prim-web'] });
      expect(shrunk.fixedIps.map((f) => f.ipAddress)).toEqual(['10.2.0.120']);
      expect(shrunk.securityGroupIds).toEqual([web.id]);

      const open = await cloud.createPort({ network: 'prim', name: 'prim-open', portSecurityEnabled: false });
      expect(open).toMatchObject({ portSecurityEnabled: false, securityGroupIds: [] });
      if (era.tags) expect((await collect(cloud.listPorts({ filters: { tags: ['blue'] } }))).map((p) => p.name)).toEqual(['prim-port']);

      const router = await cloud.createRouter({ name: 'prim-router', externalNetwork: 'public', ...(era.tags ? { tags: ['edge'] } : {}) });
      expect(router.externalGateway?.networkId).toBe((await cloud.getNetwork('public')).id);
      await cloud.addRouterInterface('prim-router', { subnet: 'prim-subnet' });
      expect((await cloud.listRouterInterfaces('prim-router')).map((i) => [i.subnetId, i.ipAddress])).toEqual([[net.subnet.id, '10.1.0.1']]);
      sim.requests.reset();
      const routed = await cloud.addRouterRoutes('prim-router', [{ destination: '192.0.2.0/24', nexthop: '10.1.0.5' }]);
      expect(routed.routes).toEqual([{ destination: '192.0.2.0/24', nexthop: '10.1.0.5' }]);
      expect(sim.requests.count({ method: 'PUT', path: /add_extraroutes$/ })).toBe(era.atomicRoutes ? 1 : 0);
      expect(sim.requests.count({ method: 'PUT', path: /\/routers\/[0-9a-f-]{36}$/ })).toBe(era.atomicRoutes ? 0 : 1);
      expect((await cloud.removeRouterRoutes('prim-router', [{ destination: '192.0.2.0/24', nexthop: '10.1.0.5' }])).routes).toEqual([]);
      await cloud.addRouterRoutes('prim-router', [{ destination: '192.0.2.0/24', nexthop: '10.1.0.5' }]);

      expect(await cloud.deleteRouter('prim-router', { removeInterfaces: true })).toEqual({ deleted: true, id: router.id });
      expect(await cloud.findRouter('prim-router')).toBeUndefined();
      expect(await cloud.deleteRouter('prim-router')).toEqual({ deleted: false });

      expect(await cloud.deletePort('prim-port')).toMatchObject({ deleted: true });
      expect(await cloud.deletePort('prim-open')).toMatchObject({ deleted: true });
      expect(await cloud.deletePort('prim-port')).toEqual({ deleted: false });
      for (const name of ['prim-v6', 'prim-v6s', 'prim-v4b', 'prim-pool']) expect(await cloud.deleteSubnet(name)).toMatchObject({ deleted: true });
      await cloud.deleteNetwork('prim');
      await cloud.deleteNetwork('prim-pooled');
      await cloud.deleteSecurityGroup('prim-web');
      expect(await collect(cloud.listPorts({ filters: { networkId: net.id } }))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('updates networks and gates what the era lacks before sending', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      await cloud.createNetwork({ name: 'upd', router: false });
      const changed = await cloud.updateNetwork('upd', { name: 'upd2', adminStateUp: false, portSecurityEnabled: false });
      expect(changed).toMatchObject({ name: 'upd2', adminStateUp: false, portSecurityEnabled: false });
      expect((await collect(cloud.listNetworks({ filters: { name: 'upd2', external: false } }))).map((n) => n.id)).toEqual([changed.id]);
      expect((await collect(cloud.listNetworks({ filters: { external: true } }))).map((n) => n.name)).toEqual(['public']);
      sim.requests.reset();
      if (era.mtuWritable) expect((await cloud.updateNetwork('upd2', { mtu: 1400 })).mtu).toBe(1400);
      else expect(await unsupported(cloud.updateNetwork('upd2', { mtu: 1400 }))).toMatchObject({ service: 'network', need: 'the "net-mtu-writable" extension' });
      if (era.tags) {
        expect((await cloud.updateNetwork('upd2', { tags: ['a', 'b'] })).tags).toEqual(['a', 'b']);
        expect((await collect(cloud.listNetworks({ filters: { tags: ['a', 'b'] } }))).map((n) => n.name)).toEqual(['upd2']);
        expect((await collect(cloud.listNetworks({ filters: { tags: ['a', 'c'] } })))).toEqual([]);
      } else {
        expect(await unsupported(cloud.updateNetwork('upd2', { tags: ['a'] }))).toMatchObject({ need: 'the "standard-attr-tag" extension' });
        expect(await unsupported(cloud.createPort({ network: 'upd2', tags: ['a'] }))).toMatchObject({ need: 'the "standard-attr-tag" extension' });
        expect(await unsupported(collect(cloud.listSubnets({ filters: { tags: ['a'] } })))).toMatchObject({ need: 'the "standard-attr-tag" extension' });
      }
      if (!era.description) expect(await unsupported(cloud.createRouter({ name: 'r', description: 'd' }))).toMatchObject({ need: 'the "standard-attr-description" extension' });
      // only the supported changes reached neutron: the MTU update and the tags PUT where the era has them
      expect(sim.requests.count({ method: 'PUT', path: /\/networks\// })).toBe((era.mtuWritable ? 1 : 0) + (era.tags ? 1 : 0));
      expect(sim.requests.count({ method: 'POST', service: 'network' })).toBe(0);
      await cloud.deleteNetwork('upd2');
    } finally {
      await close();
    }
  });
});
