/**
 * Port forwardings of a neutron floating IP (`floating-ip-port-forwarding` extension): list, create, delete.
 * A cloud without the extension, or on nova-network, raises `UnsupportedError` before any request about them.
 */
import { CanopyError, UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { floatingIpKind } from '../../resources/network/floating-ip.js';
import { portForwardingKind, type PortForwarding } from '../../resources/network/port-forwarding.js';
import { findPortById } from '../../services/network/ports.js';
import { createResource, deleteResource, type DeleteResult } from '../../verbs/change-resources.js';
import { getRaw } from '../../verbs/find-resource.js';
import { listResources } from '../../verbs/list-resources.js';
import { floatingIpSource, type CloudScope } from '../cloud-context.js';
import { requireExtensions } from '../network-primitives/neutron-gates.js';

const FEATURE = 'floating IP port forwardings';

/** Options of the port forwarding calls. */
export interface PortForwardingCallOptions {
  signal?: AbortSignal;
}

/** What `createFloatingIpPortForwarding` takes. */
export interface CreatePortForwardingOptions extends PortForwardingCallOptions {
  protocol: 'tcp' | 'udp';
  /** The port (id) of the server that receives the traffic. */
  internalPortId: string;
  /** Its fixed address to forward to (default: the port's first). */
  internalIpAddress?: string;
  internalPort: number;
  /** The floating IP's port. */
  externalPort: number;
  /** Needs the `floating-ip-port-forwarding-description` extension. */
  description?: string;
}

async function forwardingScope(ctx: CloudScope, floatingIp: string, signal: AbortSignal | undefined, extra: readonly string[] = []): Promise<{ network: ServiceClient; parents: { floatingIpId: string } }> {
  if ((await floatingIpSource(ctx, signal)) !== 'neutron') throw new UnsupportedError({ feature: FEATURE, service: 'network', have: 'nova-network', need: 'neutron with the "floating-ip-port-forwarding" extension' });
  const network = await ctx.service('network', signal);
  await requireExtensions(network, ['floating-ip-port-forwarding', ...extra], FEATURE, signal);
  const ip = await getRaw(ctx, floatingIpKind, floatingIp, { signal });
  return { network, parents: { floatingIpId: ip.id } };
}

/**
 * The port forwardings of a floating IP (by id or address).
 *
 * @example
 * for await (const pf of listFloatingIpPortForwardings(cloud, '203.0.113.39')) console.log(pf.externalPort, pf.internalIpAddress);
 */
export async function* listFloatingIpPortForwardings(ctx: CloudScope, floatingIp: string, options: PortForwardingCallOptions = {}): AsyncIterable<PortForwarding> {
  const { parents } = await forwardingScope(ctx, floatingIp, options.signal);
  yield* listResources(ctx, portForwardingKind, { parents, ...(options.signal ? { signal: options.signal } : {}) });
}

/**
 * Forwards a port of a floating IP (by id or address) to a port of a fixed address behind it. Neutron refuses
 * (409) a floating IP that is attached to a port, and a second forwarding of the same external port and protocol.
 *
 * @example
 * await createFloatingIpPortForwarding(cloud, '203.0.113.39', { protocol: 'tcp', internalPortId, internalPort: 22, externalPort: 2222 });
 */
export async function createFloatingIpPortForwarding(ctx: CloudScope, floatingIp: string, options: CreatePortForwardingOptions): Promise<PortForwarding> {
  const { network, parents } = await forwardingScope(ctx, floatingIp, options.signal, options.description !== undefined ? ['floating-ip-port-forwarding-description'] : []);
  let internalIpAddress = options.internalIpAddress;
  if (internalIpAddress === undefined) {
    const port = await findPortById(network, options.internalPortId, options.signal);
    internalIpAddress = port?.fixed_ips[0]?.ip_address;
    if (!internalIpAddress) throw new CanopyError(`port ${options.internalPortId} ${port ? 'has no fixed address' : 'does not exist'} to forward to`);
  }
  const { signal, ...body } = options;
  return createResource(ctx, portForwardingKind, { ...body, internalIpAddress }, { parents, ...(signal ? { signal } : {}) });
}

/**
 * Deletes a port forwarding of a floating IP; `{ deleted: false }` when it was already gone.
 *
 * @example
 * await deleteFloatingIpPortForwarding(cloud, '203.0.113.39', pf.id);
 */
export async function deleteFloatingIpPortForwarding(ctx: CloudScope, floatingIp: string, id: string, options: PortForwardingCallOptions = {}): Promise<DeleteResult> {
  const { parents } = await forwardingScope(ctx, floatingIp, options.signal);
  return deleteResource(ctx, portForwardingKind, id, { parents, ...(options.signal ? { signal: options.signal } : {}) });
}
