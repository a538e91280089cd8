/**
 * get-me-a-network: a network a server can boot on, found or made with what the cloud offers.
 * Inside createServer nova's own `networks: 'auto'` (compute ≥ 2.37) comes first; {@link Cloud.getMeANetwork} does the
 * neutron side, which older clouds need and which nova itself does on newer ones.
 */
import { AmbiguousMatchError, isConflictError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { autoAllocatedTopologyDryRun, getAutoAllocatedTopology } from '../services/network/auto-allocated-topology.js';
import { listExtensionAliases } from '../services/network/extensions.js';
import { findNetworkById, listNetworksArray } from '../services/network/networks.js';
import type { RawNetwork } from '../services/network/schemas.js';
import { hasNeutron, type CloudContext } from './cloud-context.js';
import { createNetwork } from './networks.js';

/** How the network was obtained. */
export type NetworkPath = 'nova-auto' | 'neutron-auto-topology' | 'existing-network' | 'built-network' | 'nova-network';

/** The result of {@link Cloud.getMeANetwork}. `id`/`name` are undefined on nova-network clouds (nova picks the network). */
export interface MeANetwork {
  id: string | undefined;
  name: string | undefined;
  path: NetworkPath;
}

/** The name of the network Canopy builds when nothing else works, found and reused next time. */
export const DEFAULT_NETWORK_NAME = 'canopy-default-network';

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
  const built = await createNetwork(ctx, { name: DEFAULT_NETWORK_NAME, router: 'if-external', ...(signal ? { signal } : {}) });
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
