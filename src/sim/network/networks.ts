/**
 * Neutron networks, subnets and subnet pools.
 *
 * @example
 * return networkRoutes(req) ?? subnetRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { createNetwork, createSubnet, isFailure } from '../networking.js';
import type { NetworkRecord, SubnetRecord } from '../state.js';
import { isV6Cidr } from '../ipv6.js';
import { cidrsOverlap } from './cidr.js';
import { bodyOf, fail, listReply, type NetReq, notFound, overQuota, standard, visibleNetwork as canSee } from './shared.js';
import { networkView, subnetView } from './views.js';
import { extensionAliases } from './extensions.js';

export function networkRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, now, rest, method } = req;
  let p: Record<string, string> | undefined;
  const visibleNetwork = (n: NetworkRecord | undefined) => canSee(req, n);
  // networks
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
      const problem = networkUpdateProblem(req, network, spec);
      if (problem) return problem;
      if (typeof spec.name === 'string') network.name = spec.name;
      if (typeof spec.description === 'string') network.description = spec.description;
      if (typeof spec.admin_state_up === 'boolean') network.adminStateUp = spec.admin_state_up;
      if (typeof spec.port_security_enabled === 'boolean') network.portSecurityEnabled = spec.port_security_enabled;
      if (typeof spec.mtu === 'number') network.mtu = spec.mtu;
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
  // the subnets of an external network are hidden from other projects unless the network is shared
  const visibleSubnet = (s: SubnetRecord | undefined) => s && (s.projectId === projectId || state.networks.get(s.networkId)?.shared === true);
  if (rest === '/subnets' && method === 'GET') return listReply(ctx, 'subnets', [...state.subnets.values()].filter(visibleSubnet).map((s) => subnetView(core, s)));
  if (rest === '/subnets' && method === 'POST') {
    const spec = bodyOf(ctx, 'subnet');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad subnet request: Resource body required.');
    const network = state.networks.get(String(spec.network_id ?? ''));
    if (!network || network.projectId !== projectId) return notFound(core, 'NetworkNotFound', `Network ${String(spec.network_id)} could not be found.`);
    if (typeof spec.cidr === 'string') {
      const clash = network.subnets.map((id) => state.subnets.get(id)).find((s) => s && cidrsOverlap(s.cidr, String(spec.cidr)));
      if (clash) return core.errorReply('network', 400, 'InvalidInput', `Invalid input for operation: Requested subnet with cidr: ${String(spec.cidr)} for network: ${network.id} overlaps with another subnet.`);
    }
    const subnet = createSubnet(core, {
      networkId: network.id, projectId, name: String(spec.name ?? ''), cidr: typeof spec.cidr === 'string' ? spec.cidr : undefined,
      subnetpoolId: typeof spec.subnetpool_id === 'string' ? spec.subnetpool_id : spec.use_default_subnetpool === true ? [...state.subnetPools.values()].find((sp) => sp.isDefault)?.id : undefined,
      gatewayIp: spec.gateway_ip === null ? null : typeof spec.gateway_ip === 'string' ? spec.gateway_ip : undefined,
      ...(typeof spec.prefixlen === 'number' ? { prefixlen: spec.prefixlen } : {}),
    }, now);
    if (isFailure(subnet)) return fail(core, subnet);
    applySubnetAttributes(subnet, spec);
    // neutron: the subnets of one IP version on a network come from one pool (or none), as the lab answers
    const mixed = network.subnets.map((id) => state.subnets.get(id)).some((s) => s && s.id !== subnet.id && (s.ipVersion ?? 4) === (subnet.ipVersion ?? 4) && (s.subnetpoolId ?? null) !== (subnet.subnetpoolId ?? null));
    if (mixed) {
      state.subnets.delete(subnet.id);
      network.subnets = network.subnets.filter((id) => id !== subnet.id);
      return core.errorReply('network', 400, 'BadRequest', 'Bad subnets request: Subnets hosted on the same network must be allocated from the same subnet pool.');
    }
    return { status: 201, body: { subnet: subnetView(core, subnet) } };
  }
  if ((p = match('/subnets/:id', rest))) {
    const subnet = state.subnets.get(p.id ?? '');
    if (!visibleSubnet(subnet) || !subnet) return notFound(core, 'SubnetNotFound', `Subnet ${p.id} could not be found.`);
    if (method === 'GET') return { status: 200, body: { subnet: subnetView(core, subnet) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'subnet') ?? {};
      for (const fixed of ['cidr', 'network_id', 'ip_version']) {
        if (fixed in spec) return core.errorReply('network', 400, 'HTTPBadRequest', `Cannot update read-only attribute ${fixed}`);
      }
      if (typeof spec.name === 'string') subnet.name = spec.name;
      if ('gateway_ip' in spec) subnet.gatewayIp = typeof spec.gateway_ip === 'string' ? spec.gateway_ip : null;
      applySubnetAttributes(subnet, spec);
      subnet.updatedAt = now;
      subnet.revision = (subnet.revision ?? 0) + 1;
      return { status: 200, body: { subnet: subnetView(core, subnet) } };
    }
    if (method === 'DELETE') {
      // an auto-address (SLAAC / DHCPv6-stateless) subnet leaves its ports' addresses with it, unless a router uses it
      const autoAddress = subnet.ipv6AddressMode === 'slaac' || subnet.ipv6AddressMode === 'dhcpv6-stateless';
      const holders = [...state.ports.values()].filter((port) => port.fixedIps.some((f) => f.subnet_id === subnet.id));
      const users = autoAddress ? holders.filter((port) => port.deviceOwner === 'network:router_interface') : holders;
      if (users.length === 0) for (const port of holders) port.fixedIps = port.fixedIps.filter((f) => f.subnet_id !== subnet.id);
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
  return undefined;
}

/** Stores the optional subnet attributes neutron keeps: DNS servers, host routes, DHCP flag, description, allocation pools. */
function applySubnetAttributes(subnet: SubnetRecord, spec: Record<string, unknown>): void {
  if (isV6Cidr(subnet.cidr)) subnet.ipVersion = 6;
  for (const [key, field] of [['ipv6_ra_mode', 'ipv6RaMode'], ['ipv6_address_mode', 'ipv6AddressMode']] as const) {
    if (typeof spec[key] === 'string' || spec[key] === null) subnet[field] = spec[key] as string | null;
  }
  if (Array.isArray(spec.dns_nameservers)) subnet.dnsNameservers = spec.dns_nameservers.map(String);
  if (Array.isArray(spec.host_routes)) subnet.hostRoutes = (spec.host_routes as Array<{ destination?: unknown; nexthop?: unknown }>).map((r) => ({ destination: String(r.destination), nexthop: String(r.nexthop) }));
  if (typeof spec.enable_dhcp === 'boolean') subnet.enableDhcp = spec.enable_dhcp;
  if (typeof spec.description === 'string') subnet.description = spec.description;
  if (Array.isArray(spec.allocation_pools) && spec.allocation_pools.length > 0) {
    const pools = (spec.allocation_pools as Array<{ start?: unknown; end?: unknown }>).map((p) => ({ start: String(p.start), end: String(p.end) }));
    subnet.pools = pools;
    subnet.poolStart = pools[0]?.start ?? subnet.poolStart;
    subnet.poolEnd = pools[pools.length - 1]?.end ?? subnet.poolEnd;
  }
}

/**
 * What neutron refuses in a network update: a network of another project, `shared` (admins only by default
 * policy), `mtu` without `net-mtu-writable` or out of range.
 */
function networkUpdateProblem(req: NetReq, network: NetworkRecord, spec: Record<string, unknown>): Reply | undefined {
  const { core } = req;
  if (network.projectId !== req.projectId) return core.errorReply('network', 403, 'PolicyNotAuthorized', 'rule:update_network is disallowed by policy');
  if ('shared' in spec && spec.shared !== network.shared) return core.errorReply('network', 403, 'PolicyNotAuthorized', '(rule:update_network and rule:update_network:shared) is disallowed by policy');
  if ('mtu' in spec) {
    if (!extensionAliases(core).includes('net-mtu-writable')) return core.errorReply('network', 400, 'HTTPBadRequest', "Attribute 'mtu' not allowed in PUT");
    if (typeof spec.mtu !== 'number' || spec.mtu < 68 || spec.mtu > 1450) return core.errorReply('network', 400, 'HTTPBadRequest', `Invalid input for mtu. Reason: '${String(spec.mtu)}' is too large - must be no larger than '1450'.`);
  }
  return undefined;
}
