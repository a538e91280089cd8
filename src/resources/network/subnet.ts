/**
 * Neutron subnets as a resource kind: IPv4 and IPv6 (router advertisements and address modes), allocation
 * pools, a gateway or none, DNS servers, host routes, subnets carved from a subnet pool.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { rawSubnetSchema } from '../../services/network/schemas.js';
import { defineResourceKind } from '../resource-kind.js';
import { equalFilter, standardAttributes, standardOf, tagsFilter } from './neutron-attributes.js';

/** How IPv6 hosts get addresses (or router advertisements are sent). */
export type Ipv6Mode = 'slaac' | 'dhcpv6-stateful' | 'dhcpv6-stateless';

/** A subnet as neutron returns it. */
export const rawSubnetDetailsSchema = lazySchema(() => rawSubnetSchema.unwrap().extend({
  enable_dhcp: z.boolean().default(true),
  allocation_pools: z.array(z.looseObject({ start: z.string(), end: z.string() })).default([]),
  dns_nameservers: z.array(z.string()).default([]),
  host_routes: z.array(z.looseObject({ destination: z.string(), nexthop: z.string() })).default([]),
  ipv6_ra_mode: z.string().nullish(),
  ipv6_address_mode: z.string().nullish(),
  subnetpool_id: z.string().nullish(),
  ...standardAttributes,
}));
/** A neutron subnet record. */
export type RawSubnetDetails = z.infer<typeof rawSubnetDetailsSchema>;

/** A static route handed to hosts by DHCP (subnets) or set on a router. */
export interface Route {
  destination: string;
  nexthop: string;
}

/**
 * A subnet.
 *
 * @example
 * const v6: Subnet = await cloud.createSubnet({ network: 'app-net', cidr: 'fd00:1::/64', ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac' });
 */
export interface Subnet {
  id: string;
  name: string;
  networkId: string;
  cidr: string;
  ipVersion: 4 | 6;
  /** `null`: the subnet has no gateway. */
  gatewayIp: string | null;
  enableDhcp: boolean;
  allocationPools: Array<{ start: string; end: string }>;
  dnsNameservers: string[];
  hostRoutes: Route[];
  ipv6RaMode?: Ipv6Mode;
  ipv6AddressMode?: Ipv6Mode;
  subnetPoolId?: string;
  description?: string;
  tags: string[];
  projectId?: string;
}

/** What `createSubnet` sends once the network (and subnet pool) are resolved to ids. */
export interface SubnetBody {
  networkId: string;
  name?: string;
  /** The range; leave it out to take one from a subnet pool. */
  cidr?: string;
  ipVersion: 4 | 6;
  /** The gateway address; `null` for a subnet without one; neutron picks the first address when left out. */
  gatewayIp?: string | null;
  enableDhcp?: boolean;
  allocationPools?: Array<{ start: string; end: string }>;
  dnsNameservers?: string[];
  hostRoutes?: Route[];
  /** IPv6: how routers advertise the subnet. */
  ipv6RaMode?: Ipv6Mode;
  /** IPv6: how hosts get addresses. */
  ipv6AddressMode?: Ipv6Mode;
  subnetPoolId?: string;
  /** The prefix length to take from the pool (the pool's default otherwise). */
  prefixLength?: number;
  description?: string;
}

/** What `updateSubnet` can change (neutron keeps the range and version). */
export interface SubnetChanges {
  name?: string;
  description?: string;
  gatewayIp?: string | null;
  enableDhcp?: boolean;
  allocationPools?: Array<{ start: string; end: string }>;
  dnsNameservers?: string[];
  hostRoutes?: Route[];
}

/** Filters of `listSubnets`. */
export interface SubnetFilters {
  name: string;
  networkId: string;
  ipVersion: 4 | 6;
  cidr: string;
  tags: string[];
}

const mode = (value: string | null | undefined) => (value ? (value as Ipv6Mode) : undefined);

function commonBody(fields: SubnetChanges): Record<string, unknown> {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(fields.gatewayIp !== undefined ? { gateway_ip: fields.gatewayIp } : {}),
    ...(fields.enableDhcp !== undefined ? { enable_dhcp: fields.enableDhcp } : {}),
    ...(fields.allocationPools !== undefined ? { allocation_pools: fields.allocationPools } : {}),
    ...(fields.dnsNameservers !== undefined ? { dns_nameservers: fields.dnsNameservers } : {}),
    ...(fields.hostRoutes !== undefined ? { host_routes: fields.hostRoutes } : {}),
  };
}

/**
 * The subnet kind.
 *
 * @example
 * for await (const s of listResources(cloud, subnetKind, { filters: { networkId } })) console.log(s.cidr);
 */
export const subnetKind = defineResourceKind<RawSubnetDetails, Subnet, SubnetBody, SubnetChanges, SubnetFilters>({
  name: 'subnet',
  service: 'network',
  schema: rawSubnetDetailsSchema,
  layout: () => ({ path: '/subnets', one: 'subnet', many: 'subnets' }),
  idIsUuid: true,
  id: (s) => s.id,
  nameOf: (s) => s.name,
  normalize: (s) => ({
    id: s.id,
    name: s.name,
    networkId: s.network_id,
    cidr: s.cidr,
    ipVersion: s.ip_version === 6 ? 6 : 4,
    gatewayIp: s.gateway_ip ?? null,
    enableDhcp: s.enable_dhcp,
    allocationPools: s.allocation_pools.map((p) => ({ start: p.start, end: p.end })),
    dnsNameservers: s.dns_nameservers,
    hostRoutes: s.host_routes.map((r) => ({ destination: r.destination, nexthop: r.nexthop })),
    ...(mode(s.ipv6_ra_mode) ? { ipv6RaMode: mode(s.ipv6_ra_mode) } : {}),
    ...(mode(s.ipv6_address_mode) ? { ipv6AddressMode: mode(s.ipv6_address_mode) } : {}),
    ...(s.subnetpool_id ? { subnetPoolId: s.subnetpool_id } : {}),
    ...standardOf(s),
  }),
  filters: {
    name: equalFilter('name', (s) => s.name),
    networkId: equalFilter('network_id', (s) => s.network_id),
    ipVersion: equalFilter('ip_version', (s) => s.ip_version),
    cidr: equalFilter('cidr', (s) => s.cidr),
    tags: tagsFilter(),
  },
  createBody: (input) => ({
    network_id: input.networkId,
    ip_version: input.ipVersion,
    ...(input.cidr !== undefined ? { cidr: input.cidr } : {}),
    ...(input.subnetPoolId !== undefined ? { subnetpool_id: input.subnetPoolId } : {}),
    ...(input.prefixLength !== undefined ? { prefixlen: input.prefixLength } : {}),
    ...(input.ipv6RaMode !== undefined ? { ipv6_ra_mode: input.ipv6RaMode } : {}),
    ...(input.ipv6AddressMode !== undefined ? { ipv6_address_mode: input.ipv6AddressMode } : {}),
    ...commonBody(input),
  }),
  updateBody: (changes) => commonBody(changes),
});
