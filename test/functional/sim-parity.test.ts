/**
 * The simulator's `zed` profile against the real Zed cloud: the same flow on both must give the same normalized
 * results, and the raw records Canopy reads must have the same fields.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { createNetwork, createSubnet, deleteNetwork, listNetworksArray } from '../../src/services/network/networks.js';
import { addRouterInterface, createRouter, deleteRouter, removeRouterInterface } from '../../src/services/network/routers.js';
import { FT_PREFIX, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}parity-${process.pid}-`;
let real: Cloud;
let sim: Simulator;
let simulated: Cloud;
const networks = new Map<Cloud, string>();
const routers = new Map<Cloud, { id: string; subnetId: string }>();

/** The shape of a value: keys and value types, recursively for plain objects (arrays by their first item). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
  return value === null ? 'null' : typeof value;
}

beforeAll(async () => {
  real = await openCloud({ ...functionalCloudOptions(), env: {} });
  sim = await startSimulator({ profile: 'zed', buildTimeMs: 500 });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-parity-'));
  writeFileSync(join(dir, 'clouds.yaml'), sim.cloudsYaml('sim'));
  simulated = await openCloud({ cloud: 'sim', configFile: join(dir, 'clouds.yaml'), env: {} });
  for (const cloud of [real, simulated]) {
    const network = await cloud.service('network');
    const net = await createNetwork(network, { name: `${PREFIX}net` });
    const subnet = await createSubnet(network, { network_id: net.id, name: `${PREFIX}subnet`, cidr: '10.232.0.0/24', ip_version: 4 });
    networks.set(cloud, net.id);
    // A floating IP needs the subnet to reach the external network through a router.
    const [external] = await listNetworksArray(network, { 'router:external': true });
    const router = await createRouter(network, { name: `${PREFIX}router`, external_gateway_info: { network_id: external?.id ?? '' } });
    await addRouterInterface(network, router.id, { subnet_id: subnet.id });
    routers.set(cloud, { id: router.id, subnetId: subnet.id });
  }
});

afterAll(async () => {
  for (const cloud of [real, simulated]) {
    if (!cloud) continue;
    for await (const s of cloud.listServers({ name: PREFIX })) if (s.name.startsWith(PREFIX)) await cloud.deleteServer(s.id, { deleteIps: true });
    const network = await cloud.service('network');
    const router = routers.get(cloud);
    if (router) {
      await removeRouterInterface(network, router.id, { subnet_id: router.subnetId });
      await deleteRouter(network, router.id);
    }
    const id = networks.get(cloud);
    if (id) await deleteNetwork(network, id);
    await cloud.close();
  }
  await sim?.stop();
});

describe('simulator zed profile vs the real Zed cloud', () => {
  it('the same createServer gives the same normalized server (fields, types, paths) and the same raw fields', async () => {
    const results: Array<{ server: Awaited<ReturnType<Cloud['createServer']>>; raw: Record<string, unknown>; port: unknown; fip: unknown }> = [];
    for (const cloud of [real, simulated]) {
      const server = await cloud.createServer({ name: `${PREFIX}vm`, image: 'cirros', flavor: 'm1.nano', network: networks.get(cloud), autoIp: true, timeoutMs: 180_000 });
      const compute = await cloud.service('compute');
      const network = await cloud.service('network');
      const raw = await compute.get<{ server: Record<string, unknown> }>(`/servers/${server.id}`);
      const ports = await network.get<{ ports: unknown[] }>('/ports', { searchParams: { device_id: server.id } });
      const fips = await network.get<{ floatingips: unknown[] }>('/floatingips', { searchParams: { port_id: (ports.ports[0] as { id: string }).id } });
      results.push({ server, raw: raw.server, port: ports.ports[0], fip: fips.floatingips[0] });
    }
    const [r, s] = results;
    expect(s?.server.steps.map((x) => `${x.step}:${x.path ?? ''}`)).toEqual(r?.server.steps.map((x) => `${x.step}:${x.path ?? ''}`));
    const normalized = (x: (typeof results)[number] | undefined) => {
      const { id, name, createdAt, updatedAt, taskId, steps, adminPass, cloud, ...rest } = x?.server ?? ({} as never);
      void [id, name, createdAt, updatedAt, taskId, steps, adminPass, cloud];
      return shape(rest);
    };
    expect(normalized(s)).toEqual(normalized(r));
    expect(s?.server.flavor).toEqual(r?.server.flavor);
    expect(Object.keys(s?.server.addresses ?? {}).length).toBe(Object.keys(r?.server.addresses ?? {}).length);
    // Raw records, the fields Canopy reads (ids, times and host-specific values aside).
    expect(Object.keys(s?.raw ?? {}).sort()).toEqual(Object.keys(r?.raw ?? {}).sort());
    expect(Object.keys(s?.port as object).sort()).toEqual(Object.keys(r?.port as object).sort());
    expect(Object.keys(s?.fip as object).sort()).toEqual(Object.keys(r?.fip as object).sort());
  });
});
