/**
 * Neutron networks as a resource kind: the record with its provider and external attributes (where the project
 * may see them), updates, and the list filters.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { rawNetworkSchema } from '../../services/network/schemas.js';
import { defineResourceKind } from '../resource-kind.js';
import { equalFilter, standardAttributes, standardOf, tagsFilter } from './neutron-attributes.js';

/** A network as neutron returns it. */
export const rawNetworkDetailsSchema = lazySchema(() => rawNetworkSchema.unwrap().extend({
  mtu: z.number().nullish(),
  port_security_enabled: z.boolean().nullish(),
  'provider:network_type': z.string().nullish(),
  'provider:physical_network': z.string().nullish(),
  'provider:segmentation_id': z.number().nullish(),
  ...standardAttributes,
}));
/** A neutron network record. */
export type RawNetworkDetails = z.infer<typeof rawNetworkDetailsSchema>;

/**
 * A network with everything the project may see of it.
 *
 * @example
 * const net: NetworkDetails = await cloud.updateNetwork('app-net', { mtu: 1400 });
 */
export interface NetworkDetails {
  id: string;
  name: string;
  status?: string;
  shared: boolean;
  external: boolean;
  adminStateUp: boolean;
  subnetIds: string[];
  /** Absent on clouds without the `net-mtu` extension. */
  mtu?: number;
  /** Absent on clouds without the `port-security` extension. */
  portSecurityEnabled?: boolean;
  /** `vxlan`, `flat`, `vlan`, …: only admins see the provider attributes (absent otherwise). */
  provider?: { networkType?: string; physicalNetwork?: string; segmentationId?: number };
  description?: string;
  tags: string[];
  projectId?: string;
}

/** What `updateNetwork` can change. */
export interface NetworkChanges {
  name?: string;
  description?: string;
  adminStateUp?: boolean;
  /** Admins only on most clouds. */
  shared?: boolean;
  /** Needs the `net-mtu-writable` extension. */
  mtu?: number;
  /** Needs the `port-security` extension. */
  portSecurityEnabled?: boolean;
}

/** Filters of `listNetworks`. */
export interface NetworkFilters {
  name: string;
  shared: boolean;
  external: boolean;
  status: string;
  /** Networks carrying every one of these tags. */
  tags: string[];
}

function providerOf(n: RawNetworkDetails): NetworkDetails['provider'] {
  const provider = {
    ...(n['provider:network_type'] ? { networkType: n['provider:network_type'] } : {}),
    ...(n['provider:physical_network'] ? { physicalNetwork: n['provider:physical_network'] } : {}),
    ...(typeof n['provider:segmentation_id'] === 'number' ? { segmentationId: n['provider:segmentation_id'] } : {}),
  };
  return Object.keys(provider).length > 0 ? provider : undefined;
}

/**
 * The network kind.
 *
 * @example
 * for await (const n of listResources(cloud, networkKind, { filters: { external: true } })) console.log(n.name);
 */
export const networkKind = defineResourceKind<RawNetworkDetails, NetworkDetails, never, NetworkChanges, NetworkFilters>({
  name: 'network',
  service: 'network',
  schema: rawNetworkDetailsSchema,
  layout: () => ({ path: '/networks', one: 'network', many: 'networks' }),
  idIsUuid: true,
  id: (n) => n.id,
  nameOf: (n) => n.name,
  normalize: (n) => {
    const provider = providerOf(n);
    return {
      id: n.id,
      name: n.name,
      ...(n.status ? { status: n.status } : {}),
      shared: n.shared,
      external: n['router:external'],
      adminStateUp: n.admin_state_up ?? true,
      subnetIds: n.subnets,
      ...(typeof n.mtu === 'number' ? { mtu: n.mtu } : {}),
      ...(typeof n.port_security_enabled === 'boolean' ? { portSecurityEnabled: n.port_security_enabled } : {}),
      ...(provider ? { provider } : {}),
      ...standardOf(n),
    };
  },
  filters: {
    name: equalFilter('name', (n) => n.name),
    shared: equalFilter('shared', (n) => n.shared),
    external: equalFilter('router:external', (n) => n['router:external']),
    status: equalFilter('status', (n) => n.status),
    tags: tagsFilter(),
  },
  updateBody: (changes) => ({
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(changes.adminStateUp !== undefined ? { admin_state_up: changes.adminStateUp } : {}),
    ...(changes.shared !== undefined ? { shared: changes.shared } : {}),
    ...(changes.mtu !== undefined ? { mtu: changes.mtu } : {}),
    ...(changes.portSecurityEnabled !== undefined ? { port_security_enabled: changes.portSecurityEnabled } : {}),
  }),
});
