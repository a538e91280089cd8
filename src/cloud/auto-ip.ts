/**
 * Giving a booted server its floating IPs: `ips` (given addresses), `ipPool` (from this network/pool) or
 * `autoIp` (when it has no public address yet). Neutron creates the floating IP directly on the server's port
 * (one call, so two processes never grab the same address); nova-network allocates from a pool and calls
 * `addFloatingIp`.
 */
import { CanopyError, NotFoundError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { addNovaFloatingIp, listNovaFloatingIps } from '../services/compute/nova-network.js';
import type { RawServer } from '../services/compute/schemas.js';
import { listFloatingIpsArray, setFloatingIpPort } from '../services/network/floating-ips.js';
import { listNetworksArray } from '../services/network/networks.js';
import { serverPorts } from './server-ports.js';
import type { RawPort } from '../services/network/schemas.js';
import { createOnce } from './client-token.js';
import { floatingIpSource, type CloudContext } from './cloud-context.js';
import { externalNetworkFor, listExternalNetworks } from './external-networks.js';
import { allocateNovaFloatingIpOnce, createNeutronFloatingIpOnce, fromNeutron, fromNova, type FloatingIp } from './floating-ips/index.js';
import { detectAddresses, flattenAddresses } from '../resources/compute/server-model.js';

/** What to attach. */
export interface AddIpsOptions {
  autoIp?: boolean;
  /** Existing floating addresses to attach. */
  ips?: string[];
  /** Neutron external network (name or id) or nova-network pool to take an address from. */
  ipPool?: string;
  /** Take an unattached floating IP of the project before allocating (races across processes; off by default). */
  reuseIps?: boolean;
  /** Receives a line for the task record when a create was recovered after an ambiguous failure. */
  note?: (text: string) => void;
}

/** Floating IPs touched by {@link addIpsToServer}. */
export interface AddIpsProgress {
  /** Allocated by this call — the ones to release if a later step fails. */
  created: FloatingIp[];
  /** Every address now attached (created, reused or given). */
  attached: FloatingIp[];
  path?: 'neutron-port' | 'nova-network';
  /** Why nothing was done, when nothing was. */
  skipped?: string;
}

/**
 * Attaches floating IPs per the options. `progress` is filled as it goes, so a caller catching an error still
 * knows what was created.
 *
 * @example
 * const progress = { created: [], attached: [] };
 * await addIpsToServer(cloud, raw, { autoIp: true }, progress);
 */
export async function addIpsToServer(ctx: CloudContext, raw: RawServer, options: AddIpsOptions, progress: AddIpsProgress, signal?: AbortSignal): Promise<AddIpsProgress> {
  const wantsIp = Boolean(options.ips?.length || options.ipPool || options.autoIp);
  if (!wantsIp) return progress;
  const source = await floatingIpSource(ctx, signal);
  if (source === 'none') return skip(progress, 'floating_ip_source is none');
  if (!options.ips?.length && !options.ipPool) {
    if (ctx.config.private) return skip(progress, 'the cloud is private');
    const external = source === 'neutron' ? (await listExternalNetworks(ctx)).map((n) => n.name) : [];
    const found = detectAddresses(flattenAddresses(raw.addresses), { accessIPv4: raw.accessIPv4 ?? undefined }, { networks: ctx.config.networks, externalNetworks: external });
    if (found.publicV4) return skip(progress, `the server already has a public address (${found.publicV4})`);
    if (!found.privateV4) return skip(progress, 'the server has no fixed IPv4 address to NAT to');
  }
  return source === 'nova' ? novaNetwork(ctx, raw, options, progress, signal) : neutron(ctx, raw, options, progress, signal);
}

/**
 * Starts, without waiting for it, the one lookup `autoIp` will need once the server is ACTIVE — the cloud's
 * external networks (listed once per Cloud and kept) — so it runs while the server builds instead of after.
 * Does nothing when no address will be allocated from them; a failure is left for the later call to meet.
 *
 * @example
 * warmUpAutoIp(cloud, { autoIp: true }); // before the boot
 */
export function warmUpAutoIp(ctx: CloudContext, options: AddIpsOptions): void {
  if (!options.autoIp || options.ips?.length || options.ipPool || ctx.config.private) return;
  void (async () => {
    if ((await floatingIpSource(ctx)) === 'neutron') await listExternalNetworks(ctx);
  })().catch(() => undefined);
}

function skip(progress: AddIpsProgress, why: string): AddIpsProgress {
  progress.skipped = why;
  return progress;
}

async function neutron(ctx: CloudContext, raw: Pick<RawServer, 'id'>, options: AddIpsOptions, progress: AddIpsProgress, signal?: AbortSignal, knownPort?: RawPort): Promise<AddIpsProgress> {
  progress.path = 'neutron-port';
  const network = await ctx.service('network', signal);
  const port = knownPort ?? (await natPort(ctx, network, raw.id, signal));
  const fixed = port.fixed_ips.find((f) => !f.ip_address.includes(':'))?.ip_address;
  const projectId = (await ctx.auth(signal)).projectId;
  const scope = projectId ? { tenant_id: projectId } : {};
  if (options.ips?.length) {
    for (const address of options.ips) {
      const [fip] = await listFloatingIpsArray(network, { floating_ip_address: address, ...scope }, signal);
      if (!fip) throw new NotFoundError({ method: 'GET', url: network.endpoint, service: 'network' }, { message: `no floating IP ${address} in the project` });
      progress.attached.push(fromNeutron(await setFloatingIpPort(network, fip.id, port.id, fixed)));
    }
    return progress;
  }
  const external = await externalNetworkFor(ctx, network, options.ipPool, signal);
  if (options.reuseIps) {
    const free = (await listFloatingIpsArray(network, { floating_network_id: external.id, ...scope }, signal)).find((f) => !f.port_id);
    if (free) {
      progress.attached.push(fromNeutron(await setFloatingIpPort(network, free.id, port.id, fixed)));
      return progress;
    }
  }
  const created = await createNeutronFloatingIpOnce(ctx, network, { networkId: external.id, portId: port.id, fixedAddress: fixed, note: options.note, signal });
  progress.created.push(created);
  progress.attached.push(created);
  ctx.logger.debug('floating IP created on the server port', { server: raw.id, port: port.id, address: created.address, network: external.name });
  return progress;
}

/**
 * `autoIp` while the server still builds: once nova has made the server's ports, the floating IP is created on
 * the one to NAT to, so it overlaps the rest of the build instead of following it. Only the plain case — autoIp
 * from the default external network on neutron, no network settings in clouds.yaml — and only when every port
 * is on an internal network with an IPv4 address (a server with a port on an external network has a public
 * address already). Resolves false when it did nothing (no ports yet, another case): the caller then attaches
 * after ACTIVE as usual. Errors are the caller's to handle (it may fall back the same way).
 *
 * @example
 * const progress = { created: [], attached: [] };
 * if (!(await addIpsWhileBuilding(cloud, serverId, { autoIp: true }, progress))) await addIpsToServer(cloud, raw, { autoIp: true }, progress);
 */
export async function addIpsWhileBuilding(ctx: CloudContext, serverId: string, options: AddIpsOptions, progress: AddIpsProgress, signal?: AbortSignal): Promise<boolean> {
  if (!options.autoIp || options.ips?.length || options.ipPool || options.reuseIps || ctx.config.private || ctx.config.networks.length) return false;
  if ((await floatingIpSource(ctx, signal)) !== 'neutron') return false;
  const network = await ctx.service('network', signal);
  const ports = await serverPorts(network, serverId, signal);
  const external = new Set((await listExternalNetworks(ctx)).map((n) => n.id));
  if (!ports.length || ports.some((p) => external.has(p.network_id) || !p.fixed_ips.length)) return false;
  const port = pickNatPort(ports, external);
  if (!port) return false;
  await neutron(ctx, { id: serverId }, options, progress, signal, port);
  return true;
}

/** The newest port with an IPv4 address on a non-external network. */
function pickNatPort(ports: RawPort[], external: Set<string>): RawPort | undefined {
  const withV4 = ports.filter((p) => p.fixed_ips.some((f) => !f.ip_address.includes(':')));
  return withV4.filter((p) => !external.has(p.network_id)).sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''))[0];
}

/** The port to NAT to: the one on the `nat_destination` network, else the newest with an IPv4 on a non-external network. */
async function natPort(ctx: CloudContext, network: ServiceClient, serverId: string, signal?: AbortSignal): Promise<RawPort> {
  const ports = await serverPorts(network, serverId, signal);
  const withV4 = ports.filter((p) => p.fixed_ips.some((f) => !f.ip_address.includes(':')));
  const natDestination = ctx.config.networks.find((n) => n.natDestination)?.name;
  if (natDestination) {
    const nets = await listNetworksArray(network, {}, signal);
    const ids = new Set(nets.filter((n) => n.name === natDestination || n.id === natDestination).map((n) => n.id));
    const port = withV4.find((p) => ids.has(p.network_id));
    if (port) return port;
  }
  const port = pickNatPort(ports, new Set((await listExternalNetworks(ctx)).map((n) => n.id)));
  if (!port) throw new CanopyError(`server ${serverId} has no port with an IPv4 address on an internal network to attach a floating IP to`);
  return port;
}

async function novaNetwork(ctx: CloudContext, raw: RawServer, options: AddIpsOptions, progress: AddIpsProgress, signal?: AbortSignal): Promise<AddIpsProgress> {
  progress.path = 'nova-network';
  const compute = await ctx.service('compute', signal);
  const fixed = flattenAddresses(raw.addresses).find((a) => a.version === 4 && a.type !== 'floating')?.addr;
  const attach = async (ip: FloatingIp) => {
    await addNovaFloatingIpOnce(ctx, compute, raw.id, ip.address, fixed, options.note, signal);
    progress.attached.push({ ...ip, serverId: raw.id, fixedAddress: fixed, attached: true });
  };
  if (options.ips?.length) {
    for (const address of options.ips) await attach({ ...fromNova({ id: address, ip: address }) });
    return progress;
  }
  if (options.reuseIps) {
    const free = (await listNovaFloatingIps(compute, signal)).find((f) => !f.instance_id && !f.fixed_ip && (!options.ipPool || f.pool === options.ipPool));
    if (free) {
      await attach(fromNova(free));
      return progress;
    }
  }
  const created = await allocateNovaFloatingIpOnce(ctx, compute, { pool: options.ipPool, note: options.note, signal });
  progress.created.push(created);
  await attach(created);
  ctx.logger.debug('nova-network floating IP added', { server: raw.id, address: created.address, pool: created.pool });
  return progress;
}

/**
 * nova-network's `addFloatingIp` action, safe to repeat: when its outcome is unknown, nova's list says whether
 * the address is now on the server; the action is sent again only when it is not.
 */
async function addNovaFloatingIpOnce(ctx: CloudContext, compute: ServiceClient, serverId: string, address: string, fixed: string | undefined, note: ((text: string) => void) | undefined, signal?: AbortSignal): Promise<void> {
  await createOnce<true>({
    what: `floating IP ${address} on server ${serverId}`,
    // An action carries no token; the address on the server is the evidence.
    clientToken: `${serverId}/${address}`,
    create: async () => {
      await addNovaFloatingIp(compute, serverId, address, fixed, signal);
      return true;
    },
    find: async () => ((await listNovaFloatingIps(compute, signal)).some((f) => f.ip === address && f.instance_id === serverId) ? true : undefined),
    logger: ctx.logger,
    note,
    signal,
  });
}
