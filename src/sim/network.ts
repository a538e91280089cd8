/**
 * Simulated neutron: networks, subnets, subnet pools, ports, routers (gateway and interfaces),
 * floating IPs, security groups, extensions, auto-allocated topology, filters and (from Newton)
 * pagination links.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('network', handleNetwork, req, res));
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import {
  addRouterInterface, autoAllocate, createNetwork, createPort, createRouter, createSubnet, defaultExternalNetwork, deletePort, ensureDefaultSecurityGroup,
  floatingIpStatus, isFailure, type NeutronFailure, removeAutoTopology, setFloatingIpPort, setRouterGateway,
} from './networking.js';
import { advanceServer } from './servers.js';
import { allocateIp, releaseIp, type FloatingIpRecord, type NetworkRecord, type PortRecord, type RouterRecord, type SecurityGroupRecord, type SubnetRecord } from './state.js';
import { isoSeconds, uuid } from './util.js';

type Json = Record<string, unknown>;

const EXTENSIONS_BASE = ['agent', 'allowed-address-pairs', 'binding', 'dhcp_agent_scheduler', 'external-net', 'ext-gw-mode', 'extra_dhcp_opt', 'extraroute',
  'l3_agent_scheduler', 'multi-provider', 'provider', 'quotas', 'router', 'security-group', 'port-security', 'net-mtu', 'subnet_allocation'];

function extensionAliases(core: SimCore): string[] {
  const neutron = core.facts.neutron;
  const aliases = [...EXTENSIONS_BASE];
  if (neutron?.autoAllocatedTopology) aliases.push('auto-allocated-topology', 'default-subnetpools', 'standard-attr-description', 'standard-attr-timestamp');
  if (neutron?.pagination) aliases.push('pagination', 'sorting');
  if (neutron?.projectId) aliases.push('project-id', 'standard-attr-tag', 'standard-attr-revisions');
  if (neutron?.portDetails) aliases.push('fip-port-details');
  return aliases;
}

function fail(core: SimCore, failure: NeutronFailure): Reply {
  return core.errorReply('network', failure.status, failure.type, failure.message);
}

function notFound(core: SimCore, type: string, message: string): Reply {
  return core.errorReply('network', 404, type, message);
}

/** Adds tenant/project ids and, from Mitaka/Newton, the standard attributes. */
function standard(core: SimCore, view: Json, record: { projectId: string; createdAt: number; updatedAt?: number; revision?: number; description?: string }): Json {
  const neutron = core.facts.neutron;
  view.tenant_id = record.projectId;
  if (neutron?.standardAttributes) {
    view.description = view.description ?? record.description ?? '';
    Object.assign(view, { tags: [], created_at: isoSeconds(record.createdAt), updated_at: isoSeconds(record.updatedAt ?? record.createdAt), revision_number: record.revision ?? 0 });
  }
  if (neutron?.projectId) view.project_id = record.projectId;
  return view;
}

function networkView(core: SimCore, n: NetworkRecord, created = false): Json {
  const view: Json = {
    id: n.id, name: n.name, admin_state_up: true, mtu: n.mtu, status: 'ACTIVE', subnets: n.subnets, shared: n.shared,
    availability_zone_hints: [], availability_zones: [], ipv4_address_scope: null, ipv6_address_scope: null, 'router:external': n.external,
    description: n.description, port_security_enabled: true,
  };
  if (n.external || created) view.is_default = n.isDefault;
  return standard(core, view, n);
}

function subnetView(core: SimCore, s: SubnetRecord): Json {
  return standard(core, {
    id: s.id, name: s.name, network_id: s.networkId, ip_version: 4, subnetpool_id: s.subnetpoolId, enable_dhcp: true, ipv6_ra_mode: null, ipv6_address_mode: null,
    gateway_ip: s.gatewayIp, cidr: s.cidr, allocation_pools: [{ start: s.poolStart, end: s.poolEnd }], host_routes: [], dns_nameservers: [], service_types: [],
  }, s);
}

function portStatus(core: SimCore, p: PortRecord, now: number): string {
  if (p.deviceOwner === 'compute:nova') {
    const server = core.state.servers.get(p.deviceId);
    if (server) advanceServer(core, server, now);
    return server && server.vmState !== 'building' ? 'ACTIVE' : 'DOWN';
  }
  return p.deviceOwner ? 'ACTIVE' : 'DOWN';
}

function portView(core: SimCore, p: PortRecord, now: number): Json {
  return standard(core, {
    id: p.id, name: p.name, network_id: p.networkId, mac_address: p.mac, admin_state_up: true, status: portStatus(core, p, now), device_id: p.deviceId,
    device_owner: p.deviceOwner, fixed_ips: p.fixedIps, allowed_address_pairs: [], extra_dhcp_opts: [], security_groups: p.securityGroups, description: '',
    'binding:vnic_type': 'normal', port_security_enabled: true,
  }, p);
}

function routerView(core: SimCore, r: RouterRecord): Json {
  return standard(core, {
    id: r.id, name: r.name, admin_state_up: true, status: 'ACTIVE',
    external_gateway_info: r.gatewayNetworkId
      ? { network_id: r.gatewayNetworkId, external_fixed_ips: r.gatewayIp ? [{ subnet_id: r.gatewaySubnetId, ip_address: r.gatewayIp }] : [], enable_snat: true }
      : null,
    description: '', availability_zones: [], availability_zone_hints: [], routes: [], flavor_id: null,
  }, r);
}

function floatingIpView(core: SimCore, f: FloatingIpRecord, now: number): Json {
  const view: Json = {
    id: f.id, floating_ip_address: f.address, floating_network_id: f.networkId, router_id: f.routerId, port_id: f.portId, fixed_ip_address: f.fixedIp,
    status: floatingIpStatus(f, now), description: '',
  };
  if (core.facts.neutron?.portDetails) {
    const port = f.portId ? core.state.ports.get(f.portId) : undefined;
    view.port_details = port
      ? { name: port.name, network_id: port.networkId, mac_address: port.mac, admin_state_up: true, status: portStatus(core, port, now), device_id: port.deviceId, device_owner: port.deviceOwner }
      : null;
  }
  return standard(core, view, f);
}

function ruleView(core: SimCore, group: SecurityGroupRecord, rule: SecurityGroupRecord['rules'][number]): Json {
  return standard(core, { ...rule, security_group_id: group.id, description: "" }, group);
}

function groupView(core: SimCore, g: SecurityGroupRecord): Json {
  return standard(core, { id: g.id, name: g.name, description: g.description, security_group_rules: g.rules.map((r) => ruleView(core, g, r)), stateful: true }, g);
}

const CONTROL_PARAMS = new Set(['limit', 'marker', 'page_reverse', 'fields', 'sort_key', 'sort_dir']);

/** Applies neutron filters (`name=`, `router:external=True`, `device_id=`…) and, when enabled, pagination. */
function listReply(ctx: Ctx, collection: string, views: Json[]): Reply {
  const { core, query } = ctx;
  let items = views.filter((view) => {
    for (const key of new Set(query.keys())) {
      if (CONTROL_PARAMS.has(key) || !(key in view)) continue;
      const wanted = query.getAll(key).map((v) => v.toLowerCase());
      const actual = view[key];
      const text = Array.isArray(actual) ? actual.map(String) : [String(actual).toLowerCase()];
      if (!wanted.some((w) => text.some((t) => t.toLowerCase() === w))) return false;
    }
    return true;
  });
  items.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const body: Json = {};
  const limitText = query.get('limit');
  if (core.facts.neutron?.pagination && limitText !== null) {
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) return core.errorReply('network', 400, 'BadRequest', `Bad limit request: Limit must be an integer 0 or greater and not '${limitText}'.`);
    const marker = query.get('marker');
    if (marker) items = items.filter((item) => String(item.id) > marker);
    if (limit > 0) items = items.slice(0, limit);
    const params = new URLSearchParams(query);
    params.delete('marker');
    params.delete('page_reverse');
    const base = `${core.roots.network}/v2.0/${collection}?${params.toString()}`;
    const links: Json[] = [];
    const last = items[items.length - 1];
    const first = items[0];
    if (last && limit > 0 && items.length === limit) links.push({ rel: 'next', href: `${base}&marker=${String(last.id)}` });
    links.push({ rel: 'previous', href: first ? `${base}&marker=${String(first.id)}&page_reverse=True` : `${base}&page_reverse=True` });
    body[collection.replace(/-/g, '_')] = items;
    body[`${collection.replace(/-/g, '_')}_links`] = links;
    return { status: 200, body };
  }
  body[collection.replace(/-/g, '_')] = items;
  return { status: 200, body };
}

function bodyOf(ctx: Ctx, key: string): Json | undefined {
  const value = (ctx.body as Json | undefined)?.[key];
  return typeof value === 'object' && value !== null ? (value as Json) : undefined;
}

function overQuota(core: SimCore, projectId: string, resource: 'network' | 'floatingip'): Reply | undefined {
  const quota = resource === 'network' ? core.knobs.quotas?.networks : core.knobs.quotas?.floatingips;
  if (quota === undefined) return undefined;
  const used = resource === 'network'
    ? [...core.state.networks.values()].filter((n) => n.projectId === projectId).length
    : [...core.state.floatingIps.values()].filter((f) => f.projectId === projectId && !f.deleted).length;
  return used >= quota ? core.errorReply('network', 409, 'OverQuota', `Quota exceeded for resources: ['${resource}'].`) : undefined;
}

/**
 * Handles a neutron request.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('network', handleNetwork, req, res));
 */
export function handleNetwork(ctx: Ctx): Reply {
  const { core, method } = ctx;
  const neutron = core.facts.neutron;
  const path = ctx.path.replace(/\.json$/, '').replace(/\/$/, '') || '/';
  if (!neutron) return core.errorReply('network', 404, 'HTTPNotFound', 'The resource could not be found.');
  if (path === '/' && method === 'GET') {
    return { status: 200, body: { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${core.roots.network}/v2.0${neutron.versionSlash ? '/' : ''}` }] }] }, noRequestId: true };
  }
  const token = core.tokenOf(ctx);
  if (!token) return core.unauthorized(ctx);
  const projectId = token.projectId;
  const state = core.state;
  const now = ctx.now;
  if (!path.startsWith('/v2.0')) return notFound(core, 'HTTPNotFound', 'The resource could not be found.');
  const rest = path.slice('/v2.0'.length) || '/';
  let p: Record<string, string> | undefined;
  if (rest === '/' && method === 'GET') {
    const names = ['subnet', 'network', 'port', 'router', 'floatingip', 'security-group', 'security-group-rule', 'subnetpool'];
    return { status: 200, body: { resources: names.map((name) => ({ name, collection: `${name}s`, links: [{ rel: 'self', href: `${core.roots.network}/v2.0/${name}s` }] })) } };
  }
  if (rest === '/extensions' && method === 'GET') {
    return { status: 200, body: { extensions: extensionAliases(core).map((alias) => ({ name: alias, alias, description: `The ${alias} extension.`, updated: '2013-01-01T10:00:00-00:00', links: [] })) } };
  }
  if ((p = match('/extensions/:alias', rest)) && method === 'GET') {
    const alias = p.alias ?? '';
    if (!extensionAliases(core).includes(alias)) return notFound(core, 'HTTPNotFound', `Extension with alias ${alias} does not exist`);
    return { status: 200, body: { extension: { name: alias, alias, description: `The ${alias} extension.`, updated: '2013-01-01T10:00:00-00:00', links: [] } } };
  }

  // networks
  const visibleNetwork = (n: NetworkRecord | undefined) => n && (n.projectId === projectId || n.shared || n.external);
  if (rest === '/networks' && method === 'GET') return listReply(ctx, 'networks', [...state.networks.values()].filter(visibleNetwork).map((n) => networkView(core, n)));
  if (rest === '/networks' && method === 'POST') {
    const spec = bodyOf(ctx, 'network');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad network request: Resource body required.');
    const quota = overQuota(core, projectId, 'network');
    if (quota) return quota;
    if (core.shouldFail('network.create')) return core.errorReply('network', 500, 'HTTPInternalServerError', 'Request Failed: internal server error while processing your request.');
    const network = createNetwork(core, { name: String(spec.name ?? ''), projectId, shared: spec.shared === true, description: typeof spec.description === 'string' ? spec.description : '' }, now);
    return { status: 201, body: { network: networkView(core, network, true) } };
  }
  if ((p = match('/networks/:id', rest))) {
    const network = state.networks.get(p.id ?? '');
    if (!visibleNetwork(network) || !network) return notFound(core, 'NetworkNotFound', `Network ${p.id} could not be found.`);
    if (method === 'GET') return { status: 200, body: { network: networkView(core, network) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'network') ?? {};
      if (typeof spec.name === 'string') network.name = spec.name;
      if (typeof spec.description === 'string') network.description = spec.description;
      network.updatedAt = now;
      network.revision++;
      return { status: 200, body: { network: networkView(core, network) } };
    }
    if (method === 'DELETE') {
      const inUse = [...state.ports.values()].filter((port) => port.networkId === network.id && port.deviceOwner !== 'network:dhcp');
      if (inUse.length > 0) {
        return core.errorReply('network', 409, 'NetworkInUse', `Unable to complete operation on network ${network.id}. There are one or more ports still in use on the network, id for these ports is: ${inUse.map((port) => port.id).join(', ')}.`);
      }
      for (const subnetId of network.subnets) state.subnets.delete(subnetId);
      state.networks.delete(network.id);
      for (const [project, topology] of state.autoTopologies) if (topology.networkId === network.id) state.autoTopologies.delete(project);
      return { status: 204 };
    }
  }

  // subnets
  const visibleSubnet = (s: SubnetRecord | undefined) => s && (s.projectId === projectId || visibleNetwork(state.networks.get(s.networkId)));
  if (rest === '/subnets' && method === 'GET') return listReply(ctx, 'subnets', [...state.subnets.values()].filter(visibleSubnet).map((s) => subnetView(core, s)));
  if (rest === '/subnets' && method === 'POST') {
    const spec = bodyOf(ctx, 'subnet');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad subnet request: Resource body required.');
    const network = state.networks.get(String(spec.network_id ?? ''));
    if (!network || network.projectId !== projectId) return notFound(core, 'NetworkNotFound', `Network ${String(spec.network_id)} could not be found.`);
    const subnet = createSubnet(core, {
      networkId: network.id, projectId, name: String(spec.name ?? ''), cidr: typeof spec.cidr === 'string' ? spec.cidr : undefined,
      subnetpoolId: typeof spec.subnetpool_id === 'string' ? spec.subnetpool_id : spec.use_default_subnetpool === true ? [...state.subnetPools.values()].find((sp) => sp.isDefault)?.id : undefined,
      gatewayIp: spec.gateway_ip === null ? null : typeof spec.gateway_ip === 'string' ? spec.gateway_ip : undefined,
    }, now);
    if (isFailure(subnet)) return fail(core, subnet);
    return { status: 201, body: { subnet: subnetView(core, subnet) } };
  }
  if ((p = match('/subnets/:id', rest))) {
    const subnet = state.subnets.get(p.id ?? '');
    if (!visibleSubnet(subnet) || !subnet) return notFound(core, 'SubnetNotFound', `Subnet ${p.id} could not be found.`);
    if (method === 'GET') return { status: 200, body: { subnet: subnetView(core, subnet) } };
    if (method === 'DELETE') {
      const users = [...state.ports.values()].filter((port) => port.fixedIps.some((f) => f.subnet_id === subnet.id));
      if (users.length > 0) return core.errorReply('network', 409, 'SubnetInUse', `Unable to complete operation on subnet ${subnet.id}: One or more ports have an IP allocation from this subnet.`);
      state.subnets.delete(subnet.id);
      const network = state.networks.get(subnet.networkId);
      if (network) network.subnets = network.subnets.filter((id) => id !== subnet.id);
      return { status: 204 };
    }
  }

  // subnet pools
  if (rest === '/subnetpools' && method === 'GET') {
    return listReply(ctx, 'subnetpools', [...state.subnetPools.values()].filter((sp) => sp.shared || sp.projectId === projectId).map((sp) => standard(core, {
      id: sp.id, name: sp.name, prefixes: sp.prefixes, default_prefixlen: sp.defaultPrefixlen, min_prefixlen: 8, max_prefixlen: 32, is_default: sp.isDefault,
      shared: sp.shared, ip_version: 4, address_scope_id: null, default_quota: null,
    }, sp)));
  }

  // ports
  if (rest === '/ports' && method === 'GET') return listReply(ctx, 'ports', [...state.ports.values()].filter((port) => port.projectId === projectId).map((port) => portView(core, port, now)));
  if (rest === '/ports' && method === 'POST') {
    const spec = bodyOf(ctx, 'port');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad port request: Resource body required.');
    const network = state.networks.get(String(spec.network_id ?? ''));
    if (!visibleNetwork(network) || !network) return notFound(core, 'NetworkNotFound', `Network ${String(spec.network_id)} could not be found.`);
    const port = createPort(core, { networkId: network.id, projectId, name: String(spec.name ?? ''), deviceId: String(spec.device_id ?? ''), deviceOwner: String(spec.device_owner ?? '') }, now);
    if (isFailure(port)) return fail(core, port);
    return { status: 201, body: { port: portView(core, port, now) } };
  }
  if ((p = match('/ports/:id', rest))) {
    const port = state.ports.get(p.id ?? '');
    if (!port || port.projectId !== projectId) return notFound(core, 'PortNotFound', `Port ${p.id} could not be found.`);
    if (method === 'GET') return { status: 200, body: { port: portView(core, port, now) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'port') ?? {};
      if (typeof spec.name === 'string') port.name = spec.name;
      if (Array.isArray(spec.security_groups)) port.securityGroups = spec.security_groups.map(String);
      port.updatedAt = now;
      port.revision++;
      return { status: 200, body: { port: portView(core, port, now) } };
    }
    if (method === 'DELETE') {
      if (port.deviceOwner === 'network:router_interface' || port.deviceOwner === 'network:router_gateway') {
        return core.errorReply('network', 409, 'L3PortInUse', `Port ${port.id} cannot be deleted directly via the port API: has device owner ${port.deviceOwner}.`);
      }
      const server = state.servers.get(port.deviceId);
      if (server) server.portIds = server.portIds.filter((id) => id !== port.id);
      deletePort(core, port.id, now);
      return { status: 204 };
    }
  }

  // routers
  if (rest === '/routers' && method === 'GET') return listReply(ctx, 'routers', [...state.routers.values()].filter((r) => r.projectId === projectId).map((r) => routerView(core, r)));
  if (rest === '/routers' && method === 'POST') {
    const spec = bodyOf(ctx, 'router');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad router request: Resource body required.');
    const gateway = (spec.external_gateway_info as Json | null | undefined)?.network_id;
    const router = createRouter(core, { name: String(spec.name ?? ''), projectId, gatewayNetworkId: typeof gateway === 'string' ? gateway : null }, now);
    if (isFailure(router)) return fail(core, router);
    return { status: 201, body: { router: routerView(core, router) } };
  }
  if ((p = match('/routers/:id', rest))) {
    const router = state.routers.get(p.id ?? '');
    if (!router || router.projectId !== projectId) return notFound(core, 'RouterNotFound', `Router ${p.id} could not be found`);
    if (method === 'GET') return { status: 200, body: { router: routerView(core, router) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'router') ?? {};
      if (typeof spec.name === 'string') router.name = spec.name;
      if ('external_gateway_info' in spec) {
        const gateway = (spec.external_gateway_info as Json | null)?.network_id;
        const failure = setRouterGateway(core, router, typeof gateway === 'string' ? gateway : null);
        if (failure) return fail(core, failure);
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
  if ((p = match('/routers/:id/:op', rest)) && method === 'PUT' && (p.op === 'add_router_interface' || p.op === 'remove_router_interface')) {
    const router = state.routers.get(p.id ?? '');
    if (!router || router.projectId !== projectId) return notFound(core, 'RouterNotFound', `Router ${p.id} could not be found`);
    const spec = (ctx.body ?? {}) as Json;
    const flat = (port: PortRecord, subnetId: string) => ({ id: router.id, tenant_id: router.projectId, port_id: port.id, network_id: port.networkId, subnet_id: subnetId, subnet_ids: [subnetId] });
    if (p.op === 'add_router_interface') {
      if (typeof spec.subnet_id !== 'string') return core.errorReply('network', 400, 'BadRequest', 'Bad router request: Either subnet_id or port_id must be specified.');
      const port = addRouterInterface(core, router, spec.subnet_id, now);
      if (isFailure(port)) return fail(core, port);
      return { status: 200, body: flat(port, spec.subnet_id) };
    }
    const iface = router.interfaces.find((i) => i.subnetId === spec.subnet_id || i.portId === spec.port_id);
    const port = iface ? state.ports.get(iface.portId) : undefined;
    if (!iface || !port) return notFound(core, 'RouterInterfaceNotFoundForSubnet', `Router ${router.id} has no interface on subnet ${String(spec.subnet_id ?? spec.port_id)}`);
    router.interfaces = router.interfaces.filter((i) => i !== iface);
    router.revision++;
    deletePort(core, port.id, now);
    return { status: 200, body: flat(port, iface.subnetId) };
  }

  // floating IPs
  if (rest === '/floatingips' && method === 'GET') return listReply(ctx, 'floatingips', [...state.floatingIps.values()].filter((f) => f.projectId === projectId && !f.deleted).map((f) => floatingIpView(core, f, now)));
  if (rest === '/floatingips' && method === 'POST') {
    const spec = bodyOf(ctx, 'floatingip');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad floatingip request: Resource body required.');
    const network = state.networks.get(String(spec.floating_network_id ?? ''));
    if (!network) return notFound(core, 'NetworkNotFound', `Network ${String(spec.floating_network_id)} could not be found.`);
    if (!network.external) return core.errorReply('network', 400, 'BadRequest', `Bad floatingip request: Network ${network.id} is not a valid external network.`);
    const quota = overQuota(core, projectId, 'floatingip');
    if (quota) return quota;
    if (core.shouldFail('floatingip.create')) return core.errorReply('network', 500, 'HTTPInternalServerError', 'Request Failed: internal server error while processing your request.');
    const subnet = state.subnets.get(network.subnets[0] ?? '');
    const address = subnet ? allocateIp(subnet) : undefined;
    if (!address || !subnet) return core.errorReply('network', 409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${network.id}.`);
    const fip: FloatingIpRecord = {
      id: uuid(core.rng), projectId, address, networkId: network.id, portId: null, fixedIp: null, routerId: null, previousPortId: null, changedAt: now - core.addressDelayMs,
      activeAt: null, createdAt: now, updatedAt: now, revision: 0,
    };
    if (typeof spec.port_id === 'string') {
      const port = state.ports.get(spec.port_id);
      if (!port || port.projectId !== projectId) {
        releaseIp(subnet, address);
        return notFound(core, 'PortNotFound', `Port ${spec.port_id} could not be found.`);
      }
      const failure = setFloatingIpPort(core, fip, port.id, now, typeof spec.fixed_ip_address === 'string' ? spec.fixed_ip_address : undefined);
      if (failure) {
        releaseIp(subnet, address);
        return fail(core, failure);
      }
      fip.revision = 0;
    }
    state.floatingIps.set(fip.id, fip);
    return { status: 201, body: { floatingip: floatingIpView(core, fip, now) } };
  }
  if ((p = match('/floatingips/:id', rest))) {
    const fip = state.floatingIps.get(p.id ?? '');
    if (!fip || fip.projectId !== projectId || fip.deleted) return notFound(core, 'FloatingIPNotFound', `Floating IP ${p.id} could not be found`);
    if (method === 'GET') return { status: 200, body: { floatingip: floatingIpView(core, fip, now) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'floatingip');
      if (!spec || !('port_id' in spec)) return { status: 200, body: { floatingip: floatingIpView(core, fip, now) } };
      if (core.shouldFail('floatingip.update')) return core.errorReply('network', 500, 'HTTPInternalServerError', 'Request Failed: internal server error while processing your request.');
      const portId = typeof spec.port_id === 'string' ? spec.port_id : null;
      if (portId && !state.ports.has(portId)) return notFound(core, 'PortNotFound', `Port ${portId} could not be found.`);
      const failure = setFloatingIpPort(core, fip, portId, now, typeof spec.fixed_ip_address === 'string' ? spec.fixed_ip_address : undefined);
      if (failure) return fail(core, failure);
      return { status: 200, body: { floatingip: floatingIpView(core, fip, now) } };
    }
    if (method === 'DELETE') {
      setFloatingIpPort(core, fip, null, now);
      fip.deleted = true;
      releaseIp(state.subnets.get(state.networks.get(fip.networkId)?.subnets[0] ?? ''), fip.address);
      return { status: 204 };
    }
  }

  // security groups
  if (rest === '/security-groups' || rest === '/security-group-rules') ensureDefaultSecurityGroup(core, projectId, now);
  const myGroups = () => [...state.securityGroups.values()].filter((g) => g.projectId === projectId);
  if (rest === '/security-groups' && method === 'GET') return listReply(ctx, 'security-groups', myGroups().map((g) => groupView(core, g)));
  if (rest === '/security-groups' && method === 'POST') {
    const spec = bodyOf(ctx, 'security_group');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad security_group request: Resource body required.');
    const id = uuid(core.rng);
    const egress = (ethertype: string) => ({ id: uuid(core.rng), direction: 'egress', ethertype, protocol: null, port_range_min: null, port_range_max: null, remote_ip_prefix: null, remote_group_id: null });
    const group: SecurityGroupRecord = { id, name: String(spec.name ?? ''), description: String(spec.description ?? ''), projectId, createdAt: now, rules: [egress('IPv4'), egress('IPv6')] };
    state.securityGroups.set(id, group);
    return { status: 201, body: { security_group: groupView(core, group) } };
  }
  if ((p = match('/security-groups/:id', rest))) {
    const group = state.securityGroups.get(p.id ?? '');
    if (!group || group.projectId !== projectId) return notFound(core, 'SecurityGroupNotFound', `Security group ${p.id} does not exist`);
    if (method === 'GET') return { status: 200, body: { security_group: groupView(core, group) } };
    if (method === 'DELETE') {
      if (group.name === 'default') return core.errorReply('network', 409, 'SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.');
      state.securityGroups.delete(group.id);
      return { status: 204 };
    }
  }
  if (rest === '/security-group-rules' && method === 'GET') {
    return listReply(ctx, 'security-group-rules', myGroups().flatMap((g) => g.rules.map((r) => ruleView(core, g, r))));
  }
  if (rest === '/security-group-rules' && method === 'POST') {
    const spec = bodyOf(ctx, 'security_group_rule');
    const group = state.securityGroups.get(String(spec?.security_group_id ?? ''));
    if (!spec || !group || group.projectId !== projectId) return notFound(core, 'SecurityGroupNotFound', `Security group ${String(spec?.security_group_id)} does not exist`);
    const rule = {
      id: uuid(core.rng), direction: String(spec.direction ?? 'ingress'), ethertype: String(spec.ethertype ?? 'IPv4'), protocol: (spec.protocol as string | undefined) ?? null,
      port_range_min: (spec.port_range_min as number | undefined) ?? null, port_range_max: (spec.port_range_max as number | undefined) ?? null,
      remote_ip_prefix: (spec.remote_ip_prefix as string | undefined) ?? null, remote_group_id: (spec.remote_group_id as string | undefined) ?? null,
    };
    group.rules.push(rule);
    return { status: 201, body: { security_group_rule: ruleView(core, group, rule) } };
  }
  if ((p = match('/security-group-rules/:id', rest)) && method === 'DELETE') {
    const group = myGroups().find((g) => g.rules.some((r) => r.id === p?.id));
    if (!group) return notFound(core, 'SecurityGroupRuleNotFound', `Security group rule ${p.id} does not exist`);
    group.rules = group.rules.filter((r) => r.id !== p?.id);
    return { status: 204 };
  }

  // auto-allocated topology (Mitaka+)
  if ((p = match('/auto-allocated-topology/:project', rest)) && neutron.autoAllocatedTopology) {
    const target = p.project === 'None' ? projectId : p.project ?? '';
    if (target !== projectId) return core.errorReply('network', 403, 'PolicyNotAuthorized', `rule:get_auto_allocated_topology is disallowed by policy`);
    if (method === 'GET') {
      if (ctx.query.get('fields') === 'dry-run') {
        if (!defaultExternalNetwork(core)) return core.errorReply('network', 409, 'AutoAllocationFailure', 'Deployment error: No default router:external network.');
        return { status: 200, body: { auto_allocated_topology: { id: 'dry-run=pass', tenant_id: target } } };
      }
      if (core.shouldFail('auto_allocated_topology.get')) return core.errorReply('network', 409, 'AutoAllocationFailure', 'Deployment error: Unable to provide external connectivity.');
      const topology = autoAllocate(core, target, now);
      if (isFailure(topology)) return fail(core, topology);
      return { status: 200, body: { auto_allocated_topology: { id: topology.networkId, tenant_id: target, project_id: target } } };
    }
    if (method === 'DELETE') {
      const failure = removeAutoTopology(core, target, now);
      return failure ? fail(core, failure) : { status: 204 };
    }
  }
  return notFound(core, 'HTTPNotFound', 'The resource could not be found.');
}
