/**
 * `canopy subnet|port|router …` through the generator, with `router add|remove subnet|port` and
 * `router set --route`; `network set` is in `../commands/network.ts`.
 */
import type { Port } from '../../resources/network/port.js';
import type { Router } from '../../resources/network/router.js';
import type { Route, Subnet } from '../../resources/network/subnet.js';
import { positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { formatRecord } from '../output.js';
import { defineResourceCli } from '../resource-cli.js';
import { withCloud } from '../with-cloud.js';

/** `a=b,c=d` as an object (openstackclient's `--allocation-pool start=…,end=…`). */
function pairs(raw: string): Record<string, string> {
  return Object.fromEntries(raw.split(',').map((kv) => {
    const at = kv.indexOf('=');
    if (at < 1) throw new UsageError(`expected key=value[,key=value…], got "${raw}"`);
    return [kv.slice(0, at).trim(), kv.slice(at + 1).trim()];
  }));
}

/** `destination=CIDR,gateway=IP` (openstackclient) or `destination=…,nexthop=…`. */
function route(raw: string): Route {
  const p = pairs(raw);
  const nexthop = p.gateway ?? p.nexthop;
  if (!p.destination || !nexthop) throw new UsageError(`--route takes destination=CIDR,gateway=IP, got "${raw}"`);
  return { destination: p.destination, nexthop };
}

function pool(raw: string): { start: string; end: string } {
  const p = pairs(raw);
  if (!p.start || !p.end) throw new UsageError(`--allocation-pool takes start=IP,end=IP, got "${raw}"`);
  return { start: p.start, end: p.end };
}

/** `subnet=NAME,ip-address=IP` (either part may be left out). */
function fixedIp(raw: string): { subnet?: string; ipAddress?: string } {
  const p = pairs(raw);
  const ipAddress = p['ip-address'] ?? p.ip_address;
  return { ...(p.subnet ? { subnet: p.subnet } : {}), ...(ipAddress ? { ipAddress } : {}) };
}


/** The subnet commands. */
export const subnetCli = defineResourceCli<Subnet>({
  words: ['subnet'],
  summary: 'subnets (IPv4 and IPv6)',
  columns: [
    { header: 'ID', value: (s) => s.id },
    { header: 'Name', value: (s) => s.name },
    { header: 'Network', field: 'network_id', value: (s) => s.networkId },
    { header: 'Subnet', field: 'cidr', value: (s) => s.cidr },
    { header: 'IP Version', value: (s) => s.ipVersion, long: true },
    { header: 'Gateway', field: 'gateway_ip', value: (s) => s.gatewayIp ?? 'None', long: true },
    { header: 'Allocation Pools', value: (s) => s.allocationPools.map((p) => `${p.start}-${p.end}`).join(', '), in: 'show' },
    { header: 'DNS Nameservers', value: (s) => s.dnsNameservers.join(', '), in: 'show' },
    { header: 'Host Routes', value: (s) => s.hostRoutes.map((r) => `destination=${r.destination},gateway=${r.nexthop}`).join('; '), in: 'show' },
    { header: 'Enable DHCP', value: (s) => s.enableDhcp, in: 'show' },
    { header: 'IPv6 RA Mode', value: (s) => s.ipv6RaMode ?? '', in: 'show' },
    { header: 'IPv6 Address Mode', value: (s) => s.ipv6AddressMode ?? '', in: 'show' },
    { header: 'Description', value: (s) => s.description ?? '', in: 'show' },
    { header: 'Tags', value: (s) => s.tags.join(', '), in: 'show' },
  ],
  list: {
    async call(cloud, { filters, limit }) {
      const { network, ...rest } = filters as { network?: string; name?: string; ipVersion?: 4 | 6 };
      const networkId = network === undefined ? undefined : (await cloud.getNetwork(network)).id;
      return cloud.listSubnets({ filters: { ...rest, ...(networkId ? { networkId } : {}) }, ...(limit !== undefined ? { limit } : {}) });
    },
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only subnets with this name' },
      network: { type: 'string', value: 'NAME|ID', description: 'only the subnets of this network' },
      'ip-version': { type: 'string', value: '4|6', option: 'ipVersion', parse: 'number', choices: ['4', '6'], description: 'only IPv4 or IPv6 subnets' },
    },
  },
  show: (cloud, nameOrId) => cloud.getSubnet(nameOrId),
  create: {
    summary: 'create a subnet on a network (--network; --subnet-range, or --subnet-pool with --prefix-length)',
    flags: {
      network: { type: 'string', value: 'NAME|ID', description: 'the network', required: true },
      'subnet-range': { type: 'string', value: 'CIDR', option: 'cidr', description: 'the range (IPv6 when it has a colon)' },
      'subnet-pool': { type: 'string', value: 'NAME|ID', option: 'subnetPool', description: 'take the range from this pool' },
      'prefix-length': { type: 'string', value: 'N', option: 'prefixLength', parse: 'number', description: 'the prefix length taken from the pool' },
      gateway: { type: 'string', value: 'IP|none', option: 'gatewayIp', parse: (raw) => (raw === 'none' ? null : raw), description: 'the gateway address, or none' },
      'dns-nameserver': { type: 'string', value: 'IP', multiple: true, option: 'dnsNameservers', description: 'a DNS server (repeatable)' },
      'allocation-pool': { type: 'string', value: 'start=IP,end=IP', multiple: true, option: 'allocationPools', parse: pool, description: 'an allocation pool (repeatable)' },
      'host-route': { type: 'string', value: 'destination=CIDR,gateway=IP', multiple: true, option: 'hostRoutes', parse: route, description: 'a host route (repeatable)' },
      'ipv6-ra-mode': { type: 'string', value: 'MODE', option: 'ipv6RaMode', choices: ['slaac', 'dhcpv6-stateful', 'dhcpv6-stateless'], description: 'IPv6 router advertisements' },
      'ipv6-address-mode': { type: 'string', value: 'MODE', option: 'ipv6AddressMode', choices: ['slaac', 'dhcpv6-stateful', 'dhcpv6-stateless'], description: 'IPv6 addressing' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      tag: { type: 'string', value: 'TAG', multiple: true, option: 'tags', description: 'a tag (repeatable; standard-attr-tag)' },
    },
    call: (cloud, { name, options }) => cloud.createSubnet({ ...(options as { network: string }), name }),
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
      gateway: { type: 'string', value: 'IP|none', option: 'gatewayIp', parse: (raw) => (raw === 'none' ? null : raw), description: 'a new gateway, or none' },
      'dns-nameserver': { type: 'string', value: 'IP', multiple: true, option: 'dnsNameservers', description: 'the DNS servers (repeatable; replaces them)' },
      tag: { type: 'string', value: 'TAG', multiple: true, option: 'tags', description: 'the tags (repeatable; replaces them)' },
    },
    call: (cloud, nameOrId, changes) => cloud.updateSubnet(nameOrId, changes),
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteSubnet(nameOrId) },
  example: [
    ['network', 'create', 'app-net', '--router', 'no'],
    ['subnet', 'create', 'app-v6', '--network', 'app-net', '--subnet-range', 'fd00:1::/64', '--ipv6-ra-mode', 'slaac', '--ipv6-address-mode', 'slaac'],
  ],
});

/** The port commands. */
export const portCli = defineResourceCli<Port>({
  words: ['port'],
  summary: 'ports',
  columns: [
    { header: 'ID', value: (p) => p.id },
    { header: 'Name', value: (p) => p.name },
    { header: 'MAC Address', value: (p) => p.macAddress ?? '' },
    { header: 'Fixed IP Addresses', field: 'fixed_ips', value: (p) => p.fixedIps.map((f) => `ip_address='${f.ipAddress}', subnet_id='${f.subnetId ?? ''}'`).join('; ') },
    { header: 'Status', value: (p) => p.status ?? '' },
    { header: 'Network', field: 'network_id', value: (p) => p.networkId, long: true },
    { header: 'Device', field: 'device_id', value: (p) => p.deviceId, long: true },
    { header: 'Security Groups', value: (p) => p.securityGroupIds.join(', '), long: true },
    { header: 'Port Security Enabled', value: (p) => p.portSecurityEnabled ?? '', in: 'show' },
    { header: 'Allowed Address Pairs', value: (p) => p.allowedAddressPairs.map((a) => a.ipAddress).join(', '), in: 'show' },
    { header: 'VNIC Type', field: 'binding_vnic_type', value: (p) => p.vnicType ?? '', in: 'show' },
    { header: 'Device Owner', value: (p) => p.deviceOwner, in: 'show' },
    { header: 'Description', value: (p) => p.description ?? '', in: 'show' },
    { header: 'Tags', value: (p) => p.tags.join(', '), in: 'show' },
  ],
  list: {
    async call(cloud, { filters, limit }) {
      const { network, server, ...rest } = filters as { network?: string; server?: string; name?: string; status?: string };
      const networkId = network === undefined ? undefined : (await cloud.getNetwork(network)).id;
      const deviceId = server === undefined ? undefined : (await cloud.getServer(server)).id;
      return cloud.listPorts({ filters: { ...rest, ...(networkId ? { networkId } : {}), ...(deviceId ? { deviceId } : {}) }, ...(limit !== undefined ? { limit } : {}) });
    },
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only ports with this name' },
      network: { type: 'string', value: 'NAME|ID', description: 'only the ports on this network' },
      server: { type: 'string', value: 'NAME|ID', description: 'only the ports of this server' },
      status: { type: 'string', value: 'STATUS', description: 'only ports in this status (ACTIVE, DOWN)' },
    },
  },
  show: (cloud, nameOrId) => cloud.getPort(nameOrId),
  create: {
    summary: 'create a port on a network (--network)',
    flags: {
      network: { type: 'string', value: 'NAME|ID', description: 'the network', required: true },
      'fixed-ip': { type: 'string', value: 'subnet=NAME,ip-address=IP', multiple: true, option: 'fixedIps', parse: fixedIp, description: 'a fixed IP (repeatable)' },
      'security-group': { type: 'string', value: 'NAME|ID', multiple: true, option: 'securityGroups', description: 'a security group (repeatable)' },
      'disable-port-security': { type: 'boolean', option: 'portSecurityEnabled', description: 'no anti-spoofing and no security groups' },
      'allowed-address': { type: 'string', value: 'IP[/N]', multiple: true, option: 'allowedAddressPairs', parse: (raw) => ({ ipAddress: raw }), description: 'another address the port may use (repeatable)' },
      'vnic-type': { type: 'string', value: 'TYPE', option: 'vnicType', description: 'the binding vNIC type (normal, direct, …)' },
      'mac-address': { type: 'string', value: 'MAC', option: 'macAddress', description: 'the MAC address' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      tag: { type: 'string', value: 'TAG', multiple: true, option: 'tags', description: 'a tag (repeatable)' },
    },
    call: (cloud, { name, options }) => cloud.createPort({ ...(options as { network: string }), name, ...(options.portSecurityEnabled !== undefined ? { portSecurityEnabled: false } : {}) }),
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
      'fixed-ip': { type: 'string', value: 'subnet=NAME,ip-address=IP', multiple: true, option: 'addFixedIps', parse: fixedIp, description: 'add a fixed IP (repeatable)' },
      'security-group': { type: 'string', value: 'NAME|ID', multiple: true, option: 'addSecurityGroups', description: 'add a security group (repeatable)' },
      tag: { type: 'string', value: 'TAG', multiple: true, option: 'tags', description: 'the tags (repeatable; replaces them)' },
    },
    call: (cloud, nameOrId, changes) => cloud.updatePort(nameOrId, changes),
  },
  delete: { call: (cloud, nameOrId) => cloud.deletePort(nameOrId) },
  example: [
    ['network', 'create', 'port-net', '--router', 'no'],
    ['port', 'create', 'vip', '--network', 'port-net'],
  ],
});

function interfaceCommand(verb: 'add' | 'remove'): CommandSpec {
  return {
    summary: `${verb} a router interface: router ${verb} subnet|port ROUTER SUBNET|PORT`,
    args: 'subnet|port ROUTER TARGET',
    flags: {},
    run: (ctx, args) => {
      const [what, router, target] = positionals(args, ['subnet|port', 'ROUTER', 'TARGET'], `router ${verb}`) as [string, string, string];
      if (what !== 'subnet' && what !== 'port') throw new UsageError(`router ${verb} takes "subnet" or "port", not "${what}"`);
      const on = what === 'subnet' ? { subnet: target } : { port: target };
      return withCloud(ctx, async (cloud) => {
        if (verb === 'add') {
          const made = await cloud.addRouterInterface(router, on);
          ctx.stdout(formatRecord(ctx.options, made, { port_id: (i) => i.portId, subnet_id: (i) => i.subnetId ?? '', network_id: (i) => i.networkId }));
        } else {
          const { removed } = await cloud.removeRouterInterface(router, on);
          ctx.stdout(formatRecord(ctx.options, { removed }, { removed: (r) => r.removed }));
        }
      });
    },
  };
}

/** The router commands. */
export const routerCli = defineResourceCli<Router>({
  words: ['router'],
  summary: 'routers (gateway, interfaces, static routes)',
  columns: [
    { header: 'ID', value: (r) => r.id },
    { header: 'Name', value: (r) => r.name },
    { header: 'Status', value: (r) => r.status ?? '' },
    { header: 'State', field: 'admin_state_up', value: (r) => (r.adminStateUp ? 'UP' : 'DOWN') },
    { header: 'External Gateway', field: 'external_gateway_info', value: (r) => r.externalGateway?.networkId ?? '', long: true },
    { header: 'Routes', value: (r) => r.routes.map((x) => `destination='${x.destination}', gateway='${x.nexthop}'`).join('; '), long: true },
    { header: 'Description', value: (r) => r.description ?? '', in: 'show' },
    { header: 'Tags', value: (r) => r.tags.join(', '), in: 'show' },
  ],
  list: {
    call: (cloud, { filters, limit }) => cloud.listRouters({ filters: filters as { name?: string; status?: string }, ...(limit !== undefined ? { limit } : {}) }),
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only routers with this name' },
      status: { type: 'string', value: 'STATUS', description: 'only routers in this status' },
    },
  },
  show: (cloud, nameOrId) => cloud.getRouter(nameOrId),
  create: {
    flags: {
      'external-gateway': { type: 'string', value: 'NAME|ID', option: 'externalNetwork', description: 'its gateway on this external network' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      tag: { type: 'string', value: 'TAG', multiple: true, option: 'tags', description: 'a tag (repeatable)' },
    },
    call: (cloud, { name, options }) => cloud.createRouter({ ...options, name }),
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
      'external-gateway': { type: 'string', value: 'NAME|ID|none', option: 'externalNetwork', parse: (raw) => (raw === 'none' ? null : raw), description: 'a new gateway network, or none' },
      route: { type: 'string', value: 'destination=CIDR,gateway=IP', multiple: true, option: 'addRoutes', parse: route, description: 'add a static route (repeatable)' },
      'remove-route': { type: 'string', value: 'destination=CIDR,gateway=IP', multiple: true, option: 'removeRoutes', parse: route, description: 'remove a static route (repeatable)' },
      tag: { type: 'string', value: 'TAG', multiple: true, option: 'tags', description: 'the tags (repeatable; replaces them)' },
    },
    async call(cloud, nameOrId, changes) {
      const { addRoutes, removeRoutes, ...rest } = changes as { addRoutes?: Route[]; removeRoutes?: Route[] };
      let router = Object.keys(rest).length > 0 ? await cloud.updateRouter(nameOrId, rest) : await cloud.getRouter(nameOrId);
      if (removeRoutes?.length) router = await cloud.removeRouterRoutes(router.id, removeRoutes);
      if (addRoutes?.length) router = await cloud.addRouterRoutes(router.id, addRoutes);
      return router;
    },
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteRouter(nameOrId, { removeInterfaces: true }) },
  commands: { add: interfaceCommand('add'), remove: interfaceCommand('remove') },
  example: [['router', 'create', 'edge', '--external-gateway', 'public']],
});

