/**
 * Floating IPs on neutron or nova-network behind one set of calls: list, find/get by id or address, create,
 * attach, detach, update (neutron), delete with the one delete contract. Each call finds the floating IP through
 * the backend's resource kind and leaves the backend-specific work to `./neutron.ts` or `./nova.ts`.
 */
import { UnsupportedError } from '../../errors/index.js';
import type { FloatingIp, FloatingIpFilters } from '../../resources/network/floating-ip.js';
import { floatingIpKind } from '../../resources/network/floating-ip.js';
import type { DeleteResult } from '../../verbs/change-resources.js';
import { updateResource } from '../../verbs/change-resources.js';
import { findResource, getResource } from '../../verbs/find-resource.js';
import { listResources, type ListOptions } from '../../verbs/list-resources.js';
import type { CloudContext, CloudScope } from '../cloud-context.js';
import { requireExtensions } from '../network-primitives/neutron-gates.js';
import { floatingIpBackend, type CreateFloatingIpOptions, type FloatingIpTarget } from './backend.js';

export type { FloatingIp, FloatingIpFilters } from '../../resources/network/floating-ip.js';
export { fromNeutron, fromNova } from '../../resources/network/floating-ip.js';
export type { CreateFloatingIpOptions, FloatingIpTarget } from './backend.js';
export { createNeutronFloatingIpOnce, type NeutronFloatingIpRequest } from './neutron.js';
export { allocateNovaFloatingIpOnce } from './nova.js';

/** Options of the floating IP calls that only find one. */
export interface FloatingIpCallOptions {
  signal?: AbortSignal;
}

/**
 * The project's floating IPs (neutron: the token's project unless `filters.projectId` says otherwise).
 *
 * @example
 * for await (const ip of listFloatingIps(cloud, { filters: { networkId } })) console.log(ip.address);
 */
export async function* listFloatingIps(ctx: CloudScope, options: ListOptions<FloatingIpFilters> = {}): AsyncIterable<FloatingIp> {
  const backend = await floatingIpBackend(ctx, options.signal);
  yield* listResources(ctx, backend.kind, { ...options, filters: { ...(await backend.scope(options.signal)), ...options.filters } });
}

/**
 * A floating IP by id or address, or `undefined`.
 *
 * @example
 * const ip = await findFloatingIp(cloud, '203.0.113.39');
 */
export async function findFloatingIp(ctx: CloudScope, idOrAddress: string, options: FloatingIpCallOptions = {}): Promise<FloatingIp | undefined> {
  return findResource(ctx, (await floatingIpBackend(ctx, options.signal)).kind, idOrAddress, options);
}

/**
 * A floating IP by id or address; `NotFoundError` listing the addresses there are.
 *
 * @example
 * const ip = await getFloatingIp(cloud, '203.0.113.39');
 */
export async function getFloatingIp(ctx: CloudScope, idOrAddress: string, options: FloatingIpCallOptions = {}): Promise<FloatingIp> {
  return getResource(ctx, (await floatingIpBackend(ctx, options.signal)).kind, idOrAddress, options);
}

/**
 * Allocates a floating IP from an external network (neutron) or pool (nova-network), default the cloud's.
 *
 * @example
 * const ip = await createFloatingIp(cloud, { network: 'public' });
 */
export async function createFloatingIp(ctx: CloudScope, options: CreateFloatingIpOptions = {}): Promise<FloatingIp> {
  const backend = await floatingIpBackend(ctx, options.signal);
  if (options.description !== undefined && backend.source === 'neutron') {
    await requireExtensions(await ctx.service('network', options.signal), ['standard-attr-description'], 'floating IP descriptions', options.signal);
  }
  return backend.create(options);
}

/**
 * Attaches a floating IP to a server: neutron puts it on `portId`, or the server's port (the one holding
 * `fixedAddress` when it has several); nova-network calls `addFloatingIp`.
 *
 * @example
 * await attachFloatingIp(cloud, '203.0.113.39', { serverId, portId, fixedAddress });
 */
export async function attachFloatingIp(ctx: CloudScope, idOrAddress: string, target: FloatingIpTarget): Promise<FloatingIp> {
  const backend = await floatingIpBackend(ctx, target.signal);
  return backend.attach(await getResource(ctx, backend.kind, idOrAddress, { signal: target.signal }), target);
}

/**
 * Detaches a floating IP (it stays allocated to the project).
 *
 * @example
 * await detachFloatingIp(cloud, '203.0.113.39');
 */
export async function detachFloatingIp(ctx: CloudScope, idOrAddress: string, options: FloatingIpCallOptions = {}): Promise<FloatingIp> {
  const backend = await floatingIpBackend(ctx, options.signal);
  return backend.detach(await getResource(ctx, backend.kind, idOrAddress, options), options.signal);
}

/** What `updateFloatingIp` can change (neutron only). */
export interface FloatingIpChanges {
  /** Needs the `standard-attr-description` extension. */
  description?: string;
  /** Move it to this port; `null` detaches it. */
  portId?: string | null;
  /** With `portId`: the port's fixed address to map to. */
  fixedAddress?: string;
}

/**
 * Changes a neutron floating IP's description or port; nova-network has neither (`UnsupportedError`).
 *
 * @example
 * await updateFloatingIp(cloud, '203.0.113.39', { description: 'web front' });
 */
export async function updateFloatingIp(ctx: CloudScope, idOrAddress: string, changes: FloatingIpChanges, options: FloatingIpCallOptions = {}): Promise<FloatingIp> {
  const backend = await floatingIpBackend(ctx, options.signal);
  if (backend.source === 'nova') throw new UnsupportedError({ feature: 'floating IP updates', service: 'network', have: 'nova-network', need: 'neutron' });
  if (changes.description !== undefined) {
    await requireExtensions(await ctx.service('network', options.signal), ['standard-attr-description'], 'floating IP descriptions', options.signal);
  }
  return updateResource(ctx, floatingIpKind, idOrAddress, changes, options);
}

/**
 * Releases a floating IP; `{ deleted: false }` when it is already gone. A nova-network address still attached
 * is removed from its server first.
 *
 * @example
 * const { deleted } = await deleteFloatingIp(cloud, ip.id);
 */
export async function deleteFloatingIp(ctx: CloudScope, idOrAddress: string, options: FloatingIpCallOptions = {}): Promise<DeleteResult> {
  const backend = await floatingIpBackend(ctx, options.signal);
  const ip = await findResource(ctx, backend.kind, idOrAddress, options);
  if (!ip) return { deleted: false };
  return { deleted: await backend.remove(ip, options.signal), id: ip.id };
}

/**
 * Deletes a floating IP already in hand (no lookup).
 *
 * @example
 * await deleteKnownFloatingIp(cloud, ip);
 */
export async function deleteKnownFloatingIp(ctx: CloudContext, ip: FloatingIp, signal?: AbortSignal): Promise<void> {
  await (await floatingIpBackend(ctx, signal)).remove(ip, signal);
}

/**
 * Floating IPs attached to a server: neutron ones on any of its ports, nova-network ones by instance id.
 *
 * @example
 * const ips = await floatingIpsOfServer(cloud, serverId, portIds);
 */
export async function floatingIpsOfServer(ctx: CloudContext, serverId: string, portIds: string[], signal?: AbortSignal): Promise<FloatingIp[]> {
  return (await floatingIpBackend(ctx, signal)).ofServer(serverId, portIds, signal);
}
