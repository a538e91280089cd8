/**
 * get-me-a-network: a network a server can boot on, found or made with what the cloud offers.
 * Inside createServer nova's own `networks: 'auto'` (compute ≥ 2.37) comes first; {@link getMeANetwork} does the
 * neutron side, which older clouds need and which nova itself does on newer ones.
 */
import { AmbiguousMatchError, isConflictError, isHttpError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { autoAllocatedTopologyDryRun, getAutoAllocatedTopology } from '../services/network/auto-allocated-topology.js';
import { listExtensionAliases } from '../services/network/extensions.js';
import { createNetwork, createSubnet, deleteNetwork, deleteSubnet, findNetworkById, listNetworksArray, listSubnets } from '../services/network/networks.js';
import { listPorts } from '../services/network/ports.js';
import { addRouterInterface, createRouter, deleteRouter, listRouters, removeRouterInterface } from '../services/network/routers.js';
import type { RawNetwork } from '../services/network/schemas.js';
import { createOnce, newClientToken, tokenDescription } from './client-token.js';
import { hasNeutron, type CloudContext } from './cloud-context.js';
import { removeWithRetries } from './resilient-cleanup.js';

/** How the network was obtained. */
export type NetworkPath = 'nova-auto' | 'neutron-auto-topology' | 'existing-network' | 'built-network' | 'nova-network';

/** The result of {@link getMeANetwork}. `id`/`name` are undefined on nova-network clouds (nova picks the network). */
export interface MeANetwork {
  id: string | undefined;
  name: string | undefined;
  path: NetworkPath;
}

/** The name of the network Canopy builds when nothing else works, found and reused next time. */
export const DEFAULT_NETWORK_NAME = 'canopy-default-network';
/** The address range of the built network's subnet (tenant networks are isolated, so one range serves all). */
const DEFAULT_CIDR = '10.42.0.0/24';

/**
 * Finds or makes a network for the project's servers, in order:
 * 1. the project's single usable network (its own or a shared one, not external) — this is what nova's own
 *    `auto` does first, so every generation lands on the same network; `canopy-default-network` wins a tie,
 *    several others are an {@link AmbiguousMatchError};
 * 2. neutron's auto-allocated topology, after a dry-run says it can work;
 * 3. builds `canopy-default-network` (network, subnet, router with its gateway on the default external network,
 *    interface), removing the pieces again if a step fails;
 * nova-network clouds need nothing (path `nova-network`).
 *
 * @example
 * const { id, name, path } = await getMeANetwork(cloud); // path: 'neutron-auto-topology'
 */
export async function getMeANetwork(ctx: CloudContext, options: { signal?: AbortSignal } = {}): Promise<MeANetwork> {
  const { signal } = options;
  if (!(await hasNeutron(ctx, signal))) return done(ctx, { id: undefined, name: undefined, path: 'nova-network' });
  const network = await ctx.service('network', signal);
  const projectId = (await ctx.auth(signal)).projectId;

  const existing = await usableNetwork(network, projectId, signal);
  if (existing) return done(ctx, { id: existing.id, name: existing.name, path: 'existing-network' });

  if (projectId && (await listExtensionAliases(network, signal)).has('auto-allocated-topology')) {
    const ready = await autoAllocatedTopologyDryRun(network, projectId, signal).catch((error: unknown) => {
      // 409 AutoAllocationFailure says what is missing (no default external network or subnet pool).
      if (isConflictError(error)) {
        ctx.logger.debug('auto-allocated topology unavailable', { reason: error.serviceMessage });
        return false;
      }
      throw error;
    });
    if (ready) {
      const id = await getAutoAllocatedTopology(network, projectId, signal);
      const net = await findNetworkById(network, id, signal);
      return done(ctx, { id, name: net?.name ?? 'auto_allocated_network', path: 'neutron-auto-topology' });
    }
  }
  const built = await buildNetwork(ctx, network, signal);
  return done(ctx, { id: built.id, name: built.name, path: 'built-network' });
}

function done(ctx: CloudContext, result: MeANetwork): MeANetwork {
  ctx.logger.debug('get-me-a-network', { path: result.path, network: result.name, id: result.id });
  return result;
}

/** The project's own or shared non-external network, when exactly one (or one named canopy-default-network). */
async function usableNetwork(network: ServiceClient, projectId: string | undefined, signal?: AbortSignal): Promise<RawNetwork | undefined> {
  const all = await listNetworksArray(network, {}, signal);
  const usable = all.filter((n) => !n['router:external'] && (n.shared || !projectId || (n.project_id ?? n.tenant_id) === projectId));
  if (usable.length <= 1) return usable[0];
  const ours = usable.find((n) => n.name === DEFAULT_NETWORK_NAME);
  if (ours) return ours;
  throw new AmbiguousMatchError('network', 'auto', usable.map((n) => ({ id: n.id, name: n.name })));
}

/**
 * Builds network + subnet + router (gateway on the default external network) + interface; undoes on failure.
 * Each create carries a client token in its `description`, so a create whose answer was lost is adopted rather
 * than repeated; the undo retries through faults.
 */
async function buildNetwork(ctx: CloudContext, network: ServiceClient, signal?: AbortSignal): Promise<RawNetwork> {
  const undo: Array<{ type: string; id: string; remove: () => Promise<unknown> }> = [];
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
    const net = await once(`network ${DEFAULT_NETWORK_NAME}`, (description) => createNetwork(network, { name: DEFAULT_NETWORK_NAME, admin_state_up: true, description }, signal), () => listNetworksArray(network, { name: DEFAULT_NETWORK_NAME }, signal), false);
    undo.push({ type: 'network', id: net.id, remove: () => deleteNetwork(network, net.id) });
    const subnetName = `${DEFAULT_NETWORK_NAME}-subnet`;
    const subnet = await once(
      `subnet ${subnetName}`,
      (description) => createSubnet(network, { network_id: net.id, ip_version: 4, cidr: DEFAULT_CIDR, name: subnetName, description }, signal),
      // The network is brand new: any subnet on it is this call's.
      () => listSubnets(network, { network_id: net.id }, signal),
      true,
    );
    undo.push({ type: 'subnet', id: subnet.id, remove: () => deleteSubnet(network, subnet.id) });
    const external = await listNetworksArray(network, { 'router:external': true }, signal);
    const gateway = external.find((n) => n.is_default) ?? external[0];
    if (gateway) {
      const routerName = `${DEFAULT_NETWORK_NAME}-router`;
      const router = await once(
        `router ${routerName}`,
        (description) => createRouter(network, { name: routerName, external_gateway_info: { network_id: gateway.id }, description }, signal),
        async () => (await listRouters(network, { name: routerName }, signal)).filter((r) => !undo.some((u) => u.id === r.id)),
        false,
      );
      undo.push({ type: 'router', id: router.id, remove: () => deleteRouter(network, router.id) });
      await addInterfaceOnce(network, router.id, subnet.id, signal);
      undo.push({ type: 'router-interface', id: `${router.id}/${subnet.id}`, remove: () => removeRouterInterface(network, router.id, { subnet_id: subnet.id }) });
    } else {
      ctx.logger.warn('built a network without a router: the cloud has no external network', { network: net.id });
    }
    return net;
  } catch (error) {
    // The interface goes first, then router, subnet, network: the reverse of the build.
    for (const step of undo.reverse()) await removeWithRetries({ type: step.type, id: step.id }, step.remove, { logger: ctx.logger });
    throw error;
  }
}

/**
 * `add_router_interface` is a PUT the transport may replay; a replay after the first one took effect is refused
 * ("already has a port on subnet"), which means it is done.
 */
async function addInterfaceOnce(network: ServiceClient, routerId: string, subnetId: string, signal?: AbortSignal): Promise<void> {
  try {
    await addRouterInterface(network, routerId, { subnet_id: subnetId }, signal);
  } catch (error) {
    if (!isHttpError(error) || (error.status !== 400 && error.status !== 409)) throw error;
    const ports = await listPorts(network, { device_id: routerId }, signal);
    if (!ports.some((p) => p.fixed_ips.some((f) => f.subnet_id === subnetId))) throw error;
  }
}
