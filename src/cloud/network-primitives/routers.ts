/**
 * Routers: create with a gateway on an external network, update, interfaces by subnet or port, static routes
 * (atomically with `extraroute-atomic`, else by rewriting the list), and a delete that can first take off its
 * interfaces and gateway.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { networkKind } from '../../resources/network/network.js';
import { portKind } from '../../resources/network/port.js';
import { routerKind, type RawRouterDetails, type Router } from '../../resources/network/router.js';
import type { Route } from '../../resources/network/subnet.js';
import { subnetKind } from '../../resources/network/subnet.js';
import { parseBody } from '../../services/compute/parse-body.js';
import { addRouterInterface as addInterfaceRest, removeRouterInterface as removeInterfaceRest } from '../../services/network/routers.js';
import { deleteResource, type DeleteResult } from '../../verbs/change-resources.js';
import { findRaw, getRaw } from '../../verbs/find-resource.js';
import { listRaw, updateRaw } from '../../verbs/rest-calls.js';
import type { CloudScope } from '../cloud-context.js';
import { hasExtension, neutronFor } from './neutron-gates.js';
import { isNotFoundError } from '../../errors/index.js';
import { createNeutron, gate, neutronId, updateNeutron } from './neutron-verbs.js';

/** Options of `createRouter`. */
export interface CreateRouterOptions {
  name: string;
  /** The external network (name or id) for its gateway; none when left out. */
  externalNetwork?: string;
  /** SNAT on the gateway (needs `ext-gw-mode`; most clouds let only admins turn it off). */
  enableSnat?: boolean;
  adminStateUp?: boolean;
  description?: string;
  /** Needs `standard-attr-tag` (Newton+). */
  tags?: string[];
  signal?: AbortSignal;
}

/** Changes of `updateRouter`. */
export interface UpdateRouterChanges {
  name?: string;
  description?: string;
  adminStateUp?: boolean;
  /** A new gateway network (name or id), or `null` to clear the gateway. */
  externalNetwork?: string | null;
  enableSnat?: boolean;
  /** Replaces the static routes (needs `extraroute`; each next hop must be on one of its subnets). */
  routes?: Route[];
  tags?: string[];
}

/** One interface of a router: the port it owns on a subnet. */
export interface RouterInterface {
  portId: string;
  subnetId?: string;
  networkId: string;
  ipAddress?: string;
}

/** The interface to add or remove: by subnet or by port (name or id). */
export type RouterInterfaceTarget = { subnet: string; port?: never } | { port: string; subnet?: never };

/** Options of `deleteRouter`. */
export interface DeleteRouterOptions {
  /** First remove its interfaces and gateway (neutron refuses to delete a router that has interfaces). */
  removeInterfaces?: boolean;
  signal?: AbortSignal;
}

/** The extension each option needs. */
export const ROUTER_NEEDS: Readonly<Record<string, string>> = {
  enableSnat: 'ext-gw-mode',
  routes: 'extraroute',
  description: 'standard-attr-description',
  tags: 'standard-attr-tag',
};

const INTERFACE_OWNERS = new Set(['network:router_interface', 'network:router_interface_distributed', 'network:ha_router_replicated_interface']);

async function gatewayId(ctx: CloudScope, network: string | null | undefined, signal?: AbortSignal): Promise<string | null | undefined> {
  if (network === null || network === undefined) return network;
  return neutronId(ctx, networkKind, network, signal);
}

/**
 * Creates a router.
 *
 * @example
 * await createRouter(cloud, { name: 'edge', externalNetwork: 'public' });
 */
export function createRouter(ctx: CloudScope, options: CreateRouterOptions): Promise<Router> {
  const { externalNetwork, tags, signal, ...rest } = options;
  if (rest.enableSnat !== undefined && externalNetwork === undefined) throw new TypeError('enableSnat needs an externalNetwork');
  return createNeutron(ctx, routerKind, { feature: 'routers', needs: ROUTER_NEEDS, options, tags, signal }, async () => ({ ...rest, ...(externalNetwork ? { externalNetworkId: await gatewayId(ctx, externalNetwork, signal) } : {}) }));
}

/**
 * Changes a router: name, gateway, static routes, tags.
 *
 * @example
 * await updateRouter(cloud, 'edge', { routes: [{ destination: '192.0.2.0/24', nexthop: '10.0.0.5' }] });
 */
export function updateRouter(ctx: CloudScope, nameOrId: string, changes: UpdateRouterChanges, options: { signal?: AbortSignal } = {}): Promise<Router> {
  const { externalNetwork, enableSnat, tags, ...rest } = changes;
  const { signal } = options;
  return updateNeutron(ctx, routerKind, nameOrId, { feature: 'routers', needs: ROUTER_NEEDS, options: changes, tags, signal }, async (_client, current) => {
    // enable_snat lives in external_gateway_info: a change of it alone resends the current gateway network.
    const networkId = externalNetwork !== undefined ? await gatewayId(ctx, externalNetwork, signal) : enableSnat !== undefined ? current.external_gateway_info?.network_id : undefined;
    if (enableSnat !== undefined && !networkId) throw new TypeError(`router "${current.name || current.id}" has no gateway: enableSnat needs an externalNetwork`);
    return { ...rest, ...(networkId !== undefined ? { externalNetworkId: networkId } : {}), ...(enableSnat !== undefined ? { enableSnat } : {}) };
  });
}

async function routerRaw(ctx: CloudScope, router: string, feature: string, signal?: AbortSignal): Promise<{ client: ServiceClient; raw: RawRouterDetails }> {
  const client = await neutronFor(ctx, feature, signal);
  return { client, raw: await getRaw(ctx, routerKind, router, { signal }) };
}

async function interfaceBody(ctx: CloudScope, target: RouterInterfaceTarget, signal?: AbortSignal): Promise<{ subnet_id: string } | { port_id: string }> {
  if (target.subnet !== undefined) return { subnet_id: await neutronId(ctx, subnetKind, target.subnet, signal) };
  return { port_id: await neutronId(ctx, portKind, target.port, signal) };
}

/**
 * Plugs a router into a subnet (it takes the subnet's gateway address) or onto a free port.
 *
 * @example
 * await addRouterInterface(cloud, 'edge', { subnet: 'app-subnet' });
 */
export async function addRouterInterface(ctx: CloudScope, router: string, target: RouterInterfaceTarget & { signal?: AbortSignal }): Promise<RouterInterface> {
  const { client, raw } = await routerRaw(ctx, router, 'router interfaces', target.signal);
  const made = await addInterfaceRest(client, raw.id, await interfaceBody(ctx, target, target.signal), target.signal);
  return { portId: made.port_id, networkId: made.network_id ?? '', ...(made.subnet_id ? { subnetId: made.subnet_id } : {}) };
}

/**
 * Unplugs a router from a subnet or port; `{ removed: false }` when it was not plugged there.
 *
 * @example
 * await removeRouterInterface(cloud, 'edge', { subnet: 'app-subnet' });
 */
export async function removeRouterInterface(ctx: CloudScope, router: string, target: RouterInterfaceTarget & { signal?: AbortSignal }): Promise<{ removed: boolean }> {
  const { client, raw } = await routerRaw(ctx, router, 'router interfaces', target.signal);
  const body = await interfaceBody(ctx, target, target.signal);
  const ifaces = await routerInterfaces(client, raw.id, target.signal);
  const plugged = 'subnet_id' in body ? ifaces.some((i) => i.subnetId === body.subnet_id) : ifaces.some((i) => i.portId === body.port_id);
  if (!plugged) return { removed: false };
  await removeInterfaceRest(client, raw.id, body, target.signal);
  return { removed: true };
}

async function routerInterfaces(client: ServiceClient, routerId: string, signal?: AbortSignal): Promise<RouterInterface[]> {
  const out: RouterInterface[] = [];
  for await (const p of listRaw(portKind, client, { filters: { deviceId: routerId }, signal })) {
    if (!INTERFACE_OWNERS.has(p.device_owner)) continue;
    for (const f of p.fixed_ips.length > 0 ? p.fixed_ips : [undefined]) {
      out.push({ portId: p.id, networkId: p.network_id, ...(f?.subnet_id ? { subnetId: f.subnet_id } : {}), ...(f ? { ipAddress: f.ip_address } : {}) });
    }
  }
  return out;
}

/**
 * A router's interfaces: one entry per subnet it is plugged into.
 *
 * @example
 * for (const i of await listRouterInterfaces(cloud, 'edge')) console.log(i.subnetId, i.ipAddress);
 */
export async function listRouterInterfaces(ctx: CloudScope, router: string, options: { signal?: AbortSignal } = {}): Promise<RouterInterface[]> {
  const { client, raw } = await routerRaw(ctx, router, 'router interfaces', options.signal);
  return routerInterfaces(client, raw.id, options.signal);
}

const routesReply = lazySchema(() => z.looseObject({ router: z.looseObject({ id: z.string() }) }));

async function changeRoutes(ctx: CloudScope, router: string, routes: readonly Route[], op: 'add' | 'remove', signal?: AbortSignal): Promise<Router> {
  const client = await gate(ctx, { feature: 'router routes', needs: { routes: 'extraroute' }, options: { routes }, signal });
  const raw = await getRaw(ctx, routerKind, router, { signal });
  const same = (a: Route, b: Route) => a.destination === b.destination && a.nexthop === b.nexthop;
  if (await hasExtension(client, 'extraroute-atomic', signal)) {
    // One atomic call: concurrent changes of other routes are not lost.
    const body = await client.put(`/routers/${encodeURIComponent(raw.id)}/${op}_extraroutes`, { router: { routes: routes.map((r) => ({ destination: r.destination, nexthop: r.nexthop })) } }, { signal });
    parseBody(routesReply, body, { service: 'network', what: `PUT /routers/{id}/${op}_extraroutes` });
    return routerKind.normalize(await getRaw(ctx, routerKind, raw.id, { signal }), { client, config: ctx.config });
  }
  const current = (raw.routes ?? []).map((r) => ({ destination: r.destination, nexthop: r.nexthop }));
  const next = op === 'add' ? [...current, ...routes.filter((r) => !current.some((c) => same(c, r)))] : current.filter((c) => !routes.some((r) => same(c, r)));
  return routerKind.normalize(await updateRaw(routerKind, client, raw.id, { routes: next }, { signal }), { client, config: ctx.config });
}

/**
 * Adds static routes to a router (needs `extraroute`; atomic with `extraroute-atomic`).
 *
 * @example
 * await addRouterRoutes(cloud, 'edge', [{ destination: '192.0.2.0/24', nexthop: '10.0.0.5' }]);
 */
export function addRouterRoutes(ctx: CloudScope, router: string, routes: readonly Route[], options: { signal?: AbortSignal } = {}): Promise<Router> {
  return changeRoutes(ctx, router, routes, 'add', options.signal);
}

/**
 * Removes static routes from a router.
 *
 * @example
 * await removeRouterRoutes(cloud, 'edge', [{ destination: '192.0.2.0/24', nexthop: '10.0.0.5' }]);
 */
export function removeRouterRoutes(ctx: CloudScope, router: string, routes: readonly Route[], options: { signal?: AbortSignal } = {}): Promise<Router> {
  return changeRoutes(ctx, router, routes, 'remove', options.signal);
}

/**
 * Deletes a router; with `removeInterfaces` its routes, interfaces and gateway go first. `{ deleted: false }`
 * when there was none.
 *
 * @example
 * await deleteRouter(cloud, 'edge', { removeInterfaces: true });
 */
export async function deleteRouter(ctx: CloudScope, nameOrId: string, options: DeleteRouterOptions = {}): Promise<DeleteResult> {
  const { signal } = options;
  const client = await neutronFor(ctx, 'routers', signal);
  const raw = await findRaw(ctx, routerKind, nameOrId, { signal });
  if (!raw) return { deleted: false };
  if (options.removeInterfaces) {
    // Routes first: neutron refuses to take off an interface a route's next hop needs.
    if ((raw.routes ?? []).length > 0) await updateRaw(routerKind, client, raw.id, { routes: [] }, { signal });
    const ports = new Set((await routerInterfaces(client, raw.id, signal)).map((i) => i.portId));
    for (const portId of ports) await removeInterfaceRest(client, raw.id, { port_id: portId }, signal).catch((e: unknown) => {
      if (!isNotFoundError(e)) throw e;
    });
    if (raw.external_gateway_info) await updateRaw(routerKind, client, raw.id, { external_gateway_info: null }, { signal });
  }
  return deleteResource(ctx, routerKind, raw.id, { signal });
}
