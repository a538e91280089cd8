/**
 * Neutron routers as a resource kind: the external gateway (with SNAT where the cloud lets the project say),
 * static routes (`extraroute`), description and tags. Interfaces are ports the router owns.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { rawRouterSchema } from '../../services/network/schemas.js';
import { defineResourceKind } from '../resource-kind.js';
import { equalFilter, standardAttributes, standardOf, tagsFilter } from './neutron-attributes.js';
import type { Route } from './subnet.js';

/** A router as neutron returns it. */
export const rawRouterDetailsSchema = lazySchema(() => rawRouterSchema.unwrap().extend({
  external_gateway_info: z
    .looseObject({
      network_id: z.string(),
      enable_snat: z.boolean().nullish(),
      external_fixed_ips: z.array(z.looseObject({ subnet_id: z.string().optional(), ip_address: z.string() })).nullish(),
    })
    .nullish(),
  routes: z.array(z.looseObject({ destination: z.string(), nexthop: z.string() })).nullish(),
  ...standardAttributes,
}));
/** A neutron router record. */
export type RawRouterDetails = z.infer<typeof rawRouterDetailsSchema>;

/**
 * A router.
 *
 * @example
 * const router: Router = await cloud.createRouter({ name: 'edge', externalNetwork: 'public' });
 */
export interface Router {
  id: string;
  name: string;
  status?: string;
  adminStateUp: boolean;
  /** Its gateway on an external network, if any. */
  externalGateway?: { networkId: string; enableSnat?: boolean; externalFixedIps: Array<{ subnetId?: string; ipAddress: string }> };
  routes: Route[];
  description?: string;
  tags: string[];
  projectId?: string;
}

/** What `createRouter` sends once names are resolved to ids. */
export interface RouterBody {
  name: string;
  description?: string;
  adminStateUp?: boolean;
  /** The external network's id, or `null` to leave the router without a gateway. */
  externalNetworkId?: string | null;
  enableSnat?: boolean;
}

/** What a router update sends (names already resolved). */
export interface RouterUpdateBody extends Partial<RouterBody> {
  routes?: Route[];
}

/** Filters of `listRouters`. */
export interface RouterFilters {
  name: string;
  status: string;
  tags: string[];
}

function routerBody(fields: RouterUpdateBody): Record<string, unknown> {
  const gateway = fields.externalNetworkId === null ? null : fields.externalNetworkId !== undefined ? { network_id: fields.externalNetworkId, ...(fields.enableSnat !== undefined ? { enable_snat: fields.enableSnat } : {}) } : undefined;
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(fields.adminStateUp !== undefined ? { admin_state_up: fields.adminStateUp } : {}),
    ...(gateway !== undefined ? { external_gateway_info: gateway } : {}),
    ...(fields.routes !== undefined ? { routes: fields.routes.map((r) => ({ destination: r.destination, nexthop: r.nexthop })) } : {}),
  };
}

/**
 * The router kind.
 *
 * @example
 * const router = await getResource(cloud, routerKind, 'edge');
 */
export const routerKind = defineResourceKind<RawRouterDetails, Router, RouterBody, RouterUpdateBody, RouterFilters>({
  name: 'router',
  service: 'network',
  schema: rawRouterDetailsSchema,
  layout: () => ({ path: '/routers', one: 'router', many: 'routers' }),
  idIsUuid: true,
  id: (r) => r.id,
  nameOf: (r) => r.name,
  normalize: (r) => {
    const gw = r.external_gateway_info;
    return {
      id: r.id,
      name: r.name,
      ...(r.status ? { status: r.status } : {}),
      adminStateUp: r.admin_state_up ?? true,
      ...(gw
        ? { externalGateway: { networkId: gw.network_id, ...(typeof gw.enable_snat === 'boolean' ? { enableSnat: gw.enable_snat } : {}), externalFixedIps: (gw.external_fixed_ips ?? []).map((f) => ({ ...(f.subnet_id ? { subnetId: f.subnet_id } : {}), ipAddress: f.ip_address })) } }
        : {}),
      routes: (r.routes ?? []).map((x) => ({ destination: x.destination, nexthop: x.nexthop })),
      ...standardOf(r),
    };
  },
  filters: {
    name: equalFilter('name', (r) => r.name),
    status: equalFilter('status', (r) => r.status),
    tags: tagsFilter(),
  },
  createBody: (input) => routerBody(input),
  updateBody: (changes) => routerBody(changes),
});
