import { z } from 'zod';

const resourceName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\s/][^/]*$/, 'a name without slashes that does not start with a space');

const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'an IPv4 CIDR like 10.20.0.0/24');

/** A key pair of a plan: a public key given inline or read from a file next to the plan. */
export const PlanKeyPairSchema = z
  .strictObject({ name: resourceName, publicKey: z.string().min(1).optional(), publicKeyFile: z.string().min(1).optional() })
  .refine((k) => (k.publicKey === undefined) !== (k.publicKeyFile === undefined), { message: 'give exactly one of publicKey and publicKeyFile' });

/** A network of a plan: network + subnet, and (default) a router to the external network so floating IPs work. */
export const PlanNetworkSchema = z.strictObject({ name: resourceName, cidr, router: z.boolean().default(true) });

/** A volume of a plan. */
export const PlanVolumeSchema = z.strictObject({ name: resourceName, size: z.number().int().positive(), description: z.string().optional() });

/** A server of a plan; `network` and `keyName` may name plan resources or ones that already exist. */
export const PlanServerSchema = z.strictObject({
  name: resourceName,
  image: z.string().min(1),
  flavor: z.string().min(1),
  network: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  autoIp: z.boolean().default(false),
  keyName: z.string().min(1).optional(),
  securityGroups: z.array(z.string().min(1)).default([]),
  /** Volumes attached once the server is ACTIVE. */
  volumes: z.array(z.string().min(1)).default([]),
  userData: z.string().optional(),
});

const ipv6Mode = z.enum(['slaac', 'dhcpv6-stateful', 'dhcpv6-stateless']);
const route = z.strictObject({ destination: z.string().min(1), nexthop: z.string().min(1) });

/** A subnet of a plan, on a plan network (or one that exists): IPv4 or IPv6, with or without a gateway. */
export const PlanSubnetSchema = z.strictObject({
  name: resourceName,
  network: z.string().min(1),
  cidr: z.string().min(1),
  gatewayIp: z.string().nullable().optional(),
  dnsNameservers: z.array(z.string()).optional(),
  ipv6RaMode: ipv6Mode.optional(),
  ipv6AddressMode: ipv6Mode.optional(),
});

/** A router of a plan: its gateway, the subnets it is plugged into, its static routes. */
export const PlanRouterSchema = z.strictObject({
  name: resourceName,
  externalNetwork: z.string().min(1).optional(),
  interfaces: z.array(z.string().min(1)).default([]),
  routes: z.array(route).default([]),
});

/** A port of a plan. */
export const PlanPortSchema = z.strictObject({
  name: resourceName,
  network: z.string().min(1),
  fixedIps: z.array(z.strictObject({ subnet: z.string().optional(), ipAddress: z.string().optional() })).optional(),
  securityGroups: z.array(z.string().min(1)).optional(),
});

/** A security group of a plan with its rules (ingress unless told). */
export const PlanSecurityGroupSchema = z.strictObject({
  name: resourceName,
  description: z.string().optional(),
  rules: z
    .array(
      z.strictObject({
        direction: z.enum(['ingress', 'egress']).default('ingress'),
        ethertype: z.enum(['IPv4', 'IPv6']).optional(),
        protocol: z.string().optional(),
        portRangeMin: z.number().int().optional(),
        portRangeMax: z.number().int().optional(),
        remoteIpPrefix: z.string().optional(),
      }),
    )
    .default([]),
});

function noDuplicateNames(kind: string) {
  return (items: Array<{ name: string }>, ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${kind} "${item.name}" is already defined at index ${first}` });
      else seen.set(item.name, i);
    });
  };
}

/**
 * A provisioning plan for `canopy apply`: what should exist, by name. Created in dependency order (key pairs,
 * security groups with their rules, networks, subnets, routers with their interfaces and routes, ports, volumes,
 * servers, then volume attachments); everything found by name is kept as it is.
 *
 * @example
 * // plan.yaml
 * // networks: [{ name: app-net, cidr: 10.20.0.0/24 }]
 * // servers:  [{ name: web-1, image: cirros, flavor: m1.nano, network: app-net, autoIp: true }]
 */
export const PlanSchema = z.strictObject({
  keypairs: z.array(PlanKeyPairSchema).default([]).superRefine(noDuplicateNames('key pair')),
  networks: z.array(PlanNetworkSchema).default([]).superRefine(noDuplicateNames('network')),
  securityGroups: z.array(PlanSecurityGroupSchema).default([]).superRefine(noDuplicateNames('security group')),
  subnets: z.array(PlanSubnetSchema).default([]).superRefine(noDuplicateNames('subnet')),
  routers: z.array(PlanRouterSchema).default([]).superRefine(noDuplicateNames('router')),
  ports: z.array(PlanPortSchema).default([]).superRefine(noDuplicateNames('port')),
  volumes: z.array(PlanVolumeSchema).default([]).superRefine(noDuplicateNames('volume')),
  servers: z.array(PlanServerSchema).default([]).superRefine(noDuplicateNames('server')),
});

/** @see {@link PlanSchema} */
export type Plan = z.output<typeof PlanSchema>;
/** @see {@link PlanServerSchema} */
export type PlanServer = z.output<typeof PlanServerSchema>;
/** @see {@link PlanNetworkSchema} */
export type PlanNetwork = z.output<typeof PlanNetworkSchema>;
