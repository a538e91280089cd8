/**
 * Neutron's resource views: networks, subnets, ports (with a status derived from the server using
 * them), routers, floating IPs and security groups with their rules.
 *
 * @example
 * return { status: 200, body: { port: portView(core, port, now) } };
 */
import type { SimCore } from '../core.js';
import { floatingIpStatus } from '../networking.js';
import { advanceServer } from '../servers.js';
import type { FloatingIpRecord, NetworkRecord, PortRecord, RouterRecord, SecurityGroupRecord, SubnetRecord } from '../state.js';
import { extensionAliases } from './extensions.js';
import { type Json, standard } from './shared.js';

export function networkView(core: SimCore, n: NetworkRecord, created = false): Json {
  const view: Json = {
    id: n.id, name: n.name, admin_state_up: n.adminStateUp ?? true, mtu: n.mtu, status: 'ACTIVE', subnets: n.subnets, shared: n.shared,
    availability_zone_hints: [], availability_zones: [], ipv4_address_scope: null, ipv6_address_scope: null, 'router:external': n.external,
    description: n.description, port_security_enabled: n.portSecurityEnabled ?? true,
  };
  if (n.external || created) view.is_default = n.isDefault;
  return standard(core, view, n);
}

export function subnetView(core: SimCore, s: SubnetRecord): Json {
  return standard(core, {
    id: s.id, name: s.name, network_id: s.networkId, ip_version: s.ipVersion ?? 4, subnetpool_id: s.subnetpoolId, enable_dhcp: s.enableDhcp ?? true,
    ipv6_ra_mode: s.ipv6RaMode ?? null, ipv6_address_mode: s.ipv6AddressMode ?? null, gateway_ip: s.gatewayIp, cidr: s.cidr, allocation_pools: s.pools ?? [{ start: s.poolStart, end: s.poolEnd }],
    host_routes: s.hostRoutes ?? [], dns_nameservers: s.dnsNameservers ?? [], service_types: [],
  }, s);
}

export function portStatus(core: SimCore, p: PortRecord, now: number): string {
  if (p.deviceOwner === 'compute:nova') {
    const server = core.state.servers.get(p.deviceId);
    if (server) advanceServer(core, server, now);
    return server && server.vmState !== 'building' ? 'ACTIVE' : 'DOWN';
  }
  return p.deviceOwner ? 'ACTIVE' : 'DOWN';
}

export function portView(core: SimCore, p: PortRecord, now: number): Json {
  return standard(core, {
    id: p.id, name: p.name, network_id: p.networkId, mac_address: p.mac, admin_state_up: p.adminStateUp ?? true, status: portStatus(core, p, now), device_id: p.deviceId,
    device_owner: p.deviceOwner, fixed_ips: p.fixedIps, allowed_address_pairs: p.allowedAddressPairs ?? [], extra_dhcp_opts: [], security_groups: p.securityGroups, description: p.description ?? '',
    'binding:vnic_type': p.vnicType ?? 'normal', port_security_enabled: p.portSecurityEnabled ?? true,
  }, p);
}

export function routerView(core: SimCore, r: RouterRecord): Json {
  return standard(core, {
    id: r.id, name: r.name, admin_state_up: r.adminStateUp ?? true, status: 'ACTIVE',
    external_gateway_info: r.gatewayNetworkId
      ? { network_id: r.gatewayNetworkId, external_fixed_ips: r.gatewayIp ? [{ subnet_id: r.gatewaySubnetId, ip_address: r.gatewayIp }] : [], enable_snat: r.enableSnat ?? true }
      : null,
    description: r.description ?? '', availability_zones: [], availability_zone_hints: [], routes: r.routes ?? [], flavor_id: null,
  }, r);
}

export function floatingIpView(core: SimCore, f: FloatingIpRecord, now: number): Json {
  const view: Json = {
    id: f.id, floating_ip_address: f.address, floating_network_id: f.networkId, router_id: f.routerId, port_id: f.portId, fixed_ip_address: f.fixedIp,
    status: floatingIpStatus(f, now), description: f.description ?? '',
  };
  if (core.facts.neutron?.portDetails) {
    const port = f.portId ? core.state.ports.get(f.portId) : undefined;
    view.port_details = port
      ? { name: port.name, network_id: port.networkId, mac_address: port.mac, admin_state_up: true, status: portStatus(core, port, now), device_id: port.deviceId, device_owner: port.deviceOwner }
      : null;
  }
  return standard(core, view, f);
}

export function ruleView(core: SimCore, group: SecurityGroupRecord, rule: SecurityGroupRecord['rules'][number]): Json {
  return standard(core, { ...rule, security_group_id: group.id, description: "" }, group);
}

export function groupView(core: SimCore, g: SecurityGroupRecord): Json {
  const view: Json = { id: g.id, name: g.name, description: g.description, security_group_rules: g.rules.map((r) => ruleView(core, g, r)) };
  if (extensionAliases(core).includes('stateful-security-group')) view.stateful = g.stateful ?? true;
  return standard(core, view, g);
}
