/**
 * Zod schemas of neutron's responses, loose (unknown keys kept). Before Newton there is no `project_id`, only
 * `tenant_id`; before Icehouse floating IPs have no `status` (REFERENCE: Neutron).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';

/** A neutron network. */
export const rawNetworkSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  status: z.string().optional(),
  subnets: z.array(z.string()).default([]),
  shared: z.boolean().default(false),
  'router:external': z.boolean().default(false),
  is_default: z.boolean().nullish(),
  admin_state_up: z.boolean().optional(),
  tenant_id: z.string().optional(),
  project_id: z.string().optional(),
}));
/** A network as neutron returns it. */
export type RawNetwork = z.infer<typeof rawNetworkSchema>;

/** A neutron subnet. */
export const rawSubnetSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  network_id: z.string(),
  cidr: z.string(),
  ip_version: z.number(),
  gateway_ip: z.string().nullish(),
}));
/** A subnet as neutron returns it. */
export type RawSubnet = z.infer<typeof rawSubnetSchema>;

/** A neutron router. */
export const rawRouterSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  status: z.string().optional(),
  admin_state_up: z.boolean().optional(),
  external_gateway_info: z.looseObject({ network_id: z.string() }).nullish(),
  tenant_id: z.string().optional(),
  project_id: z.string().optional(),
}));
/** A router as neutron returns it. */
export type RawRouter = z.infer<typeof rawRouterSchema>;

/** A neutron port. */
export const rawPortSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  network_id: z.string(),
  device_id: z.string().default(''),
  device_owner: z.string().default(''),
  status: z.string().optional(),
  mac_address: z.string().optional(),
  fixed_ips: z.array(z.looseObject({ subnet_id: z.string().optional(), ip_address: z.string() })).default([]),
  created_at: z.string().optional(),
}));
/** A port as neutron returns it. */
export type RawPort = z.infer<typeof rawPortSchema>;

/** A neutron floating IP. */
export const rawFloatingIpSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  floating_ip_address: z.string(),
  floating_network_id: z.string(),
  port_id: z.string().nullish(),
  fixed_ip_address: z.string().nullish(),
  router_id: z.string().nullish(),
  status: z.string().optional(),
  tenant_id: z.string().optional(),
  project_id: z.string().optional(),
  created_at: z.string().optional(),
}));
/** A floating IP as neutron returns it. */
export type RawFloatingIp = z.infer<typeof rawFloatingIpSchema>;

/** A neutron security group (rules kept as sent). */
export const rawSecurityGroupSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  tenant_id: z.string().optional(),
  project_id: z.string().optional(),
}));
/** A security group as neutron returns it. */
export type RawSecurityGroup = z.infer<typeof rawSecurityGroupSchema>;

/** A loaded neutron extension. */
export const rawExtensionSchema = lazySchema(() => z.looseObject({ alias: z.string(), name: z.string().optional() }));

/** The flat body of `add_router_interface` / `remove_router_interface` (no wrapper; README note 39). */
export const rawRouterInterfaceSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  port_id: z.string(),
  subnet_id: z.string().optional(),
  network_id: z.string().optional(),
}));
