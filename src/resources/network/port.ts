/**
 * Neutron ports as a resource kind: fixed IPs, security groups, port security, allowed address pairs, the
 * binding's vNIC type and profile, description and tags.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { rawPortSchema } from '../../services/network/schemas.js';
import { defineResourceKind } from '../resource-kind.js';
import { equalFilter, standardAttributes, standardOf, tagsFilter } from './neutron-attributes.js';

/** A port as neutron returns it. */
export const rawPortDetailsSchema = lazySchema(() => rawPortSchema.unwrap().extend({
  admin_state_up: z.boolean().optional(),
  security_groups: z.array(z.string()).default([]),
  port_security_enabled: z.boolean().nullish(),
  allowed_address_pairs: z.array(z.looseObject({ ip_address: z.string(), mac_address: z.string().nullish() })).nullish(),
  'binding:vnic_type': z.string().nullish(),
  'binding:profile': z.record(z.string(), z.unknown()).nullish(),
  ...standardAttributes,
}));
/** A neutron port record. */
export type RawPortDetails = z.infer<typeof rawPortDetailsSchema>;

/** An address a port holds on one of its network's subnets. */
export interface FixedIp {
  subnetId?: string;
  ipAddress: string;
}

/** Another address (and MAC) a port may send from, past port security's anti-spoofing. */
export interface AllowedAddressPair {
  /** An address or a CIDR. */
  ipAddress: string;
  macAddress?: string;
}

/** The vNIC type of a port's binding. */
export type VnicType = 'normal' | 'direct' | 'macvtap' | 'baremetal' | 'direct-physical' | 'virtio-forwarder' | 'smart-nic' | 'remote-managed' | 'vdpa';

/**
 * A port.
 *
 * @example
 * const port: Port = await cloud.createPort({ network: 'app-net', fixedIps: [{ ipAddress: '10.0.0.10' }] });
 */
export interface Port {
  id: string;
  name: string;
  networkId: string;
  /** `ACTIVE` once bound to a running server, `DOWN` before. */
  status?: string;
  adminStateUp: boolean;
  macAddress?: string;
  fixedIps: FixedIp[];
  securityGroupIds: string[];
  /** Absent on clouds without the `port-security` extension. */
  portSecurityEnabled?: boolean;
  allowedAddressPairs: AllowedAddressPair[];
  vnicType?: string;
  /** Only admins see it on most clouds. */
  bindingProfile?: Record<string, unknown>;
  /** The server (or router, DHCP agent…) using the port; empty when free. */
  deviceId: string;
  deviceOwner: string;
  description?: string;
  tags: string[];
  projectId?: string;
}

/** What `createPort` sends once names are resolved to ids. */
export interface PortBody {
  networkId: string;
  name?: string;
  description?: string;
  fixedIps?: Array<{ subnetId?: string; ipAddress?: string }>;
  securityGroupIds?: string[];
  /** Off: no anti-spoofing and no security groups (needs `port-security`). */
  portSecurityEnabled?: boolean;
  /** Needs `allowed-address-pairs`. */
  allowedAddressPairs?: AllowedAddressPair[];
  /** Needs `binding`. */
  vnicType?: VnicType;
  /** Needs `binding`; admins only on most clouds (403 otherwise). */
  bindingProfile?: Record<string, unknown>;
  macAddress?: string;
  adminStateUp?: boolean;
}

/** What a port update sends (names already resolved). */
export type PortUpdateBody = Omit<PortBody, 'networkId' | 'macAddress'>;

/** Filters of `listPorts`. */
export interface PortFilters {
  name: string;
  networkId: string;
  /** The server (or router) using the port. */
  deviceId: string;
  deviceOwner: string;
  status: string;
  macAddress: string;
  tags: string[];
}

function portBody(fields: PortUpdateBody & { macAddress?: string }): Record<string, unknown> {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(fields.fixedIps !== undefined ? { fixed_ips: fields.fixedIps.map((f) => ({ ...(f.subnetId ? { subnet_id: f.subnetId } : {}), ...(f.ipAddress ? { ip_address: f.ipAddress } : {}) })) } : {}),
    ...(fields.securityGroupIds !== undefined ? { security_groups: fields.securityGroupIds } : {}),
    ...(fields.portSecurityEnabled !== undefined ? { port_security_enabled: fields.portSecurityEnabled } : {}),
    ...(fields.allowedAddressPairs !== undefined ? { allowed_address_pairs: fields.allowedAddressPairs.map((p) => ({ ip_address: p.ipAddress, ...(p.macAddress ? { mac_address: p.macAddress } : {}) })) } : {}),
    ...(fields.vnicType !== undefined ? { 'binding:vnic_type': fields.vnicType } : {}),
    ...(fields.bindingProfile !== undefined ? { 'binding:profile': fields.bindingProfile } : {}),
    ...(fields.macAddress !== undefined ? { mac_address: fields.macAddress } : {}),
    ...(fields.adminStateUp !== undefined ? { admin_state_up: fields.adminStateUp } : {}),
  };
}

/**
 * The port kind.
 *
 * @example
 * for await (const p of listResources(cloud, portKind, { filters: { deviceId: serverId } })) console.log(p.fixedIps);
 */
export const portKind = defineResourceKind<RawPortDetails, Port, PortBody, PortUpdateBody, PortFilters>({
  name: 'port',
  service: 'network',
  schema: rawPortDetailsSchema,
  layout: () => ({ path: '/ports', one: 'port', many: 'ports' }),
  idIsUuid: true,
  id: (p) => p.id,
  nameOf: (p) => p.name,
  normalize: (p) => ({
    id: p.id,
    name: p.name,
    networkId: p.network_id,
    ...(p.status ? { status: p.status } : {}),
    adminStateUp: p.admin_state_up ?? true,
    ...(p.mac_address ? { macAddress: p.mac_address } : {}),
    fixedIps: p.fixed_ips.map((f) => ({ ...(f.subnet_id ? { subnetId: f.subnet_id } : {}), ipAddress: f.ip_address })),
    securityGroupIds: p.security_groups,
    ...(typeof p.port_security_enabled === 'boolean' ? { portSecurityEnabled: p.port_security_enabled } : {}),
    allowedAddressPairs: (p.allowed_address_pairs ?? []).map((a) => ({ ipAddress: a.ip_address, ...(a.mac_address ? { macAddress: a.mac_address } : {}) })),
    ...(p['binding:vnic_type'] ? { vnicType: p['binding:vnic_type'] } : {}),
    ...(p['binding:profile'] && Object.keys(p['binding:profile']).length > 0 ? { bindingProfile: p['binding:profile'] } : {}),
    deviceId: p.device_id,
    deviceOwner: p.device_owner,
    ...standardOf(p),
  }),
  filters: {
    name: equalFilter('name', (p) => p.name),
    networkId: equalFilter('network_id', (p) => p.network_id),
    deviceId: equalFilter('device_id', (p) => p.device_id),
    deviceOwner: equalFilter('device_owner', (p) => p.device_owner),
    status: equalFilter('status', (p) => p.status),
    macAddress: equalFilter('mac_address', (p) => p.mac_address),
    tags: tagsFilter(),
  },
  createBody: (input) => ({ network_id: input.networkId, ...portBody(input) }),
  updateBody: (changes) => portBody(changes),
});
