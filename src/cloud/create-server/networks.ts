/**
 * The networks of a new server: the ones named (by the caller or clouds.yaml's default interface), NICs one by
 * one, or the cloud's way of giving a project a network when nothing is named.
 */
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import type { ServerCreateBody } from '../../services/compute/servers.js';
import type { CloudContext } from '../cloud-context.js';
import { getMeANetwork, type NetworkPath } from '../get-me-a-network.js';
import { networkLookup, portLookup, resolveOne } from '../resolve.js';
import type { CreateServerStep, ServerNic } from './options.js';
import type { ResolvedNic } from './request-body.js';

/** The networks asked for by name, and how they came to be asked for. */
export interface NamedNetworks {
  names: string[];
  path: 'requested' | 'default-interface';
  detail: Record<string, unknown>;
}

/**
 * The networks asked for by name or id: the `network` option's, or else the cloud's configured default interface.
 * Undefined when the choice is left to nova or Canopy (`'auto'`, `'none'`, nothing configured).
 *
 * @example
 * namedNetworks(cloud, 'private') // { names: ['private'], path: 'requested', … }
 */
export function namedNetworks(ctx: CloudContext, requested: string | string[] | undefined): NamedNetworks | undefined {
  if (requested === 'none' || requested === 'auto') return undefined;
  if (requested !== undefined) {
    const names = Array.isArray(requested) ? requested : [requested];
    return names.length ? { names, path: 'requested', detail: { networks: names } } : undefined;
  }
  const configured = ctx.config.networks.find((n) => n.defaultInterface)?.name;
  return configured ? { names: [configured], path: 'default-interface', detail: { network: configured } } : undefined;
}

/**
 * nova's `networks` value when no network was named (see `CreateServerOptions.network`); may build a network
 * (get-me-a-network) on clouds whose nova cannot.
 *
 * @example
 * const networks = await chooseNetworks(cloud, compute, neutron, 'auto', record);
 */
export async function chooseNetworks(
  ctx: CloudContext,
  compute: ServiceClient,
  network: ServiceClient | undefined,
  requested: string | string[] | undefined,
  record: (s: CreateServerStep) => void,
  signal?: AbortSignal,
): Promise<ServerCreateBody['networks']> {
  const step = (path: NetworkPath | 'none', detail?: Record<string, unknown>) => record({ step: 'network', path, ...(detail ? { detail } : {}) });
  if (requested === 'none') {
    step('none');
    // Before 2.37 there is no "no network" request; an empty list is the closest.
    return compute.supports('2.37') ? 'none' : [];
  }
  if (!network) {
    step('nova-network');
    return undefined;
  }
  if (compute.supports('2.37')) {
    step('nova-auto');
    return 'auto';
  }
  const got = await getMeANetwork(ctx, { signal });
  step(got.path, { network: got.name, id: got.id });
  return got.id ? [{ uuid: got.id }] : undefined;
}

/**
 * Network names or ids → nova's `[{uuid}]`.
 *
 * @example
 * await resolveNetworks(neutron, ['private']) // [{ uuid: '…' }]
 */
export async function resolveNetworks(network: ServiceClient | undefined, names: string[], signal?: AbortSignal): Promise<Array<{ uuid: string }>> {
  // nova-network has no neutron to ask; its network ids go to nova as they are.
  if (!network) return names.map((uuid) => ({ uuid }));
  return Promise.all(names.map(async (name) => ({ uuid: (await resolveOne(networkLookup(network, signal), name)).id })));
}

/**
 * NICs with their networks and ports resolved to ids (side by side). A port needs neutron.
 *
 * @example
 * await resolveNics(neutron, [{ port: 'db-1-vip' }, { network: 'backend', fixedIp: '10.1.0.5' }])
 */
export async function resolveNics(network: ServiceClient | undefined, nics: ServerNic[], signal?: AbortSignal): Promise<ResolvedNic[]> {
  return Promise.all(
    nics.map(async (nic) => {
      const extra = { ...(nic.fixedIp ? { fixedIp: nic.fixedIp } : {}), ...(nic.tag ? { tag: nic.tag } : {}) };
      if (nic.port) {
        if (!network) throw new UnsupportedError({ feature: 'a NIC on a pre-made port', service: 'network', have: 'nova-network (no neutron)', need: 'neutron' });
        return { portId: (await resolveOne(portLookup(network, signal), nic.port)).id, ...extra };
      }
      const name = nic.network ?? '';
      const networkId = network ? (await resolveOne(networkLookup(network, signal), name)).id : name;
      return { networkId, ...extra };
    }),
  );
}
