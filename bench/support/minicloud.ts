/**
 * The mini OpenStack (../shared/minicloud) as the cloud benches use it: whether it answers, a clouds.yaml that
 * sends every client through a counting proxy, and the bench's own network topology, made and removed outside
 * the measured parts. Everything the benches create is named `canopy-bench-…`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { repoRoot } from './canopy-dist.js';
import {
  addRouterInterface,
  createNetwork,
  createRouter,
  createSubnet,
  deleteFloatingIp,
  deleteNetwork,
  deleteRouter,
  listFloatingIpsArray,
  listNetworksArray,
  listRouters,
  listSubnets,
  removeRouterInterface,
} from '../../src/services/network/index.js';

/** Prefix of every resource the benches create on the mini OpenStack. */
export const BENCH_PREFIX = 'canopy-bench-';

/** The mini OpenStack's clouds.yaml (`OS_CLIENT_CONFIG_FILE` overrides) and cloud name (`OS_CLOUD`, else `minicloud`). */
export const MINICLOUD = {
  configFile: process.env.OS_CLIENT_CONFIG_FILE || resolve(repoRoot(), '..', 'shared', 'minicloud', 'clouds.yaml'),
  cloud: process.env.OS_CLOUD || 'minicloud',
};

/**
 * Whether the mini OpenStack answers (keystone, then a token), and why not.
 *
 * @example
 * const { up, why } = await minicloudStatus();
 */
export async function minicloudStatus(): Promise<{ up: boolean; why: string }> {
  let cloud: Cloud | undefined;
  try {
    cloud = await openCloud({ cloud: MINICLOUD.cloud, configFile: MINICLOUD.configFile, env: {} });
    await cloud.auth(AbortSignal.timeout(10_000));
    return { up: true, why: '' };
  } catch (error) {
    return { up: false, why: `${MINICLOUD.configFile} cloud ${MINICLOUD.cloud}: ${(error as Error).message}` };
  } finally {
    await cloud?.close();
  }
}

/** The auth URL of the mini OpenStack cloud entry. */
export function minicloudAuthUrl(): string {
  const doc = parse(readFileSync(MINICLOUD.configFile, 'utf8')) as { clouds: Record<string, { auth: { auth_url: string } }> };
  const entry = doc.clouds[MINICLOUD.cloud];
  if (!entry) throw new Error(`no cloud ${MINICLOUD.cloud} in ${MINICLOUD.configFile}`);
  return entry.auth.auth_url;
}

/**
 * Writes a clouds.yaml holding only the bench cloud with its auth URL replaced (e.g. by the proxy's), under the
 * same name; returns its path.
 *
 * @example
 * const file = writeProxiedCloudsYaml(proxy.url(minicloudAuthUrl()));
 */
export function writeProxiedCloudsYaml(authUrl: string): string {
  const doc = parse(readFileSync(MINICLOUD.configFile, 'utf8')) as { clouds: Record<string, { auth: Record<string, unknown> }> };
  const entry = doc.clouds[MINICLOUD.cloud];
  if (!entry) throw new Error(`no cloud ${MINICLOUD.cloud} in ${MINICLOUD.configFile}`);
  const dir = mkdtempSync(join(tmpdir(), 'canopy-bench-'));
  const file = join(dir, 'clouds.yaml');
  writeFileSync(file, JSON.stringify({ clouds: { [MINICLOUD.cloud]: { ...entry, auth: { ...entry.auth, auth_url: authUrl } } } }), { mode: 0o600 });
  return file;
}

/** Opens the mini OpenStack directly (no proxy), for set-up and clean-up. */
export function openMinicloud(): Promise<Cloud> {
  return openCloud({ cloud: MINICLOUD.cloud, configFile: MINICLOUD.configFile, env: {} });
}

/** The bench's tenant network: network, subnet and a router with its gateway on the default external network. */
export interface BenchTopology {
  networkId: string;
  networkName: string;
  subnetId: string;
  routerId: string;
}

/**
 * Creates `canopy-bench-net` (10.99.0.0/24) and `canopy-bench-router` (gateway on the external network, an
 * interface on the subnet), so both SDKs boot on the same named network and can get floating IPs.
 *
 * @example
 * const topo = await createBenchTopology(cloud);
 */
export async function createBenchTopology(cloud: Cloud): Promise<BenchTopology> {
  const network = await cloud.service('network');
  const external = (await listNetworksArray(network, { 'router:external': true })).find((n) => n.name === 'public') ?? (await listNetworksArray(network, { 'router:external': true }))[0];
  if (!external) throw new Error('no external network to route floating IPs from');
  const networkName = `${BENCH_PREFIX}net`;
  const net = await createNetwork(network, { name: networkName });
  const subnet = await createSubnet(network, { network_id: net.id, ip_version: 4, cidr: '10.99.0.0/24', name: `${BENCH_PREFIX}subnet` });
  const router = await createRouter(network, { name: `${BENCH_PREFIX}router`, external_gateway_info: { network_id: external.id } });
  await addRouterInterface(network, router.id, { subnet_id: subnet.id });
  return { networkId: net.id, networkName, subnetId: subnet.id, routerId: router.id };
}

/**
 * Removes every `canopy-bench-` server (with its floating IPs), router and network of the project, and the
 * floating IPs passed in `extraFloatingIps`; returns what is still there afterwards (empty when clean).
 *
 * @example
 * const left = await sweepBenchResources(cloud);
 */
export async function sweepBenchResources(cloud: Cloud, extraFloatingIps: string[] = []): Promise<string[]> {
  const network = await cloud.service('network');
  const servers: string[] = [];
  for await (const s of cloud.listServers({ name: `^${BENCH_PREFIX}` })) if (s.name.startsWith(BENCH_PREFIX)) servers.push(s.id);
  await Promise.all(servers.map((id) => cloud.deleteServer(id, { deleteIps: true, timeoutMs: 120_000 })));
  for (const id of extraFloatingIps) await deleteFloatingIp(network, id);
  for (const router of await listRouters(network)) {
    if (!router.name?.startsWith(BENCH_PREFIX)) continue;
    const ours = (await listNetworksArray(network)).filter((n) => n.name?.startsWith(BENCH_PREFIX));
    for (const net of ours) for (const subnet of await listSubnets(network, { network_id: net.id })) await removeRouterInterface(network, router.id, { subnet_id: subnet.id }).catch(() => undefined);
    await deleteRouter(network, router.id);
  }
  for (const net of await listNetworksArray(network)) if (net.name?.startsWith(BENCH_PREFIX)) await deleteNetwork(network, net.id);
  return benchLeftovers(cloud, extraFloatingIps);
}

/**
 * What is left of the benches on the cloud: `canopy-bench-` servers, routers, networks, and any of the given
 * floating IP ids that still exist.
 *
 * @example
 * expect(await benchLeftovers(cloud)).toEqual([]);
 */
export async function benchLeftovers(cloud: Cloud, floatingIpIds: string[] = []): Promise<string[]> {
  const network = await cloud.service('network');
  const left: string[] = [];
  for await (const s of cloud.listServers({ name: `^${BENCH_PREFIX}` })) if (s.name.startsWith(BENCH_PREFIX)) left.push(`server ${s.name} ${s.id}`);
  for (const r of await listRouters(network)) if (r.name?.startsWith(BENCH_PREFIX)) left.push(`router ${r.name} ${r.id}`);
  for (const n of await listNetworksArray(network)) if (n.name?.startsWith(BENCH_PREFIX)) left.push(`network ${n.name} ${n.id}`);
  const wanted = new Set(floatingIpIds);
  for (const ip of await listFloatingIpsArray(network)) if (wanted.has(ip.id)) left.push(`floating IP ${ip.floating_ip_address} ${ip.id}`);
  return left;
}

/** The ids of the project's floating IPs now. */
export async function floatingIpIds(cloud: Cloud): Promise<Set<string>> {
  return new Set((await listFloatingIpsArray(await cloud.service('network'))).map((ip) => ip.id));
}
