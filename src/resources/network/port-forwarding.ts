/**
 * Neutron port forwardings (`floating-ip-port-forwarding` extension): traffic to one port of a floating IP
 * goes to a port of a fixed address behind it, so one floating IP can serve several servers. Nested under the
 * floating IP: `/floatingips/{floatingIpId}/port_forwardings`.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';

/** A port forwarding as neutron returns it. */
export const rawPortForwardingSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  protocol: z.string(),
  internal_ip_address: z.string(),
  internal_port_id: z.string(),
  internal_port: z.number().nullish(),
  external_port: z.number().nullish(),
  description: z.string().nullish(),
}));
/** A neutron port forwarding record. */
export type RawPortForwarding = z.infer<typeof rawPortForwardingSchema>;

/**
 * A port forwarding of a floating IP.
 *
 * @example
 * const pf: PortForwarding = await cloud.createFloatingIpPortForwarding('203.0.113.39', { internalPortId, internalIpAddress: '10.0.0.5', internalPort: 22, externalPort: 2222, protocol: 'tcp' });
 */
export interface PortForwarding {
  id: string;
  protocol: string;
  internalIpAddress: string;
  internalPortId: string;
  internalPort?: number;
  externalPort?: number;
  description?: string;
}

/** What `createFloatingIpPortForwarding` sends (the port already resolved to its id). */
export interface PortForwardingBody {
  protocol: 'tcp' | 'udp';
  internalPortId: string;
  internalIpAddress: string;
  internalPort: number;
  externalPort: number;
  /** Needs the `floating-ip-port-forwarding-description` extension. */
  description?: string;
}

/**
 * The port forwarding kind (parents `{ floatingIpId }`).
 *
 * @example
 * for await (const pf of listResources(cloud, portForwardingKind, { parents: { floatingIpId } })) console.log(pf.externalPort);
 */
export const portForwardingKind = defineResourceKind<RawPortForwarding, PortForwarding, PortForwardingBody, never, object>({
  name: 'port forwarding',
  service: 'network',
  schema: rawPortForwardingSchema,
  layout: () => ({ path: '/floatingips/{floatingIpId}/port_forwardings', one: 'port_forwarding', many: 'port_forwardings' }),
  idIsUuid: true,
  id: (p) => p.id,
  nameOf: (p) => `${p.protocol}/${p.external_port ?? ''}`,
  normalize: (p) => ({
    id: p.id,
    protocol: p.protocol,
    internalIpAddress: p.internal_ip_address,
    internalPortId: p.internal_port_id,
    ...(p.internal_port != null ? { internalPort: p.internal_port } : {}),
    ...(p.external_port != null ? { externalPort: p.external_port } : {}),
    ...(p.description ? { description: p.description } : {}),
  }),
  createBody: (input) => ({
    protocol: input.protocol,
    internal_port_id: input.internalPortId,
    internal_ip_address: input.internalIpAddress,
    internal_port: input.internalPort,
    external_port: input.externalPort,
    ...(input.description !== undefined ? { description: input.description } : {}),
  }),
});
