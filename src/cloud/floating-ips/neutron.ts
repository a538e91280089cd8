/**
 * The neutron floating IP backend (`/floatingips`): creates that are never made twice (a client token in the
 * description), attach by setting `port_id` on the server's port, detach with `port_id: null`.
 */
import { CanopyError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { floatingIpKind, fromNeutron, type FloatingIp } from '../../resources/network/floating-ip.js';
import { createFloatingIp, deleteFloatingIp, listFloatingIpsArray, setFloatingIpPort } from '../../services/network/floating-ips.js';
import type { RawFloatingIp } from '../../services/network/schemas.js';
import type { CloudContext } from '../cloud-context.js';
import { createOnce, newClientToken, tokenDescription } from '../client-token.js';
import { externalNetworkFor } from '../external-networks.js';
import { serverPorts } from '../server-ports.js';
import type { FloatingIpBackend } from './backend.js';

/** Options of {@link createNeutronFloatingIpOnce}. */
export interface NeutronFloatingIpRequest {
  /** The external network's id. */
  networkId: string;
  /** Attach at creation to this port. */
  portId?: string;
  fixedAddress?: string;
  /** Kept after Canopy's client token in the description. */
  description?: string;
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
  const description = request.description === undefined ? tokenDescription(clientToken) : `${tokenDescription(clientToken)} ${request.description}`;
  // `description` is sent as well; the service layer's type names only the fields every release knows.
  const attrs: Parameters<typeof createFloatingIp>[1] = Object.assign(
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
    create: () => createFloatingIp(network, attrs, request.signal),
    find,
    logger: ctx.logger,
    ...(request.note ? { note: request.note } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  return fromNeutron(value);
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
 * The neutron backend.
 *
 * @example
 * const backend = neutronBackend(cloud);
 */
export function neutronBackend(ctx: CloudContext): FloatingIpBackend {
  const network = (signal?: AbortSignal) => ctx.service('network', signal);
  return {
    source: 'neutron',
    kind: floatingIpKind,
    // Admin tokens see every project's floating IPs; list the token's own.
    scope: async (signal) => {
      const { projectId } = await ctx.auth(signal);
      return projectId ? { projectId } : {};
    },
    async create(options) {
      const client = await network(options.signal);
      const external = await externalNetworkFor(ctx, client, options.network, options.signal);
      return createNeutronFloatingIpOnce(ctx, client, {
        networkId: external.id,
        ...(options.portId ? { portId: options.portId, ...(options.fixedAddress ? { fixedAddress: options.fixedAddress } : {}) } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    },
    async attach(ip, target) {
      const client = await network(target.signal);
      const portId = target.portId ?? (await portForFloatingIp(client, target.serverId, target.fixedAddress, target.signal));
      return fromNeutron(await setFloatingIpPort(client, ip.id, portId, target.fixedAddress, target.signal));
    },
    async detach(ip, signal) {
      if (!ip.attached) return ip;
      return fromNeutron(await setFloatingIpPort(await network(signal), ip.id, null, undefined, signal));
    },
    async remove(ip, signal) {
      return deleteFloatingIp(await network(signal), ip.id, signal);
    },
    async ofServer(_serverId, portIds, signal) {
      const client = await network(signal);
      const out: FloatingIp[] = [];
      for (const portId of portIds) for (const raw of await listFloatingIpsArray(client, { port_id: portId }, signal)) out.push(fromNeutron(raw));
      return out;
    },
  };
}
