/**
 * Neutron ports.
 *
 * @example
 * return portRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { createPort, deletePort, isFailure } from '../networking.js';
import { allocateIp, type PortRecord, releaseIp } from '../state.js';
import { eui64 } from '../ipv6.js';
import { inCidr } from './cidr.js';
import { bodyOf, fail, listReply, type NetReq, notFound, visibleNetwork } from './shared.js';
import { portView } from './views.js';

export function portRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, now, rest, method } = req;
  let p: Record<string, string> | undefined;
  // ports
  if (rest === '/ports' && method === 'GET') {
    const mine = [...state.ports.values()].filter((port) => port.projectId === projectId && fixedIpsMatch(port, ctx.query.getAll('fixed_ips')));
    return listReply(ctx, 'ports', mine.map((port) => portView(core, port, now)));
  }
  if (rest === '/ports' && method === 'POST') {
    const spec = bodyOf(ctx, 'port');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad port request: Resource body required.');
    const network = state.networks.get(String(spec.network_id ?? ''));
    if (!visibleNetwork(req, network) || !network) return notFound(core, 'NetworkNotFound', `Network ${String(spec.network_id)} could not be found.`);
    const port = createPort(core, { networkId: network.id, projectId, name: String(spec.name ?? ''), deviceId: String(spec.device_id ?? ''), deviceOwner: String(spec.device_owner ?? '') }, now);
    if (isFailure(port)) return fail(core, port);
    const problem = applyPortAttributes(req, port, spec);
    if (problem) {
      deletePort(core, port.id, now);
      return problem;
    }
    return { status: 201, body: { port: portView(core, port, now) } };
  }
  if ((p = match('/ports/:id', rest))) {
    const port = state.ports.get(p.id ?? '');
    if (!port || port.projectId !== projectId) return notFound(core, 'PortNotFound', `Port ${p.id} could not be found.`);
    if (method === 'GET') return { status: 200, body: { port: portView(core, port, now) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'port') ?? {};
      const before = structuredClone(port);
      if (typeof spec.name === 'string') port.name = spec.name;
      const problem = applyPortAttributes(req, port, spec);
      if (problem) {
        // all or nothing: addresses taken by the failed update go back, the old ones are held again
        for (const fixed of port.fixedIps) releaseIp(state.subnets.get(fixed.subnet_id), fixed.ip_address);
        for (const fixed of before.fixedIps) if (!state.subnets.get(fixed.subnet_id)?.used.includes(fixed.ip_address)) state.subnets.get(fixed.subnet_id)?.used.push(fixed.ip_address);
        Object.assign(port, before);
        return problem;
      }
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
  return undefined;
}

/**
 * Applies the port attributes neutron honours on create and update: MAC address (unique on the
 * network), fixed IPs (addresses or subnets, replacing the automatic one), admin state, security
 * groups (an empty list means none), description.
 */
function applyPortAttributes(req: NetReq, port: PortRecord, spec: Record<string, unknown>): Reply | undefined {
  const { core, state } = req;
  if (typeof spec.mac_address === 'string' && spec.mac_address !== port.mac) {
    const mac = spec.mac_address.toLowerCase();
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) return core.errorReply('network', 400, 'InvalidInput', `Invalid input for mac_address. Reason: '${spec.mac_address}' is not a valid MAC address.`);
    if ([...state.ports.values()].some((other) => other.networkId === port.networkId && other.mac === mac)) {
      return core.errorReply('network', 409, 'MacAddressInUse', `Unable to complete operation for network ${port.networkId}. The mac address ${mac} is in use.`);
    }
    port.mac = mac;
    // SLAAC addresses follow the MAC
    port.fixedIps = port.fixedIps.map((f) => {
      const subnet = state.subnets.get(f.subnet_id);
      const slaac = subnet && (subnet.ipv6AddressMode === 'slaac' || subnet.ipv6AddressMode === 'dhcpv6-stateless');
      return slaac ? { subnet_id: f.subnet_id, ip_address: eui64(subnet.cidr, mac) } : f;
    });
  }
  if (Array.isArray(spec.fixed_ips)) {
    const wanted = spec.fixed_ips as Array<{ subnet_id?: unknown; ip_address?: unknown }>;
    const previous = port.fixedIps;
    for (const fixed of previous) releaseIp(state.subnets.get(fixed.subnet_id), fixed.ip_address);
    const next: PortRecord['fixedIps'] = [];
    const undo = () => {
      for (const fixed of next) releaseIp(state.subnets.get(fixed.subnet_id), fixed.ip_address);
      for (const fixed of previous) state.subnets.get(fixed.subnet_id)?.used.push(fixed.ip_address);
    };
    for (const entry of wanted) {
      const address = typeof entry.ip_address === 'string' ? entry.ip_address : undefined;
      const network = state.networks.get(port.networkId);
      const subnet = typeof entry.subnet_id === 'string'
        ? state.subnets.get(entry.subnet_id)
        : network?.subnets.map((id) => state.subnets.get(id)).find((s) => s && address !== undefined && inCidr(address, s.cidr));
      if (!subnet || subnet.networkId !== port.networkId) {
        undo();
        return core.errorReply('network', 400, 'InvalidInput', `Invalid input for operation: IP address ${String(address ?? entry.subnet_id)} is not a valid IP for the specified subnet.`);
      }
      if (address !== undefined) {
        if (!inCidr(address, subnet.cidr)) {
          undo();
          return core.errorReply('network', 400, 'InvalidInput', `Invalid input for operation: IP address ${address} is not a valid IP for the specified subnet.`);
        }
        if (subnet.used.includes(address)) {
          undo();
          return core.errorReply('network', 409, 'IpAddressAlreadyAllocated', `IP address ${address} already allocated in subnet ${subnet.id}`);
        }
        subnet.used.push(address);
        next.push({ subnet_id: subnet.id, ip_address: address });
      } else {
        // a port keeps its address on a subnet it asks for again
        const kept = previous.find((f) => f.subnet_id === subnet.id && !next.some((n) => n.ip_address === f.ip_address));
        if (kept) {
          subnet.used.push(kept.ip_address);
          next.push(kept);
          continue;
        }
        const slaac = subnet.ipv6AddressMode === 'slaac' || subnet.ipv6AddressMode === 'dhcpv6-stateless';
        const ip = slaac ? eui64(subnet.cidr, port.mac) : allocateIp(subnet);
        if (!ip) {
          undo();
          return core.errorReply('network', 409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${port.networkId}.`);
        }
        next.push({ subnet_id: subnet.id, ip_address: ip });
      }
    }
    port.fixedIps = next;
  }
  if (typeof spec.admin_state_up === 'boolean') port.adminStateUp = spec.admin_state_up;
  if (typeof spec.description === 'string') port.description = spec.description;
  if (Array.isArray(spec.security_groups)) {
    const ids = spec.security_groups.map(String);
    const unknown = ids.find((id) => state.securityGroups.get(id)?.projectId !== req.projectId);
    if (unknown) return notFound(core, 'SecurityGroupNotFound', `Security group ${unknown} does not exist`);
    port.securityGroups = ids;
  }
  return portSecurityProblem(req, port, spec);
}

const VNIC_TYPES = ['normal', 'direct', 'macvtap', 'baremetal', 'direct-physical', 'virtio-forwarder', 'smart-nic', 'remote-managed', 'vdpa'];

/**
 * Port security, allowed address pairs and the binding, as neutron's ML2 checks them: security groups and
 * address pairs need port security on; `binding:profile` is for admins (default policy); the vNIC type must be
 * one neutron knows. On a create with port security off and no groups asked for, the port gets none.
 */
function portSecurityProblem(req: NetReq, port: PortRecord, spec: Record<string, unknown>): Reply | undefined {
  const { core } = req;
  if ('binding:profile' in spec) return core.errorReply('network', 403, 'PolicyNotAuthorized', `(rule:${req.method === 'POST' ? 'create' : 'update'}_port and rule:${req.method === 'POST' ? 'create' : 'update'}_port:binding:profile) is disallowed by policy`);
  const vnic = spec['binding:vnic_type'];
  if (vnic !== undefined) {
    if (typeof vnic !== 'string' || !VNIC_TYPES.includes(vnic)) return core.errorReply('network', 400, 'HTTPBadRequest', `Invalid input for binding:vnic_type. Reason: ${String(vnic)} is not in valid_values.`);
    port.vnicType = vnic;
  }
  if (typeof spec.port_security_enabled === 'boolean') {
    port.portSecurityEnabled = spec.port_security_enabled;
    if (!spec.port_security_enabled && req.method === 'POST' && !Array.isArray(spec.security_groups)) port.securityGroups = [];
  }
  if (Array.isArray(spec.allowed_address_pairs)) {
    port.allowedAddressPairs = (spec.allowed_address_pairs as Array<{ ip_address?: unknown; mac_address?: unknown }>).map((pair) => ({ ip_address: String(pair.ip_address), mac_address: typeof pair.mac_address === 'string' ? pair.mac_address : port.mac }));
  }
  if (port.portSecurityEnabled === false) {
    if (port.securityGroups.length > 0) return core.errorReply('network', 409, 'PortSecurityAndIPRequiredForSecurityGroups', 'Port security must be enabled and port must have an IP address in order to use security groups.');
    if ((port.allowedAddressPairs ?? []).length > 0) return core.errorReply('network', 409, 'AddressPairAndPortSecurityRequired', 'Port Security must be enabled in order to have allowed address pairs on a port.');
  }
  return undefined;
}

/** Neutron's `fixed_ips=ip_address=X`, `fixed_ips=ip_address_substr=X` and `fixed_ips=subnet_id=Y` filters (all must match). */
function fixedIpsMatch(port: PortRecord, filters: string[]): boolean {
  return filters.every((filter) => {
    const [key = '', value = ''] = filter.split('=', 2);
    return port.fixedIps.some((f) => (key === 'ip_address' ? f.ip_address === value : key === 'ip_address_substr' ? f.ip_address.includes(value) : key === 'subnet_id' ? f.subnet_id === value : false));
  });
}
