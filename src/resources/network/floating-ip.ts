/**
 * Floating IPs as resource kinds, one per backend with one model: neutron's `/floatingips` and nova-network's
 * `/os-floating-ips` (reached at compute 2.35 or below, the last microversion with the proxy APIs). Which one a
 * cloud uses is the porcelain's choice (`src/cloud/floating-ips/backend.ts`). A floating IP is found by its id
 * or its address (the address plays the part of a name).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { deleteNovaFloatingIp, listNovaFloatingIps } from '../../services/compute/nova-network.js';
import { rawNovaFloatingIpSchema, type RawNovaFloatingIp } from '../../services/compute/schemas.js';
import { rawFloatingIpSchema } from '../../services/network/schemas.js';
import { defineResourceKind } from '../resource-kind.js';
import { equalFilter } from './neutron-attributes.js';

/**
 * A floating IP, the same from neutron and nova-network.
 *
 * @example
 * for await (const ip of cloud.listFloatingIps()) console.log(ip.address, ip.fixedAddress ?? 'unattached');
 */
export interface FloatingIp {
  id: string;
  address: string;
  /** Neutron: the external network id. */
  networkId: string | undefined;
  /** nova-network: the pool name. */
  pool: string | undefined;
  /** Neutron: the port it is attached to. */
  portId: string | undefined;
  fixedAddress: string | undefined;
  /** The server it is attached to (neutron: where the cloud shows port details). */
  serverId: string | undefined;
  status: string | undefined;
  attached: boolean;
  source: 'neutron' | 'nova';
  /** Neutron with `standard-attr-description`. */
  description?: string;
}

/** A neutron floating IP record (with the description and port details newer releases add). */
export const rawNeutronFloatingIpSchema = lazySchema(() => rawFloatingIpSchema.unwrap().extend({
  description: z.string().nullish(),
  port_details: z.looseObject({ device_id: z.string().nullish() }).nullish(),
}));
/** A neutron floating IP record. */
export type RawNeutronFloatingIp = z.infer<typeof rawNeutronFloatingIpSchema>;

/**
 * A neutron floating IP, normalized.
 *
 * @example
 * fromNeutron(raw).attached // true when it has a port
 */
export function fromNeutron(raw: z.infer<typeof rawFloatingIpSchema> & { description?: string | null; port_details?: { device_id?: string | null } | null }): FloatingIp {
  // Canopy's creates lead the description with their client token (cloud/client-token.ts): not the user's text.
  const description = (raw.description ?? '').replace(/^canopy:client-token=\S+\s?/, '');
  return {
    id: raw.id,
    address: raw.floating_ip_address,
    networkId: raw.floating_network_id,
    pool: undefined,
    portId: raw.port_id ?? undefined,
    fixedAddress: raw.fixed_ip_address ?? undefined,
    serverId: raw.port_details?.device_id || undefined,
    status: raw.status,
    attached: Boolean(raw.port_id),
    source: 'neutron',
    ...(description ? { description } : {}),
  };
}

/**
 * A nova-network floating IP, normalized.
 *
 * @example
 * fromNova({ id: '1', ip: '172.24.4.3', pool: 'nova' }).source // 'nova'
 */
export function fromNova(raw: RawNovaFloatingIp): FloatingIp {
  return {
    id: raw.id,
    address: raw.ip,
    networkId: undefined,
    pool: raw.pool ?? undefined,
    portId: undefined,
    fixedAddress: raw.fixed_ip ?? undefined,
    serverId: raw.instance_id ?? undefined,
    status: undefined,
    attached: Boolean(raw.instance_id || raw.fixed_ip),
    source: 'nova',
  };
}

/** Filters of `listFloatingIps` (neutron sends them; nova-network's are checked on each record). */
export interface FloatingIpFilters {
  address: string;
  /** The same as `address`: the address plays the part of a floating IP's name in lookups. */
  name: string;
  /** The external network's id (neutron). */
  networkId: string;
  /** Attached to this port (neutron). */
  portId: string;
  /** Neutron: the owning project (Canopy lists the token's own project by default). */
  projectId: string;
  status: string;
}

/** What `updateFloatingIp` sends (the port already resolved): `portId: null` detaches. */
export interface FloatingIpUpdateBody {
  portId?: string | null;
  fixedAddress?: string;
  description?: string;
}

/**
 * The neutron floating IP kind.
 *
 * @example
 * const ip = await getResource(cloud, floatingIpKind, '203.0.113.39');
 */
export const floatingIpKind = defineResourceKind<RawNeutronFloatingIp, FloatingIp, never, FloatingIpUpdateBody, FloatingIpFilters>({
  name: 'floating IP',
  service: 'network',
  schema: rawNeutronFloatingIpSchema,
  layout: () => ({ path: '/floatingips', one: 'floatingip', many: 'floatingips' }),
  idIsUuid: true,
  id: (f) => f.id,
  nameOf: (f) => f.floating_ip_address,
  normalize: fromNeutron,
  filters: {
    // The address is the floating IP's "name" for lookups.
    name: equalFilter('floating_ip_address', (f) => f.floating_ip_address),
    address: equalFilter('floating_ip_address', (f) => f.floating_ip_address),
    networkId: equalFilter('floating_network_id', (f) => f.floating_network_id),
    portId: equalFilter('port_id', (f) => f.port_id),
    projectId: { param: 'tenant_id', matches: (f, v) => (f.project_id ?? f.tenant_id ?? v) === v },
    status: equalFilter('status', (f) => f.status),
  },
  updateBody: (changes) => ({
    ...(changes.portId !== undefined ? { port_id: changes.portId } : {}),
    ...(changes.portId && changes.fixedAddress ? { fixed_ip_address: changes.fixedAddress } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
  }),
});

/**
 * The nova-network floating IP kind (`os-floating-ips`, pinned at compute 2.35 or below).
 *
 * @example
 * for await (const ip of listResources(cloud, novaFloatingIpKind)) console.log(ip.address, ip.pool);
 */
export const novaFloatingIpKind = defineResourceKind<RawNovaFloatingIp, FloatingIp, never, never, Pick<FloatingIpFilters, 'address' | 'name'>>({
  name: 'nova-network floating IP',
  service: 'compute',
  schema: rawNovaFloatingIpSchema,
  layout: () => ({ path: '/os-floating-ips', one: 'floating_ip', many: 'floating_ips' }),
  idIsUuid: false,
  id: (f) => f.id,
  nameOf: (f) => f.ip,
  normalize: fromNova,
  filters: {
    name: { param: () => undefined, matches: (f, v) => f.ip === v },
    address: { param: () => undefined, matches: (f, v) => f.ip === v },
  },
  calls: {
    async *list(client, options) {
      yield* await listNovaFloatingIps(client, options.signal);
    },
    async show(client, id, options) {
      return (await listNovaFloatingIps(client, options.signal)).find((f) => f.id === id);
    },
    remove: (client, id, options) => deleteNovaFloatingIp(client, id, options.signal),
  },
});
