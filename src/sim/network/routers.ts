/**
 * Neutron routers: CRUD, external gateway, add/remove interface.
 *
 * @example
 * return routerRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { addRouterInterface, createRouter, deletePort, isFailure, setRouterGateway } from '../networking.js';
import type { PortRecord, RouterRecord } from '../state.js';
import { cidrsOverlap, inCidr } from './cidr.js';
import { bodyOf, fail, type Json, listReply, type NetReq, notFound } from './shared.js';
import { routerView } from './views.js';
import { extensionAliases } from './extensions.js';

export function routerRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, now, rest, method } = req;
  let p: Record<string, string> | undefined;
  // routers
  if (rest === '/routers' && method === 'GET') return listReply(ctx, 'routers', [...state.routers.values()].filter((r) => r.projectId === projectId).map((r) => routerView(core, r)));
  if (rest === '/routers' && method === 'POST') {
    const spec = bodyOf(ctx, 'router');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad router request: Resource body required.');
    for (const attribute of ['distributed', 'ha']) {
      if (attribute in spec) return core.errorReply('network', 403, 'PolicyNotAuthorized', `(rule:create_router and rule:create_router:${attribute}) is disallowed by policy`);
    }
    const snat = snatProblem(req, spec, 'create');
    if (snat) return snat;
    const gateway = (spec.external_gateway_info as Json | null | undefined)?.network_id;
    const router = createRouter(core, { name: String(spec.name ?? ''), projectId, gatewayNetworkId: typeof gateway === 'string' ? gateway : null }, now);
    if (isFailure(router)) return fail(core, router);
    if (spec.admin_state_up === false) router.adminStateUp = false;
    if (typeof spec.description === 'string') router.description = spec.description;
    return { status: 201, body: { router: routerView(core, router) } };
  }
  if ((p = match('/routers/:id', rest))) {
    const router = state.routers.get(p.id ?? '');
    if (!router || router.projectId !== projectId) return notFound(core, 'RouterNotFound', `Router ${p.id} could not be found`);
    if (method === 'GET') return { status: 200, body: { router: routerView(core, router) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'router') ?? {};
      const snat = snatProblem(req, spec, 'update');
      if (snat) return snat;
      if (typeof spec.name === 'string') router.name = spec.name;
      if (typeof spec.description === 'string') router.description = spec.description;
      if (typeof spec.admin_state_up === 'boolean') router.adminStateUp = spec.admin_state_up;
      if (spec.routes === null) router.routes = [];
      if (Array.isArray(spec.routes)) {
        const routes = spec.routes as Array<{ destination?: unknown; nexthop?: unknown }>;
        const unreachable = unreachableRoute(req, router, routes);
        if (unreachable) return unreachable;
        router.routes = routes.map((r) => ({ destination: String(r.destination), nexthop: String(r.nexthop) }));
      }
      if ('external_gateway_info' in spec) {
        const gateway = (spec.external_gateway_info as Json | null)?.network_id;
        if (gateway !== router.gatewayNetworkId) {
          const failure = setRouterGateway(core, router, typeof gateway === 'string' ? gateway : null);
          if (failure) return fail(core, failure);
        }
      }
      router.updatedAt = now;
      router.revision++;
      return { status: 200, body: { router: routerView(core, router) } };
    }
    if (method === 'DELETE') {
      if (router.interfaces.length > 0) return core.errorReply('network', 409, 'RouterInUse', `Router ${router.id} still has ports`);
      setRouterGateway(core, router, null);
      state.routers.delete(router.id);
      return { status: 204 };
    }
  }
  if ((p = match('/routers/:id/:op', rest)) && method === 'PUT' && (p.op === 'add_extraroutes' || p.op === 'remove_extraroutes') && extensionAliases(core).includes('extraroute-atomic')) {
    const router = state.routers.get(p.id ?? '');
    if (!router || router.projectId !== projectId) return notFound(core, 'RouterNotFound', `Router ${p.id} could not be found`);
    const given = bodyOf(ctx, 'router')?.routes;
    if (!Array.isArray(given)) return core.errorReply('network', 400, 'HTTPBadRequest', 'Bad router request: routes must be a list.');
    const routes = (given as Array<{ destination?: unknown; nexthop?: unknown }>).map((r) => ({ destination: String(r.destination), nexthop: String(r.nexthop) }));
    const current = router.routes ?? [];
    const same = (a: { destination: string; nexthop: string }, b: { destination: string; nexthop: string }) => a.destination === b.destination && a.nexthop === b.nexthop;
    if (p.op === 'add_extraroutes') {
      const unreachable = unreachableRoute(req, router, routes);
      if (unreachable) return unreachable;
      router.routes = [...current, ...routes.filter((r) => !current.some((c) => same(c, r)))];
    } else {
      router.routes = current.filter((c) => !routes.some((r) => same(c, r)));
    }
    router.updatedAt = now;
    router.revision++;
    return { status: 200, body: { router: routerView(core, router) } };
  }
  if ((p = match('/routers/:id/:op', rest)) && method === 'PUT' && (p.op === 'add_router_interface' || p.op === 'remove_router_interface')) {
    const router = state.routers.get(p.id ?? '');
    if (!router || router.projectId !== projectId) return notFound(core, 'RouterNotFound', `Router ${p.id} could not be found`);
    const spec = (ctx.body ?? {}) as Json;
    const flat = (port: PortRecord, subnetId: string) => ({ id: router.id, tenant_id: router.projectId, port_id: port.id, network_id: port.networkId, subnet_id: subnetId, subnet_ids: [subnetId] });
    if (p.op === 'add_router_interface') {
      if (typeof spec.port_id === 'string') return addPortInterface(req, router, spec.port_id, flat);
      if (typeof spec.subnet_id !== 'string') return core.errorReply('network', 400, 'BadRequest', 'Bad router request: Either subnet_id or port_id must be specified.');
      const subnet = state.subnets.get(spec.subnet_id);
      const overlap = subnet ? overlapping(req, router, subnet.cidr, subnet.id) : undefined;
      if (overlap) return overlap;
      const port = addRouterInterface(core, router, spec.subnet_id, now);
      if (isFailure(port)) return fail(core, port);
      return { status: 200, body: flat(port, spec.subnet_id) };
    }
    const iface = router.interfaces.find((i) => i.subnetId === spec.subnet_id || i.portId === spec.port_id);
    const port = iface ? state.ports.get(iface.portId) : undefined;
    if (!iface || !port) return notFound(core, 'RouterInterfaceNotFoundForSubnet', `Router ${router.id} has no interface on subnet ${String(spec.subnet_id ?? spec.port_id)}`);
    const subnet = state.subnets.get(iface.subnetId);
    const inUse = subnet && (router.routes ?? []).find((r) => inCidr(r.nexthop, subnet.cidr));
    if (inUse) return core.errorReply('network', 409, 'RouterInterfaceInUseByRoute', `Router interface for subnet ${iface.subnetId} on router ${router.id} cannot be deleted, as it is required by one or more routes.`);
    router.interfaces = router.interfaces.filter((i) => i !== iface);
    router.revision++;
    deletePort(core, port.id, now);
    return { status: 200, body: flat(port, iface.subnetId) };
  }
  return undefined;
}

function overlapping(req: NetReq, router: RouterRecord, cidr: string, subnetId: string): Reply | undefined {
  for (const iface of router.interfaces) {
    const other = req.state.subnets.get(iface.subnetId);
    if (other && other.id !== subnetId && cidrsOverlap(other.cidr, cidr)) {
      return req.core.errorReply('network', 400, 'BadRequest', `Bad router request: Cidr ${cidr} of subnet ${subnetId} overlaps with cidr ${other.cidr} of subnet ${other.id}.`);
    }
  }
  return undefined;
}

/** `add_router_interface {"port_id": …}`: an unused port of the project becomes the router's interface. */
function addPortInterface(req: NetReq, router: RouterRecord, portId: string, flat: (port: PortRecord, subnetId: string) => Json): Reply {
  const { core, state } = req;
  const port = state.ports.get(portId);
  if (!port || port.projectId !== req.projectId) return notFound(core, 'PortNotFound', `Port ${portId} could not be found.`);
  if (port.deviceId || port.deviceOwner) return core.errorReply('network', 409, 'PortInUse', `Unable to complete operation on port ${port.id} for network ${port.networkId}. Port already has an attached device ${port.deviceId}.`);
  const fixed = port.fixedIps[0];
  if (!fixed || port.fixedIps.length !== 1) return core.errorReply('network', 400, 'BadRequest', `Bad router request: Router port must have exactly one fixed IP.`);
  const subnet = state.subnets.get(fixed.subnet_id);
  const overlap = subnet ? overlapping(req, router, subnet.cidr, subnet.id) : undefined;
  if (overlap) return overlap;
  port.deviceId = router.id;
  port.deviceOwner = 'network:router_interface';
  port.securityGroups = [];
  port.updatedAt = req.now;
  router.interfaces.push({ portId: port.id, subnetId: fixed.subnet_id });
  router.updatedAt = req.now;
  router.revision++;
  return { status: 200, body: flat(port, fixed.subnet_id) };
}

/** A route whose next hop is on none of the router's subnets: neutron's 400 InvalidRoutes. */
function unreachableRoute(req: NetReq, router: RouterRecord, routes: Array<{ destination?: unknown; nexthop?: unknown }>): Reply | undefined {
  for (const route of routes) {
    const nexthop = String(route.nexthop ?? '');
    const reachable = router.interfaces.some((i) => {
      const s = req.state.subnets.get(i.subnetId);
      return s !== undefined && inCidr(nexthop, s.cidr);
    });
    if (!reachable) return req.core.errorReply('network', 400, 'InvalidRoutes', `Invalid format for routes: ${JSON.stringify(route)}, the nexthop is not connected with router`);
  }
  return undefined;
}

/** `enable_snat` in the gateway is for admins by neutron's default policy (the simulated users are not). */
function snatProblem(req: NetReq, spec: Json, verb: 'create' | 'update'): Reply | undefined {
  const gateway = spec.external_gateway_info as Json | null | undefined;
  if (!gateway || !('enable_snat' in gateway)) return undefined;
  return req.core.errorReply('network', 403, 'PolicyNotAuthorized', `(rule:${verb}_router and rule:${verb}_router:external_gateway_info and rule:${verb}_router:external_gateway_info:enable_snat) is disallowed by policy`);
}
