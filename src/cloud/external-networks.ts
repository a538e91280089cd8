/**
 * The one place that knows the cloud's external networks (neutron `router:external`): which exist (listed once
 * per Cloud and kept — they change about as often as the cloud's design), and which one floating IPs and router
 * gateways come from.
 */
import { NotFoundError } from '../errors/index.js';
import { raceSignal } from '../internal/abort.js';
import type { ServiceClient } from '../http/service-client.js';
import { listNetworksArray } from '../services/network/networks.js';
import { listRouters } from '../services/network/routers.js';
import type { RawNetwork } from '../services/network/schemas.js';
import { hasNeutron, type CloudContext } from './cloud-context.js';
import { networkLookup, resolveOne } from './resolve.js';

const known = new WeakMap<CloudContext, Promise<RawNetwork[]>>();

/**
 * The cloud's external networks (none on nova-network clouds), listed once per Cloud. The list is shared work:
 * it runs under no caller's signal, so one caller giving up never fails another.
 *
 * @example
 * const names = (await listExternalNetworks(cloud)).map((n) => n.name);
 */
export function listExternalNetworks(ctx: CloudContext, signal?: AbortSignal): Promise<RawNetwork[]> {
  let networks = known.get(ctx);
  if (!networks) {
    networks = (async () => {
      if (!(await hasNeutron(ctx))) return [];
      return listNetworksArray(await ctx.service('network'), { 'router:external': true });
    })();
    known.set(ctx, networks);
    networks.catch(() => known.delete(ctx));
  }
  return raceSignal(networks, signal);
}

/**
 * The external network floating IPs come from: `requested` by name or id when given; else the clouds.yaml
 * `nat_source` network; else the `router:external` network (the `is_default` one when there are several); else
 * the gateway network of one of the project's routers. `undefined` when the cloud has none at all (a `requested`
 * or `nat_source` name that matches nothing is a `NotFoundError`).
 *
 * @example
 * const ext = await findExternalNetwork(cloud, neutron); // undefined on a cloud without one
 */
export async function findExternalNetwork(ctx: CloudContext, network: ServiceClient, requested?: string, signal?: AbortSignal): Promise<RawNetwork | undefined> {
  if (requested) return resolveOne(networkLookup(network, signal), requested);
  const natSource = ctx.config.networks.find((n) => n.natSource)?.name;
  if (natSource) return resolveOne(networkLookup(network, signal), natSource);
  const external = await listExternalNetworks(ctx, signal);
  const preferred = external.length === 1 ? external[0] : (external.find((n) => n.is_default) ?? external[0]);
  if (preferred) {
    if (external.length > 1) ctx.logger.debug('several external networks; using the default one', { chosen: preferred.name, candidates: external.map((n) => n.name) });
    return preferred;
  }
  const withGateway = (await listRouters(network, {}, signal)).find((r) => r.external_gateway_info?.network_id);
  const gatewayId = withGateway?.external_gateway_info?.network_id;
  return gatewayId ? resolveOne(networkLookup(network, signal), gatewayId) : undefined;
}

/**
 * Like {@link findExternalNetwork}, but a `NotFoundError` when the cloud has no external network.
 *
 * @example
 * const ext = await externalNetworkFor(cloud, neutron);
 */
export async function externalNetworkFor(ctx: CloudContext, network: ServiceClient, requested?: string, signal?: AbortSignal): Promise<RawNetwork> {
  const found = await findExternalNetwork(ctx, network, requested, signal);
  if (found) return found;
  throw new NotFoundError(
    { method: 'GET', url: network.endpoint, service: 'network' },
    { message: `cloud "${ctx.config.name}" has no external network for floating IPs (no nat_source in clouds.yaml, no router:external network, no router with a gateway)` },
  );
}
