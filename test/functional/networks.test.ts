/**
 * Networks and floating IPs through the porcelain on the real cloud: createNetwork (network, subnet, router to
 * `public`), a server booted on it by name, a floating IP allocated, attached, detached and released by hand, the
 * network refused while the server is on it, then deleted with its subnet and router. Everything is named
 * canopy-ft-… and removed at the end, also when an assertion fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import type { FloatingIp } from '../../src/resources/network/floating-ip.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isResourceInUseError } from '../../src/errors/index.js';
import { listSubnets } from '../../src/services/network/networks.js';
import { listPorts } from '../../src/services/network/ports.js';
import { listRouters } from '../../src/services/network/routers.js';
import { FT_PREFIX, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}${process.pid}-`;
const NET = `${PREFIX}net`;
let cloud: Cloud;
const floatingIps: string[] = [];

beforeAll(async () => {
  cloud = await openCloud({ ...functionalCloudOptions(), env: {} });
});

afterAll(async () => {
  if (!cloud) return;
  for await (const s of cloud.listServers({ name: PREFIX })) if (s.name.startsWith(PREFIX)) await cloud.deleteServer(s.id, { deleteIps: true });
  for (const id of floatingIps) await cloud.deleteFloatingIp(id);
  await cloud.deleteNetwork(NET);
  await cloud.close();
});

async function floatingIp(id: string): Promise<FloatingIp | undefined> {
  for await (const ip of cloud.listFloatingIps()) if (ip.id === id) return ip;
  return undefined;
}

describe('networks and floating IPs on a real neutron', () => {
  it('createNetwork → server on it by name → floating IP attach/detach/delete → deleteNetwork leaves nothing', async () => {
    const net = await cloud.createNetwork({ name: NET, cidr: '10.231.0.0/24' });
    expect(net).toMatchObject({ name: NET, external: false, subnet: { name: `${NET}-subnet`, cidr: '10.231.0.0/24', gatewayIp: '10.231.0.1' }, router: { name: `${NET}-router` } });
    const neutron = await cloud.service('network');
    const external = await cloud.getNetwork('public');
    expect(external.external).toBe(true);
    expect(net.router?.externalNetworkId).toBe(external.id);
    expect((await cloud.findNetwork(NET))?.subnetIds).toEqual([net.subnet.id]);

    const server = await cloud.createServer({ name: `${PREFIX}on-net`, image: 'cirros', flavor: 'm1.nano', network: NET, timeoutMs: 120_000 });
    expect(server.steps.find((s) => s.step === 'network')).toMatchObject({ path: 'requested' });
    expect(server.privateV4).toMatch(/^10\.231\.0\./);
    expect(server.publicV4).toBeUndefined();

    const ip = await cloud.createFloatingIp({ network: 'public' });
    floatingIps.push(ip.id);
    expect(ip).toMatchObject({ source: 'neutron', networkId: external.id, attached: false });
    const [port] = await listPorts(neutron, { device_id: server.id });
    const attached = await cloud.attachFloatingIp(ip.address, { serverId: server.id });
    expect(attached).toMatchObject({ id: ip.id, portId: port?.id, fixedAddress: server.privateV4, attached: true });
    expect(await floatingIp(ip.id)).toMatchObject({ portId: port?.id, attached: true });

    // While the server is on it, the network is refused, and nothing was touched.
    const inUse = await cloud.deleteNetwork(NET).catch((e: unknown) => e);
    expect(isResourceInUseError(inUse) && inUse.usedBy).toEqual([{ type: 'server', id: server.id }]);
    expect(await listRouters(neutron, { name: `${NET}-router` })).toHaveLength(1);

    expect(await cloud.detachFloatingIp(ip.id)).toMatchObject({ id: ip.id, portId: undefined, attached: false });
    expect(await cloud.deleteFloatingIp(ip.id)).toEqual({ deleted: true, id: ip.id });
    expect(await floatingIp(ip.id)).toBeUndefined();
    expect(await cloud.deleteFloatingIp(ip.id)).toEqual({ deleted: false }); // already gone: a no-op

    await cloud.deleteServer(server.id, { wait: true, timeoutMs: 120_000 });
    const deleted = await cloud.deleteNetwork(NET);
    expect(deleted).toMatchObject({ id: net.id, routersDeleted: [net.router?.id], subnetsDeleted: [net.subnet.id] });
    expect(await cloud.findNetwork(NET)).toBeUndefined();
    expect(await listRouters(neutron, { name: `${NET}-router` })).toEqual([]);
    expect(await listSubnets(neutron, { name: `${NET}-subnet` })).toEqual([]);
  });
});
