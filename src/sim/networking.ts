/**
 * Neutron's model operations, shared by the neutron API and by nova (which creates ports at boot and
 * asks for an auto-allocated topology on `networks: "auto"`).
 *
 * @example
 * const net = createNetwork(core, { name: 'n', projectId }, Date.now());
 */
import type { SimCore } from './core.js';
import { allocateIp, makeSubnet, releaseIp, type FloatingIpRecord, type NetworkRecord, type PortRecord, type RouterRecord, type SecurityGroupRecord, type SubnetRecord } from './state.js';
import { eui64 } from './ipv6.js';
import { macAddress, uuid } from './util.js';

/** A failure in neutron terms (rendered as a NeutronError). */
export interface NeutronFailure { status: number; type: string; message: string }

/**
 * Type guard for {@link NeutronFailure}.
 *
 * @example
 * if (isFailure(result)) return core.errorReply('network', result.status, result.type, result.message);
 */
export function isFailure(value: unknown): value is NeutronFailure {
  return typeof value === 'object' && value !== null && 'type' in value && 'status' in value && 'message' in value;
}

/**
 * The next integer id of a nova-network security group or rule (one sequence for both, as strings).
 *
 * @example
 * const id = novaSecurityId(core); // '3'
 */
export function novaSecurityId(core: SimCore): string {
  let max = 0;
  for (const g of core.state.securityGroups.values()) {
    max = Math.max(max, Number(g.id) || 0);
    for (const r of g.rules) max = Math.max(max, Number(r.id) || 0);
  }
  return String(max + 1);
}

/**
 * The project's default security group, created on first use as neutron does.
 *
 * @example
 * ensureDefaultSecurityGroup(core, projectId, Date.now()).name; // 'default'
 */
export function ensureDefaultSecurityGroup(core: SimCore, projectId: string, now: number): SecurityGroupRecord {
  const existing = [...core.state.securityGroups.values()].find((g) => g.projectId === projectId && g.name === 'default');
  if (existing) return existing;
  // nova-network numbers its groups and rules; its default group starts without rules
  const nova = core.facts.nova.novaNetwork;
  const id = nova ? novaSecurityId(core) : uuid(core.rng);
  const rule = (direction: string, ethertype: string) => ({
    id: uuid(core.rng), direction, ethertype, protocol: null, port_range_min: null, port_range_max: null, remote_ip_prefix: null,
    remote_group_id: direction === 'ingress' ? id : null,
  });
  const group: SecurityGroupRecord = {
    id, name: 'default', description: 'default', projectId, createdAt: now,
    rules: nova ? [] : [rule('ingress', 'IPv4'), rule('ingress', 'IPv6'), rule('egress', 'IPv4'), rule('egress', 'IPv6')],
  };
  if (!nova) group.description = 'Default security group';
  core.state.securityGroups.set(id, group);
  return group;
}

/**
 * Creates a network owned by `projectId` (tenant networks get mtu 1450, as vxlan on the lab).
 *
 * @example
 * createNetwork(core, { name: 'fx-net', projectId }, Date.now());
 */
export function createNetwork(core: SimCore, input: { name: string; projectId: string; shared?: boolean; external?: boolean; description?: string }, now: number): NetworkRecord {
  const network: NetworkRecord = {
    id: uuid(core.rng), name: input.name, projectId: input.projectId, shared: input.shared ?? false, external: input.external ?? false, isDefault: false,
    mtu: input.external ? 1500 : 1450, subnets: [], description: input.description ?? '', createdAt: now, updatedAt: now, revision: 1,
  };
  core.state.networks.set(network.id, network);
  return network;
}

/**
 * Creates a subnet from a CIDR or from a subnet pool.
 *
 * @example
 * createSubnet(core, { networkId, projectId, name: 's', cidr: '192.168.77.0/24' }, Date.now());
 */
export function createSubnet(core: SimCore, input: { networkId: string; projectId: string; name: string; cidr?: string; subnetpoolId?: string; gatewayIp?: string | null; prefixlen?: number }, now: number): SubnetRecord | NeutronFailure {
  const network = core.state.networks.get(input.networkId);
  if (!network) return { status: 404, type: 'NetworkNotFound', message: `Network ${input.networkId} could not be found.` };
  let cidr = input.cidr;
  if (!cidr && input.subnetpoolId) {
    const pool = core.state.subnetPools.get(input.subnetpoolId);
    if (!pool) return { status: 404, type: 'SubnetPoolNotFound', message: `Subnet pool ${input.subnetpoolId} could not be found.` };
    const base = (pool.prefixes[0] ?? '10.100.0.0/16').split('/')[0]?.split('.') ?? ['10', '100', '0', '0'];
    const prefixlen = input.prefixlen ?? pool.defaultPrefixlen;
    if (prefixlen < 16 || prefixlen > 28) return { status: 400, type: 'BadRequest', message: `Bad subnets request: Illegal prefix bounds: prefixlen=${prefixlen}, min_prefixlen=8, max_prefixlen=32.` };
    cidr = `${base[0]}.${base[1]}.${pool.next}.0/${prefixlen}`;
    pool.next++;
  }
  if (!cidr) return { status: 400, type: 'BadRequest', message: 'Bad subnets request: a cidr must be provided in the absence of a subnet pool.' };
  const subnet = makeSubnet(core.rng, { name: input.name, projectId: input.projectId, networkId: network.id, cidr, now, subnetpoolId: input.subnetpoolId ?? null, gatewayIp: input.gatewayIp });
  core.state.subnets.set(subnet.id, subnet);
  network.subnets.push(subnet.id);
  network.updatedAt = now;
  network.revision++;
  return subnet;
}

/**
 * Creates a port with an address on the network's first subnet (or the given fixed IPs).
 *
 * @example
 * createPort(core, { networkId, projectId, deviceId: serverId, deviceOwner: 'compute:nova' }, Date.now());
 */
export function createPort(core: SimCore, input: { networkId: string; projectId: string; deviceId?: string; deviceOwner?: string; name?: string; subnetId?: string; securityGroups?: string[] }, now: number): PortRecord | NeutronFailure {
  const network = core.state.networks.get(input.networkId);
  if (!network) return { status: 404, type: 'NetworkNotFound', message: `Network ${input.networkId} could not be found.` };
  const subnet = core.state.subnets.get(input.subnetId ?? network.subnets[0] ?? '');
  const fixedIps: PortRecord['fixedIps'] = [];
  const mac = macAddress(core.rng);
  if (subnet) {
    const slaac = subnet.ipv6AddressMode === 'slaac' || subnet.ipv6AddressMode === 'dhcpv6-stateless';
    const router = input.deviceOwner === 'network:router_interface' && subnet.gatewayIp && !subnet.used.includes(subnet.gatewayIp);
    const ip = router ? subnet.gatewayIp ?? undefined : slaac ? eui64(subnet.cidr, mac) : allocateIp(subnet);
    if (!ip) return { status: 409, type: 'IpAddressGenerationFailure', message: `No more IP addresses available on network ${network.id}.` };
    if (ip === subnet.gatewayIp) subnet.used.push(ip);
    fixedIps.push({ subnet_id: subnet.id, ip_address: ip });
  }
  const owner = input.deviceOwner ?? '';
  const port: PortRecord = {
    id: uuid(core.rng), name: input.name ?? '', projectId: input.projectId, networkId: network.id, mac, deviceId: input.deviceId ?? '',
    deviceOwner: owner, fixedIps, securityGroups: owner.startsWith('network:') ? [] : input.securityGroups ?? [ensureDefaultSecurityGroup(core, input.projectId, now).id],
    createdAt: now, updatedAt: now, revision: 1,
  };
  core.state.ports.set(port.id, port);
  return port;
}

/**
 * Deletes a port: frees its addresses and disassociates floating IPs on it.
 *
 * @example
 * deletePort(core, portId, Date.now());
 */
export function deletePort(core: SimCore, portId: string, now: number): void {
  const port = core.state.ports.get(portId);
  if (!port) return;
  for (const fixed of port.fixedIps) releaseIp(core.state.subnets.get(fixed.subnet_id), fixed.ip_address);
  for (const fip of core.state.floatingIps.values()) if (fip.portId === portId) setFloatingIpPort(core, fip, null, now);
  core.state.ports.delete(portId);
}

/**
 * Associates (or, with null, disassociates) a floating IP. Nova sees the change only after
 * `addressDelayMs`, like the real cloud's batched network-changed events.
 *
 * @example
 * setFloatingIpPort(core, fip, port.id, Date.now());
 */
export function setFloatingIpPort(core: SimCore, fip: FloatingIpRecord, portId: string | null, now: number, fixedIp?: string): NeutronFailure | undefined {
  if (portId) {
    const port = core.state.ports.get(portId);
    if (!port) return { status: 404, type: 'PortNotFound', message: `Port ${portId} could not be found.` };
    const fixed = port.fixedIps.find((f) => !fixedIp || f.ip_address === fixedIp);
    const router = fixed ? routerFor(core, fixed.subnet_id, fip.networkId) : undefined;
    if (!fixed || !router) {
      return {
        status: 404, type: 'ExternalGatewayForFloatingIPNotFound',
        message: `External network ${fip.networkId} is not reachable from subnet ${fixed?.subnet_id ?? ''}.  Therefore, cannot associate Port ${portId} with a Floating IP.`,
      };
    }
    fip.fixedIp = fixed.ip_address;
    fip.routerId = router.id;
  } else {
    fip.fixedIp = null;
    fip.routerId = null;
  }
  const neutron = core.facts.neutron;
  fip.previousPortId = visiblePortOf(core, fip, now);
  fip.portId = portId;
  fip.changedAt = now;
  fip.jitterMs = core.drawAddressJitterMs();
  fip.activeAt = portId && neutron?.floatingIpBecomesActive ? now + core.addressDelayMs + fip.jitterMs : null;
  fip.updatedAt = now;
  fip.revision++;
  return undefined;
}

/** The port nova currently shows the floating IP on (lagging behind neutron by `addressDelayMs` plus the change's jitter). */
export function visiblePortOf(core: SimCore, fip: FloatingIpRecord, now: number): string | null {
  return now - fip.changedAt >= core.addressDelayMs + (fip.jitterMs ?? 0) ? (fip.deleted ? null : fip.portId) : fip.previousPortId;
}

/**
 * A floating IP's status: DOWN when unbound; ACTIVE a moment after association on clouds with an
 * L3 agent; always DOWN on the Zed lab profile.
 *
 * @example
 * floatingIpStatus(fip, Date.now()); // 'DOWN'
 */
export function floatingIpStatus(fip: FloatingIpRecord, now: number): string {
  return fip.portId && fip.activeAt !== null && now >= fip.activeAt ? 'ACTIVE' : 'DOWN';
}

/** The router that connects `subnetId` to the external network `externalNetworkId`, if any. */
export function routerFor(core: SimCore, subnetId: string, externalNetworkId: string): RouterRecord | undefined {
  return [...core.state.routers.values()].find((r) => r.gatewayNetworkId === externalNetworkId && r.interfaces.some((i) => i.subnetId === subnetId));
}

/**
 * Creates a router, with a gateway port address on the external network when asked.
 *
 * @example
 * createRouter(core, { name: 'r', projectId, gatewayNetworkId: publicId }, Date.now());
 */
export function createRouter(core: SimCore, input: { name: string; projectId: string; gatewayNetworkId?: string | null }, now: number): RouterRecord | NeutronFailure {
  const router: RouterRecord = { id: uuid(core.rng), name: input.name, projectId: input.projectId, gatewayNetworkId: null, gatewayIp: null, gatewaySubnetId: null, interfaces: [], createdAt: now, updatedAt: now, revision: 1 };
  if (input.gatewayNetworkId) {
    const failure = setRouterGateway(core, router, input.gatewayNetworkId);
    if (failure) return failure;
  }
  core.state.routers.set(router.id, router);
  return router;
}

/** Sets or clears a router's external gateway. */
export function setRouterGateway(core: SimCore, router: RouterRecord, networkId: string | null): NeutronFailure | undefined {
  if (router.gatewayIp) releaseIp(core.state.subnets.get(router.gatewaySubnetId ?? ''), router.gatewayIp);
  router.gatewayNetworkId = router.gatewayIp = router.gatewaySubnetId = null;
  if (!networkId) return undefined;
  const network = core.state.networks.get(networkId);
  if (!network) return { status: 404, type: 'NetworkNotFound', message: `Network ${networkId} could not be found.` };
  if (!network.external) return { status: 400, type: 'BadRequest', message: `Bad router request: Network ${networkId} is not an external network.` };
  const subnet = core.state.subnets.get(network.subnets[0] ?? '');
  const ip = subnet ? allocateIp(subnet) : undefined;
  router.gatewayNetworkId = networkId;
  router.gatewayIp = ip ?? null;
  router.gatewaySubnetId = subnet?.id ?? null;
  router.revision++;
  return undefined;
}

/**
 * Attaches a subnet to a router through a port holding the subnet's gateway address.
 *
 * @example
 * addRouterInterface(core, router, subnetId, Date.now());
 */
export function addRouterInterface(core: SimCore, router: RouterRecord, subnetId: string, now: number): PortRecord | NeutronFailure {
  const subnet = core.state.subnets.get(subnetId);
  if (!subnet) return { status: 404, type: 'SubnetNotFound', message: `Subnet ${subnetId} could not be found.` };
  if (router.interfaces.some((i) => i.subnetId === subnetId)) {
    return { status: 400, type: 'BadRequest', message: `Bad router request: Router already has a port on subnet ${subnetId}.` };
  }
  const port = createPort(core, { networkId: subnet.networkId, projectId: router.projectId, deviceId: router.id, deviceOwner: 'network:router_interface', subnetId }, now);
  if (isFailure(port)) return port;
  router.interfaces.push({ portId: port.id, subnetId });
  router.updatedAt = now;
  router.revision++;
  return port;
}

/** The networks nova may pick for a project: its own and shared ones, never external ones. */
export function novaVisibleNetworks(core: SimCore, projectId: string): NetworkRecord[] {
  return [...core.state.networks.values()].filter((n) => !n.external && (n.projectId === projectId || n.shared));
}

/** The default external network auto-allocation would use. */
export function defaultExternalNetwork(core: SimCore): NetworkRecord | undefined {
  return [...core.state.networks.values()].find((n) => n.external && n.isDefault);
}

/**
 * Neutron's get-me-a-network: network, subnet from the default pool, router to the default external
 * network. Returns the existing topology when the project already has one.
 *
 * @example
 * const topology = autoAllocate(core, projectId, Date.now());
 */
export function autoAllocate(core: SimCore, projectId: string, now: number): { networkId: string } | NeutronFailure {
  const existing = core.state.autoTopologies.get(projectId);
  if (existing && core.state.networks.has(existing.networkId)) return { networkId: existing.networkId };
  const external = defaultExternalNetwork(core);
  if (!external) return { status: 409, type: 'AutoAllocationFailure', message: 'Deployment error: No default router:external network.' };
  const pool = [...core.state.subnetPools.values()].find((p) => p.isDefault);
  if (!pool) return { status: 409, type: 'AutoAllocationFailure', message: 'Deployment error: No default subnetpools defined.' };
  const network = createNetwork(core, { name: 'auto_allocated_network', projectId }, now);
  const subnet = createSubnet(core, { networkId: network.id, projectId, name: 'auto_allocated_subnet_v4', subnetpoolId: pool.id }, now);
  if (isFailure(subnet)) return subnet;
  const router = createRouter(core, { name: 'auto_allocated_router', projectId, gatewayNetworkId: external.id }, now);
  if (isFailure(router)) return router;
  const iface = addRouterInterface(core, router, subnet.id, now);
  if (isFailure(iface)) return iface;
  core.state.autoTopologies.set(projectId, { networkId: network.id, subnetId: subnet.id, routerId: router.id });
  return { networkId: network.id };
}

/**
 * Removes a project's auto-allocated topology (router, subnet, network).
 *
 * @example
 * removeAutoTopology(core, projectId, Date.now());
 */
export function removeAutoTopology(core: SimCore, projectId: string, now: number): NeutronFailure | undefined {
  const topology = core.state.autoTopologies.get(projectId);
  if (!topology) return { status: 404, type: 'NotFound', message: `Auto-allocated topology for project ${projectId} could not be found.` };
  const router = core.state.routers.get(topology.routerId);
  if (router) {
    for (const iface of router.interfaces) deletePort(core, iface.portId, now);
    setRouterGateway(core, router, null);
    core.state.routers.delete(router.id);
  }
  const inUse = [...core.state.ports.values()].filter((p) => p.networkId === topology.networkId);
  if (inUse.length > 0) {
    return { status: 409, type: 'NetworkInUse', message: `Unable to complete operation on network ${topology.networkId}. There are one or more ports still in use on the network, id for these ports is: ${inUse.map((p) => p.id).join(', ')}.` };
  }
  core.state.subnets.delete(topology.subnetId);
  core.state.networks.delete(topology.networkId);
  core.state.autoTopologies.delete(projectId);
  return undefined;
}
