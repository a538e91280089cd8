/**
 * The porcelain for neutron networks: list and find them, create one that servers can use straight away (network,
 * IPv4 subnet and a router to the external network so floating IPs work), and delete one together with the
 * pieces made with it. Creates carry a client token, so a create whose answer was lost is adopted, not repeated.
 */
import { CanopyError, isHttpError, isNotFoundError, ResourceInUseError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { createNetwork as createNetworkRest, createSubnet, deleteNetwork as deleteNetworkRest, deleteSubnet, listNetworks as listNetworksRest, listNetworksArray, listSubnets } from '../services/network/networks.js';
import { listPorts } from '../services/network/ports.js';
import { addRouterInterface, createRouter, deleteRouter, listRouters, removeRouterInterface } from '../services/network/routers.js';
import type { RawNetwork, RawRouter, RawSubnet } from '../services/network/schemas.js';
import { createOnce, newClientToken, tokenDescription } from './client-token.js';
import type { CloudContext } from './cloud-context.js';
import { findExternalNetwork } from './external-networks.js';
import { findOne, networkLookup, resolveOne } from './resolve.js';
import { removeWithRetries } from './resilient-cleanup.js';

/** A neutron network, normalized. */
export interface Network {
  id: string;
  name: string;
  /** `ACTIVE`, `DOWN`, `BUILD` or `ERROR`; absent on very old neutron. */
  status?: string;
  /** Shared with every project. */
  shared: boolean;
  /** An external network: floating IPs and router gateways come from it. */
  external: boolean;
  /** The owner (`project_id`, or `tenant_id` before Newton). */
  projectId?: string;
  subnetIds: string[];
}

/** What {@link Cloud.createNetwork} made: the network, its subnet and, unless told otherwise, its router. */
export interface CreatedNetwork extends Network {
  subnet: { id: string; name: string; cidr: string; gatewayIp?: string };
  /** The router (`<name>-router`) with its gateway on the external network; absent with `router: false`. */
  router?: { id: string; name: string; externalNetworkId: string };
}

/** Options of {@link Cloud.createNetwork}. */
export interface CreateNetworkOptions {
  name: string;
  /** The subnet's IPv4 range; `10.42.0.0/24` unless told (project networks are isolated, so ranges may repeat). */
  cidr?: string;
  /**
   * A router to the external network, so servers on the network can have floating IPs: `true` (default) fails
   * when the cloud has no external network, `'if-external'` then goes without one (with a warning), `false`
   * makes none.
   */
  router?: boolean | 'if-external';
  /** The external network (name or id) for the router's gateway; unless told, the one floating IPs come from (clouds.yaml `nat_source`, else the default external network). */
  externalNetwork?: string;
  /** DNS servers handed out on the subnet. */
  dnsNameservers?: string[];
  signal?: AbortSignal;
}

/** The subnet range {@link Cloud.createNetwork} uses unless told. */
export const DEFAULT_NETWORK_CIDR = '10.42.0.0/24';

/** Neutron's network as a {@link Network}. */
export function fromNeutronNetwork(raw: RawNetwork): Network {
  const projectId = raw.project_id ?? raw.tenant_id;
  return { id: raw.id, name: raw.name, ...(raw.status ? { status: raw.status } : {}), shared: raw.shared, external: raw['router:external'], ...(projectId ? { projectId } : {}), subnetIds: raw.subnets };
}

async function neutron(ctx: CloudContext, what: string, signal?: AbortSignal): Promise<ServiceClient> {
  if (!(await ctx.hasService('network', signal))) throw new CanopyError(`cloud "${ctx.config.name}" has no network service (it runs nova-network): cannot ${what}`);
  return ctx.service('network', signal);
}

/**
 * The networks the project can see (its own, shared and external ones).
 *
 * @example
 * for await (const n of listNetworks(cloud)) console.log(n.name, n.external ? 'external' : '');
 */
export async function* listNetworks(ctx: CloudContext, options: { name?: string; signal?: AbortSignal } = {}): AsyncIterable<Network> {
  const client = await neutron(ctx, 'list networks', options.signal);
  for await (const raw of listNetworksRest(client, options.name === undefined ? {} : { name: options.name }, options.signal)) yield fromNeutronNetwork(raw);
}

/**
 * The network with this id or name, or `undefined`; a name several networks share is an `AmbiguousMatchError`.
 *
 * @example
 * const net = await findNetwork(cloud, 'app-net');
 */
export async function findNetwork(ctx: CloudContext, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Network | undefined> {
  const found = await findOne(networkLookup(await neutron(ctx, 'find networks', options.signal), options.signal), nameOrId);
  return found && fromNeutronNetwork(found);
}

/**
 * The network with this id or name; `NotFoundError` (naming the networks that exist) or `AmbiguousMatchError`.
 *
 * @example
 * const net = await getNetwork(cloud, 'public');
 */
export async function getNetwork(ctx: CloudContext, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Network> {
  return fromNeutronNetwork(await resolveOne(networkLookup(await neutron(ctx, 'find networks', options.signal), options.signal), nameOrId));
}

/**
 * Creates a network servers can use at once: the network, an IPv4 subnet (`<name>-subnet`) and a router
 * (`<name>-router`) with its gateway on the external network and an interface on the subnet. A failed step
 * removes what was made before it (retrying through transient faults) and throws.
 *
 * @example
 * const net = await createNetwork(cloud, { name: 'app-net', cidr: '10.20.0.0/24' });
 * await cloud.createServer({ name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'app-net', autoIp: true });
 */
export async function createNetwork(ctx: CloudContext, options: CreateNetworkOptions): Promise<CreatedNetwork> {
  const { signal } = options;
  const client = await neutron(ctx, `create network "${options.name}"`, signal);
  const wantRouter = options.router ?? true;
  // The gateway is looked up first: a cloud without an external network fails before anything is made.
  const gateway = wantRouter ? await externalGateway(ctx, client, options, signal) : undefined;

  const undo: Array<{ type: string; id: string; remove: () => Promise<unknown> }> = [];
  // One neutron create with a client token in its description, so a create whose answer was lost is adopted.
  const once = async <T extends { id: string; [key: string]: unknown }>(what: string, create: (description: string) => Promise<T>, candidates: () => Promise<T[]>, orUntagged: boolean): Promise<T> => {
    const clientToken = newClientToken();
    const description = tokenDescription(clientToken);
    const { value } = await createOnce({
      what,
      clientToken,
      create: () => create(description),
      // orUntagged: a neutron that drops descriptions still shows the resource under a key only this call knows.
      find: async () => {
        const seen = await candidates();
        return seen.find((r) => r.description === description) ?? (orUntagged ? seen.find((r) => !r.description) : undefined);
      },
      logger: ctx.logger,
      ...(signal ? { signal } : {}),
    });
    return value;
  };
  try {
    const net = await once(`network ${options.name}`, (description) => createNetworkRest(client, { name: options.name, admin_state_up: true, description }, signal), () => listNetworksArray(client, { name: options.name }, signal), false);
    undo.push({ type: 'network', id: net.id, remove: () => deleteNetworkRest(client, net.id) });
    const subnetName = `${options.name}-subnet`;
    const subnet: RawSubnet = await once(
      `subnet ${subnetName}`,
      (description) =>
        createSubnet(client, { network_id: net.id, ip_version: 4, cidr: options.cidr ?? DEFAULT_NETWORK_CIDR, name: subnetName, description, ...(options.dnsNameservers ? { dns_nameservers: options.dnsNameservers } : {}) }, signal),
      // The network is brand new: any subnet on it is this call's.
      () => listSubnets(client, { network_id: net.id }, signal),
      true,
    );
    undo.push({ type: 'subnet', id: subnet.id, remove: () => deleteSubnet(client, subnet.id) });
    let router: RawRouter | undefined;
    if (gateway) {
      const routerName = `${options.name}-router`;
      router = await once(
        `router ${routerName}`,
        (description) => createRouter(client, { name: routerName, external_gateway_info: { network_id: gateway.id }, description }, signal),
        async () => (await listRouters(client, { name: routerName }, signal)).filter((r) => !undo.some((u) => u.id === r.id)),
        false,
      );
      const routerId = router.id;
      undo.push({ type: 'router', id: routerId, remove: () => deleteRouter(client, routerId) });
      await addInterfaceOnce(client, routerId, subnet.id, signal);
      undo.push({ type: 'router-interface', id: `${routerId}/${subnet.id}`, remove: () => removeRouterInterface(client, routerId, { subnet_id: subnet.id }) });
    }
    return {
      ...fromNeutronNetwork({ ...net, subnets: net.subnets.includes(subnet.id) ? net.subnets : [...net.subnets, subnet.id] }),
      subnet: { id: subnet.id, name: subnet.name, cidr: subnet.cidr, ...(subnet.gateway_ip ? { gatewayIp: subnet.gateway_ip } : {}) },
      ...(router && gateway ? { router: { id: router.id, name: router.name, externalNetworkId: gateway.id } } : {}),
    };
  } catch (error) {
    // The interface goes first, then router, subnet, network: the reverse of the build.
    for (const step of undo.reverse()) await removeWithRetries({ type: step.type, id: step.id }, step.remove, { logger: ctx.logger });
    throw error;
  }
}

/**
 * The external network a new router's gateway goes on — the one floating IPs come from (see
 * `findExternalNetwork`) — or undefined when `'if-external'` finds none.
 */
async function externalGateway(ctx: CloudContext, client: ServiceClient, options: CreateNetworkOptions, signal?: AbortSignal): Promise<RawNetwork | undefined> {
  const gateway = await findExternalNetwork(ctx, client, options.externalNetwork, signal);
  if (gateway) return gateway;
  if (options.router === 'if-external') {
    ctx.logger.warn(`network "${options.name}" gets no router: cloud "${ctx.config.name}" has no external network`);
    return undefined;
  }
  throw new CanopyError(`network "${options.name}" needs a router, but cloud "${ctx.config.name}" has no external network (pass router: false or 'if-external')`);
}

/**
 * `add_router_interface` is a PUT the transport may replay; a replay after the first one took effect is refused
 * ("already has a port on subnet"), which means it is done.
 */
async function addInterfaceOnce(client: ServiceClient, routerId: string, subnetId: string, signal?: AbortSignal): Promise<void> {
  try {
    await addRouterInterface(client, routerId, { subnet_id: subnetId }, signal);
  } catch (error) {
    if (!isHttpError(error) || (error.status !== 400 && error.status !== 409)) throw error;
    const ports = await listPorts(client, { device_id: routerId }, signal);
    if (!ports.some((p) => p.fixed_ips.some((f) => f.subnet_id === subnetId))) throw error;
  }
}

/** What {@link Cloud.deleteNetwork} removed. */
export interface DeletedNetwork {
  /** Always true here; a network that was not there is `{ deleted: false }` (the one delete contract). */
  deleted: true;
  id: string;
  name: string;
  /** Router interfaces taken off the network's subnets, as `routerId/portId`. */
  interfacesRemoved: string[];
  /** Routers deleted with it: those named `<name>-router` that served no other network. */
  routersDeleted: string[];
  subnetsDeleted: string[];
}

/** Router interface ports (plain, DVR and HA): removed from the router, not counted as users of the network. */
const ROUTER_INTERFACE_OWNERS = new Set(['network:router_interface', 'network:router_interface_distributed', 'network:ha_router_replicated_interface']);
/** Ports neutron itself keeps on a network and removes with it. */
const NEUTRON_OWNED = /^network:(dhcp|router_centralized_snat|router_gateway)$/;

/**
 * Deletes a network (by name or id) and what {@link Cloud.createNetwork} made with it: router interfaces on its
 * subnets are removed, the `<name>-router` is deleted when it serves no other subnet, then the subnets and the
 * network. Returns `{ deleted: false }` when there is no such network. Ports of servers (or any other port) on the network
 * make it a {@link ResourceInUseError} listing them, before anything is changed.
 *
 * @example
 * await deleteNetwork(cloud, 'app-net');
 */
export async function deleteNetwork(ctx: CloudContext, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<DeletedNetwork | { deleted: false }> {
  const { signal } = options;
  const client = await neutron(ctx, `delete network "${nameOrId}"`, signal);
  const net = await findOne(networkLookup(client, signal), nameOrId);
  if (!net) return { deleted: false };
  const result: DeletedNetwork = { deleted: true, id: net.id, name: net.name, interfacesRemoved: [], routersDeleted: [], subnetsDeleted: [] };

  const ports = await listPorts(client, { network_id: net.id }, signal);
  const users = ports.filter((p) => !ROUTER_INTERFACE_OWNERS.has(p.device_owner) && !NEUTRON_OWNED.test(p.device_owner));
  if (users.length) {
    const usedBy = users.map((p) => (p.device_owner.startsWith('compute:') && p.device_id ? { type: 'server', id: p.device_id } : { type: 'port', id: p.id }));
    throw new ResourceInUseError('network', { id: net.id, name: net.name }, [...new Map(usedBy.map((u) => [`${u.type}/${u.id}`, u])).values()]);
  }

  const interfaces = ports.filter((p) => ROUTER_INTERFACE_OWNERS.has(p.device_owner) && p.device_id);
  for (const port of interfaces) {
    await removeRouterInterface(client, port.device_id, { port_id: port.id }, signal).catch((error: unknown) => {
      // A replayed removal finds the interface gone already.
      if (!isNotFoundError(error)) throw error;
    });
    result.interfacesRemoved.push(`${port.device_id}/${port.id}`);
  }
  // The router made with the network: the one it was attached to, or (after an interrupted delete) found by name.
  const ownRouterName = `${net.name}-router`;
  const attached = new Set(interfaces.map((p) => p.device_id));
  const projectId = net.project_id ?? net.tenant_id;
  const candidates = (await listRouters(client, { name: ownRouterName }, signal)).filter(
    (r) => r.name === ownRouterName && (attached.has(r.id) || !projectId || (r.project_id ?? r.tenant_id) === projectId),
  );
  for (const router of candidates) {
    const stillServes = (await listPorts(client, { device_id: router.id }, signal)).filter((p) => ROUTER_INTERFACE_OWNERS.has(p.device_owner));
    if (stillServes.length) continue;
    if (await deleteRouter(client, router.id, signal)) result.routersDeleted.push(router.id);
  }
  for (const subnet of await listSubnets(client, { network_id: net.id }, signal)) {
    if (await deleteSubnet(client, subnet.id, signal)) result.subnetsDeleted.push(subnet.id);
  }
  await deleteNetworkRest(client, net.id, signal);
  return result;
}
