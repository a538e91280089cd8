/**
 * The nova-network floating IP backend (`os-floating-ips`, `addFloatingIp`/`removeFloatingIp` server actions).
 */
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { fromNova, novaFloatingIpKind, type FloatingIp } from '../../resources/network/floating-ip.js';
import { addNovaFloatingIp, allocateNovaFloatingIp, deleteNovaFloatingIp, listNovaFloatingIps, removeNovaFloatingIp } from '../../services/compute/nova-network.js';
import type { CloudContext } from '../cloud-context.js';
import { createOnce } from '../client-token.js';
import type { FloatingIpBackend } from './backend.js';

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
 * The nova-network backend.
 *
 * @example
 * const backend = novaBackend(cloud);
 */
export function novaBackend(ctx: CloudContext): FloatingIpBackend {
  const compute = (signal?: AbortSignal) => ctx.service('compute', signal);
  return {
    source: 'nova',
    kind: novaFloatingIpKind,
    scope: async () => ({}),
    async create(options) {
      if (options.portId || options.description !== undefined) {
        throw new UnsupportedError({ feature: options.portId ? 'a floating IP created on a port' : 'floating IP descriptions', service: 'network', have: 'nova-network', need: 'neutron' });
      }
      return allocateNovaFloatingIpOnce(ctx, await compute(options.signal), { pool: options.network, signal: options.signal });
    },
    async attach(ip, target) {
      await addNovaFloatingIp(await compute(target.signal), target.serverId, ip.address, target.fixedAddress, target.signal);
      return { ...ip, serverId: target.serverId, fixedAddress: target.fixedAddress ?? ip.fixedAddress, attached: true };
    },
    async detach(ip, signal) {
      if (ip.serverId) await removeNovaFloatingIp(await compute(signal), ip.serverId, ip.address, signal);
      return { ...ip, serverId: undefined, fixedAddress: undefined, attached: false };
    },
    async remove(ip, signal) {
      const client = await compute(signal);
      if (ip.serverId) await removeNovaFloatingIp(client, ip.serverId, ip.address, signal).catch(() => undefined);
      return deleteNovaFloatingIp(client, ip.id, signal);
    },
    async ofServer(serverId, _portIds, signal) {
      return (await listNovaFloatingIps(await compute(signal), signal)).filter((f) => f.instance_id === serverId).map(fromNova);
    },
  };
}
