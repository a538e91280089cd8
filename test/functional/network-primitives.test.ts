/**
 * Subnets (IPv4 without a gateway, IPv6 SLAAC and DHCPv6, one from the shared subnet pool), ports (fixed IPs, security
 * groups, allowed address pairs, port security off, tags), routers (gateway on `public`, interface, static
 * routes atomically, delete with its interfaces) and security groups (rename, rules by group, `default`
 * refused) on the real Zed neutron, and a server booted on a port made with createPort. Everything is named canopy-ft-… and removed, also when an assertion fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { collect } from '../../src/cloud/collect.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isForbiddenError, isInvalidInputError } from '../../src/errors/index.js';
import { FT_PREFIX, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}${process.pid}-prim-`;
const NET = `${PREFIX}net`;
let cloud: Cloud;

beforeAll(async () => {
  cloud = await openCloud({ ...functionalCloudOptions(), env: {} });
});

afterAll(async () => {
  if (!cloud) return;
  for await (const sv of cloud.listServers({ name: PREFIX })) if (sv.name.startsWith(PREFIX)) await cloud.deleteServer(sv.id);
  for await (const r of cloud.listRouters()) if (r.name.startsWith(PREFIX)) await cloud.deleteRouter(r.id, { removeInterfaces: true });
  for await (const p of cloud.listPorts()) if (p.name.startsWith(PREFIX)) await cloud.deletePort(p.id);
  for await (const n of cloud.listNetworks()) if (n.name.startsWith(PREFIX)) await cloud.deleteNetwork(n.id);
  for await (const g of cloud.listSecurityGroups()) if (g.name.startsWith(PREFIX)) await cloud.deleteSecurityGroup(g.id);
  await cloud.close();
});

describe('network primitives on a real neutron', () => {
  it('subnets, ports, a router with routes and security groups, then nothing left', { timeout: 120_000 }, async () => {
    const net = await cloud.createNetwork({ name: NET, cidr: '10.61.0.0/24', router: false });
    const v6 = await cloud.createSubnet({ network: NET, name: `${PREFIX}v6`, cidr: 'fd00:61::/64', ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac', tags: ['v6'] });
    expect(v6).toMatchObject({ ipVersion: 6, ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac', tags: ['v6'] });
    const v6s = await cloud.createSubnet({ network: NET, name: `${PREFIX}v6s`, cidr: 'fd00:62::/64', ipv6AddressMode: 'dhcpv6-stateless', ipv6RaMode: 'dhcpv6-stateless' });
    expect(v6s.ipv6AddressMode).toBe('dhcpv6-stateless');
    const nogw = await cloud.createSubnet({
      network: net.id, name: `${PREFIX}nogw`, cidr: '10.62.0.0/24', gatewayIp: null, allocationPools: [{ start: '10.62.0.100', end: '10.62.0.150' }],
      dnsNameservers: ['192.0.2.53'], hostRoutes: [{ destination: '198.51.100.0/24', nexthop: '10.62.0.1' }], description: 'no gateway',
    });
    expect(nogw).toMatchObject({ gatewayIp: null, allocationPools: [{ start: '10.62.0.100', end: '10.62.0.150' }], dnsNameservers: ['192.0.2.53'], description: 'no gateway' });
    expect((await cloud.updateSubnet(nogw.id, { dnsNameservers: ['192.0.2.54'] })).dnsNameservers).toEqual(['192.0.2.54']);
    // neutron keeps the IPv4 subnets of one network in one pool (or none): the pooled one gets its own network
    const poolNet = await cloud.createNetwork({ name: `${PREFIX}pooled`, cidr: '10.63.0.0/24', router: false });
    await cloud.deleteSubnet(poolNet.subnet.id);
    const pooled = await cloud.createSubnet({ network: poolNet.id, name: `${PREFIX}pool`, subnetPool: 'shared-default-subnetpool-v4', prefixLength: 28 });
    expect(pooled.cidr).toMatch(/\/28$/);
    expect(pooled.subnetPoolId).toBeDefined();
    expect(await cloud.deleteSubnet(pooled.id)).toMatchObject({ deleted: true });
    await cloud.deleteNetwork(poolNet.id);
    expect((await collect(cloud.listSubnets({ filters: { networkId: net.id, ipVersion: 6 } }))).length).toBe(2);

    const web = await cloud.createSecurityGroup({ name: `${PREFIX}web`, description: 'web' });
    const ssh = await cloud.createSecurityGroupRule({ securityGroup: web.id, protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' });
    const renamed = await cloud.updateSecurityGroup(web.id, { name: `${PREFIX}web2`, description: 'ssh in' });
    expect(renamed).toMatchObject({ name: `${PREFIX}web2`, description: 'ssh in', stateful: true });
    expect((await collect(cloud.listSecurityGroupRules({ securityGroup: web.id, direction: 'ingress' }))).map((r) => r.id)).toEqual([ssh.id]);
    expect(isInvalidInputError(await cloud.deleteSecurityGroup('default').catch((e: unknown) => e))).toBe(true);

    const port = await cloud.createPort({
      network: NET, name: `${PREFIX}port`, fixedIps: [{ subnet: `${NET}-subnet`, ipAddress: '10.61.0.50' }], securityGroups: [web.id],
      allowedAddressPairs: [{ ipAddress: '10.61.0.200' }], description: 'vip', tags: ['blue'],
    });
    expect(port.fixedIps.find((f) => f.subnetId === net.subnet.id)?.ipAddress).toBe('10.61.0.50');
    expect(port).toMatchObject({ securityGroupIds: [web.id], allowedAddressPairs: [{ ipAddress: '10.61.0.200' }], description: 'vip', tags: ['blue'], vnicType: 'normal' });
    const grown = await cloud.updatePort(port.id, { addFixedIps: [{ subnet: nogw.id, ipAddress: '10.62.0.120' }], removeSecurityGroups: [web.id] });
    expect(grown.fixedIps.map((f) => f.ipAddress)).toContain('10.62.0.120');
    expect(grown.securityGroupIds).toEqual([]);
    expect((await collect(cloud.listPorts({ filters: { tags: ['blue'], networkId: net.id } }))).map((p) => p.id)).toEqual([port.id]);
    const open = await cloud.createPort({ network: NET, name: `${PREFIX}open`, portSecurityEnabled: false });
    expect(open).toMatchObject({ portSecurityEnabled: false, securityGroupIds: [] });
    expect(isForbiddenError(await cloud.createPort({ network: NET, name: `${PREFIX}bound`, bindingProfile: { a: 1 } }).catch((e: unknown) => e))).toBe(true);

    // a server booted on a port made with createPort: the port becomes the server's
    const bootPort = await cloud.createPort({ network: NET, name: `${PREFIX}boot`, fixedIps: [{ ipAddress: '10.61.0.60' }] });
    const server = await cloud.createServer({ name: `${PREFIX}on-port`, image: 'cirros', flavor: 'm1.nano', nics: [{ port: bootPort.id }], timeoutMs: 120_000 });
    expect((await collect(cloud.listServerPorts(server.id))).map((p) => [p.id, p.deviceId, p.fixedIps.find((f) => f.subnetId === net.subnet.id)?.ipAddress])).toEqual([[bootPort.id, server.id, '10.61.0.60']]);
    await cloud.deleteServer(server.id, { timeoutMs: 120_000 });
    // nova keeps a port it did not create: it outlives the server and is deleted by hand
    expect(await cloud.findPort(bootPort.id)).toBeDefined();
    expect(await cloud.deletePort(bootPort.id)).toMatchObject({ deleted: true });

    const router = await cloud.createRouter({ name: `${PREFIX}router`, externalNetwork: 'public', tags: ['edge'] });
    expect(router.externalGateway?.networkId).toBe((await cloud.getNetwork('public')).id);
    await cloud.addRouterInterface(router.id, { subnet: net.subnet.id });
    expect((await cloud.listRouterInterfaces(router.id)).map((i) => i.ipAddress)).toEqual(['10.61.0.1']);
    expect((await cloud.addRouterRoutes(router.id, [{ destination: '192.0.2.0/24', nexthop: '10.61.0.5' }])).routes).toEqual([{ destination: '192.0.2.0/24', nexthop: '10.61.0.5' }]);
    expect(await cloud.deleteRouter(router.id, { removeInterfaces: true })).toEqual({ deleted: true, id: router.id });

    expect(await cloud.deletePort(port.id)).toMatchObject({ deleted: true });
    expect(await cloud.deletePort(open.id)).toMatchObject({ deleted: true });
    for (const s of [v6, v6s, nogw]) expect(await cloud.deleteSubnet(s.id)).toMatchObject({ deleted: true });
    await cloud.deleteNetwork(NET);
    expect(await cloud.deleteSecurityGroup(web.id)).toBe(true);
    expect(await cloud.findNetwork(NET)).toBeUndefined();
    expect(await cloud.findRouter(`${PREFIX}router`)).toBeUndefined();
  });
});
