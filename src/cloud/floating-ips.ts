/**
 * Floating IPs on neutron or nova-network (per `floating_ip_source` / what the cloud has): list, create,
 * attach, detach, delete — and the external-network choice autoIp uses.
 */
import { CanopyError, NotFoundError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import {
  addNovaFloatingIp,
  allocateNovaFloatingIp,
  deleteNovaFloatingIp,
  listNovaFloatingIps,
  removeNovaFloatingIp,
} from '../services/compute/nova-network.js';
import type { RawNovaFloatingIp } from '../services/compute/schemas.js';
import {
  createFloatingIp as createNeutronFloatingIp,
  deleteFloatingIp as deleteNeutronFloatingIp,
  listFloatingIps as listNeutronFloatingIps,
  listFloatingIpsArray,
  setFloatingIpPort,
} from '../services/network/floating-ips.js';
import type { RawFloatingIp } from '../services/network/schemas.js';
import { createOnce, newClientToken, tokenDescription } from './client-token.js';
import { externalNetworkFor } from './external-networks.js';
import { floatingIpSource, type CloudContext } from './cloud-context.js';
import { serverPorts } from './server-ports.js';

/**
 * A floating IP, the same from neutron and nova-network.
 *
 * @example
 * for await (const ip of cloud.listFloatingIps()) console.log(ip.address, ip.fixedAddress ?? 'unattached');
 */
export interface FloatingIp {
  id: string;
  address: string;
  /** Neutron: the external network id. */
  networkId: string | undefined;
  /** nova-network: the pool name. */
  pool: string | undefined;
  /** Neutron: the port it is attached to. */
  portId: string | undefined;
  fixedAddress: string | undefined;
  /** nova-network: the instance it is attached to. */
  serverId: string | undefined;
  status: string | undefined;
  attached: boolean;
  source: 'neutron' | 'nova';
}

/** A neutron floating IP, normalized. */
export function fromNeutron(raw: RawFloatingIp): FloatingIp {
  const details = (raw as { port_details?: { device_id?: string } | null }).port_details;
  return {
    id: raw.id,
    address: raw.floating_ip_address,
    networkId: raw.floating_network_id,
    pool: undefined,
    portId: raw.port_id ?? undefined,
    fixedAddress: raw.fixed_ip_address ?? undefined,
    serverId: details?.device_id || undefined,
    status: raw.status,
    attached: Boolean(raw.port_id),
    source: 'neutron',
  };
}

/** A nova-network floating IP, normalized. */
export function fromNova(raw: RawNovaFloatingIp): FloatingIp {
  return {
    id: raw.id,
    address: raw.ip,
    networkId: undefined,
    pool: raw.pool ?? undefined,
    portId: undefined,
    fixedAddress: raw.fixed_ip ?? undefined,
    serverId: raw.instance_id ?? undefined,
    status: undefined,
    attached: Boolean(raw.instance_id || raw.fixed_ip),
    source: 'nova',
  };
}

async function source(ctx: CloudContext, signal?: AbortSignal): Promise<'neutron' | 'nova'> {
  const s = await floatingIpSource(ctx, signal);
  if (s === 'none') throw new CanopyError(`cloud "${ctx.config.name}" has floating_ip_source: none`);
  return s;
}

/**
 * Every floating IP of the project.
 *
 * @example
 * for await (const ip of listFloatingIps(cloud)) console.log(ip.address);
 */
export async function* listFloatingIps(ctx: CloudContext, options: { signal?: AbortSignal } = {}): AsyncIterable<FloatingIp> {
  if ((await source(ctx, options.signal)) === 'nova') {
    for (const raw of await listNovaFloatingIps(await ctx.service('compute', options.signal), options.signal)) yield fromNova(raw);
    return;
  }
  const network = await ctx.service('network', options.signal);
  const auth = await ctx.auth(options.signal);
  // Admin tokens see every project's floating IPs; list the token's own.
  const filters = auth.projectId ? { tenant_id: auth.projectId } : {};
  for await (const raw of listNeutronFloatingIps(network, filters, options.signal)) yield fromNeutron(raw);
}

/** Options of {@link Cloud.createFloatingIp}. */
export interface CreateFloatingIpOptions {
  /** Neutron: external network name or id. nova-network: pool name. */
  network?: string;
  /** Neutron: attach at creation to this port (one call, no race). */
  portId?: string;
  fixedAddress?: string;
  signal?: AbortSignal;
}

/**
 * Allocates a floating IP (neutron, or nova-network `os-floating-ips`).
 *
 * @example
 * const ip = await createFloatingIp(cloud, { network: 'public' });
 */
export async function createFloatingIp(ctx: CloudContext, options: CreateFloatingIpOptions = {}): Promise<FloatingIp> {
  if ((await source(ctx, options.signal)) === 'nova') {
    return allocateNovaFloatingIpOnce(ctx, await ctx.service('compute', options.signal), { pool: options.network, signal: options.signal });
  }
  const network = await ctx.service('network', options.signal);
  const external = await externalNetworkFor(ctx, network, options.network, options.signal);
  return createNeutronFloatingIpOnce(ctx, network, { networkId: external.id, portId: options.portId, fixedAddress: options.portId ? options.fixedAddress : undefined, signal: options.signal });
}

/** Options of {@link createNeutronFloatingIpOnce}. */
export interface NeutronFloatingIpRequest {
  /** The external network's id. */
  networkId: string;
  /** Attach at creation to this port. */
  portId?: string;
  fixedAddress?: string;
  /** Receives a line for the task record when the create was recovered after an ambiguous failure. */
  note?: (text: string) => void;
  signal?: AbortSignal;
}

/**
 * Creates a neutron floating IP that is never created twice: it carries a client token in its `description`;
 * after a failure with an unknown outcome, a floating IP on the same port (or, without a port, with the token)
 * is adopted instead of creating another.
 *
 * @example
 * const ip = await createNeutronFloatingIpOnce(cloud, neutron, { networkId: external.id, portId: port.id });
 */
export async function createNeutronFloatingIpOnce(ctx: CloudContext, network: ServiceClient, request: NeutronFloatingIpRequest): Promise<FloatingIp> {
  const clientToken = newClientToken();
  const description = tokenDescription(clientToken);
  // `description` is sent as well; the service layer's type names only the fields every release knows.
  const attrs: Parameters<typeof createNeutronFloatingIp>[1] = Object.assign(
    { floating_network_id: request.networkId, ...(request.portId ? { port_id: request.portId } : {}), ...(request.fixedAddress ? { fixed_ip_address: request.fixedAddress } : {}) },
    { description },
  );
  const auth = await ctx.auth(request.signal);
  const find = async (): Promise<RawFloatingIp | undefined> => {
    const filters = request.portId ? { port_id: request.portId } : { floating_network_id: request.networkId, ...(auth.projectId ? { tenant_id: auth.projectId } : {}) };
    const candidates = (await listFloatingIpsArray(network, filters, request.signal)).filter((f) => f.floating_network_id === request.networkId);
    const tagged = candidates.find((f) => f.description === description);
    if (tagged) return tagged;
    // A neutron that drops descriptions still shows the floating IP on the port this call asked for.
    return request.portId ? candidates.find((f) => !f.description) : undefined;
  };
  const { value } = await createOnce({
    what: `floating IP on ${request.portId ? `port ${request.portId}` : `network ${request.networkId}`}`,
    clientToken,
    create: () => createNeutronFloatingIp(network, attrs, request.signal),
    find,
    logger: ctx.logger,
    ...(request.note ? { note: request.note } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  return fromNeutron(value);
}

/** Addresses this process has allocated on nova-network, per cloud, so one call never adopts another's. */
const claimedNovaAddresses = new WeakMap<object, Set<string>>();

/**
 * Allocates a nova-network floating IP that is never allocated twice. `os-floating-ips` takes no tag, so the
 * project's addresses are listed first; after a failure with an unknown outcome, an address that appeared since,
 * is unattached and is not claimed by another call of this process is adopted. (Another process allocating in
 * the same pool at the same moment could still be confused with it — nova-network gives nothing better.)
 *
 * @example
 * const ip = await allocateNovaFloatingIpOnce(cloud, compute, { pool: 'nova' });
 */
export async function allocateNovaFloatingIpOnce(ctx: CloudContext, compute: ServiceClient, request: { pool?: string; note?: (text: string) => void; signal?: AbortSignal } = {}): Promise<FloatingIp> {
  let claimed = claimedNovaAddresses.get(ctx);
  if (!claimed) claimedNovaAddresses.set(ctx, (claimed = new Set()));
  const mine = claimed;
  const before = new Set((await listNovaFloatingIps(compute, request.signal)).map((f) => f.ip));
  const { value } = await createOnce({
    what: `floating IP from pool ${request.pool ?? '(default)'}`,
    clientToken: `new address since ${before.size} known`,
    create: () => allocateNovaFloatingIp(compute, request.pool, request.signal),
    find: async () => {
      const appeared = (await listNovaFloatingIps(compute, request.signal)).find((f) => !before.has(f.ip) && !mine.has(f.ip) && !f.instance_id && !f.fixed_ip && (!request.pool || f.pool === request.pool));
      // Claimed before returning, so two calls recovering at once never adopt the same address.
      if (appeared) mine.add(appeared.ip);
      return appeared;
    },
    logger: ctx.logger,
    ...(request.note ? { note: request.note } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  mine.add(value.ip);
  return fromNova(value);
}

/**
 * Finds a floating IP by id or address.
 *
 * @example
 * const ip = await findFloatingIp(cloud, '203.0.113.39');
 */
export async function findFloatingIp(ctx: CloudContext, idOrAddress: string, signal?: AbortSignal): Promise<FloatingIp | undefined> {
  for await (const ip of listFloatingIps(ctx, { signal })) if (ip.id === idOrAddress || ip.address === idOrAddress) return ip;
  return undefined;
}

async function requireFloatingIp(ctx: CloudContext, idOrAddress: string, signal?: AbortSignal): Promise<FloatingIp> {
  const ip = await findFloatingIp(ctx, idOrAddress, signal);
  if (!ip) throw new NotFoundError({ method: 'GET', url: '', service: ctx.config.floatingIpSource === 'nova' ? 'compute' : 'network' }, { message: `no floating IP with id or address "${idOrAddress}"` });
  return ip;
}

/**
 * Attaches a floating IP to a server: neutron `PUT port_id` (on `portId`, or the server's port — the one holding
 * `fixedAddress` when the server has several), nova-network `addFloatingIp`.
 *
 * @example
 * await attachFloatingIp(cloud, '203.0.113.39', { serverId, portId, fixedAddress });
 */
export async function attachFloatingIp(ctx: CloudContext, idOrAddress: string, target: { serverId: string; portId?: string; fixedAddress?: string; signal?: AbortSignal }): Promise<FloatingIp> {
  const ip = await requireFloatingIp(ctx, idOrAddress, target.signal);
  if (ip.source === 'nova') {
    await addNovaFloatingIp(await ctx.service('compute', target.signal), target.serverId, ip.address, target.fixedAddress, target.signal);
    return { ...ip, serverId: target.serverId, fixedAddress: target.fixedAddress ?? ip.fixedAddress, attached: true };
  }
  const network = await ctx.service('network', target.signal);
  const portId = target.portId ?? (await portForFloatingIp(network, target.serverId, target.fixedAddress, target.signal));
  return fromNeutron(await setFloatingIpPort(network, ip.id, portId, target.fixedAddress, target.signal));
}

/** The server's port a floating IP goes on: its only one, or the one with `fixedAddress`; otherwise it says which exist. */
async function portForFloatingIp(network: ServiceClient, serverId: string, fixedAddress: string | undefined, signal?: AbortSignal): Promise<string> {
  const ports = await serverPorts(network, serverId, signal);
  const candidates = fixedAddress ? ports.filter((p) => p.fixed_ips.some((f) => f.ip_address === fixedAddress)) : ports;
  if (candidates.length === 1 && candidates[0]) return candidates[0].id;
  const listed = ports.map((p) => `${p.id} (${p.fixed_ips.map((f) => f.ip_address).join(', ')})`).join('; ');
  if (!ports.length) throw new CanopyError(`server ${serverId} has no port to attach a floating IP to`);
  if (fixedAddress) throw new CanopyError(`server ${serverId} has no port with fixed address ${fixedAddress}; its ports: ${listed}`);
  throw new CanopyError(`server ${serverId} has ${ports.length} ports; pass portId or fixedAddress to choose: ${listed}`);
}

/**
 * Detaches a floating IP (it stays allocated to the project).
 *
 * @example
 * await detachFloatingIp(cloud, '203.0.113.39');
 */
export async function detachFloatingIp(ctx: CloudContext, idOrAddress: string, signal?: AbortSignal): Promise<FloatingIp> {
  const ip = await requireFloatingIp(ctx, idOrAddress, signal);
  if (!ip.attached) return ip;
  if (ip.source === 'nova') {
    if (ip.serverId) await removeNovaFloatingIp(await ctx.service('compute', signal), ip.serverId, ip.address, signal);
    return { ...ip, serverId: undefined, fixedAddress: undefined, attached: false };
  }
  return fromNeutron(await setFloatingIpPort(await ctx.service('network', signal), ip.id, null, undefined, signal));
}

/**
 * Releases a floating IP; succeeds when it is already gone. A nova-network address still attached is removed
 * from its server first.
 *
 * @example
 * await deleteFloatingIp(cloud, ip.id);
 */
export async function deleteFloatingIp(ctx: CloudContext, idOrAddress: string, signal?: AbortSignal): Promise<void> {
  const ip = await findFloatingIp(ctx, idOrAddress, signal);
  if (!ip) return;
  await deleteKnownFloatingIp(ctx, ip, signal);
}

/** Deletes a floating IP already in hand (no lookup). */
export async function deleteKnownFloatingIp(ctx: CloudContext, ip: FloatingIp, signal?: AbortSignal): Promise<void> {
  if (ip.source === 'nova') {
    const compute = await ctx.service('compute', signal);
    if (ip.serverId) await removeNovaFloatingIp(compute, ip.serverId, ip.address, signal).catch(() => undefined);
    await deleteNovaFloatingIp(compute, ip.id, signal);
    return;
  }
  await deleteNeutronFloatingIp(await ctx.service('network', signal), ip.id, signal);
}

/**
 * Floating IPs attached to a server: neutron ones on any of its ports, nova-network ones by instance id.
 *
 * @example
 * const ips = await floatingIpsOfServer(cloud, serverId, portIds);
 */
export async function floatingIpsOfServer(ctx: CloudContext, serverId: string, portIds: string[], signal?: AbortSignal): Promise<FloatingIp[]> {
  if ((await floatingIpSource(ctx, signal)) === 'nova') {
    return (await listNovaFloatingIps(await ctx.service('compute', signal), signal)).filter((f) => f.instance_id === serverId).map(fromNova);
  }
  const network = await ctx.service('network', signal);
  const out: FloatingIp[] = [];
  for (const portId of portIds) for (const raw of await listFloatingIpsArray(network, { port_id: portId }, signal)) out.push(fromNeutron(raw));
  return out;
}
