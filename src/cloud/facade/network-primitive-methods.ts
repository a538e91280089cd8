/**
 * Neutron primitives of the {@link Cloud}: network updates, subnets and ports (routers are in
 * `router-methods.ts`, the class this one extends).
 */
import type { NetworkDetails } from '../../resources/network/network.js';
import { networkKind } from '../../resources/network/network.js';
import { portKind, type Port, type PortFilters } from '../../resources/network/port.js';
import { subnetKind, type Subnet, type SubnetFilters } from '../../resources/network/subnet.js';
import type { DeleteResult } from '../../verbs/change-resources.js';
import type { ListOptions } from '../../verbs/list-resources.js';
import { deleteNeutron, findNeutron, getNeutron, listNeutron, updateNeutron } from '../network-primitives/neutron-verbs.js';
import * as ports from '../network-primitives/ports.js';
import * as subnets from '../network-primitives/subnets.js';
import { NETWORK_NEEDS, type UpdateNetworkChanges } from '../network-primitives/network-update.js';
import type { ReadOptions } from './compute-methods.js';
import { RouterMethods } from './router-methods.js';
import type { SecurityGroup, SecurityGroupRule } from '../../services/network/security-groups.js';
import * as groups from '../network-primitives/security-group-changes.js';

/**
 * Neutron primitives of the {@link Cloud}: subnets, ports and network updates.
 *
 * @example
 * const subnet = await cloud.createSubnet({ network: 'app-net', cidr: '10.0.0.0/24' });
 */
export class NetworkPrimitiveMethods extends RouterMethods {
  /**
   * Changes a network: name, description, admin state, shared, MTU (`net-mtu-writable`), port security, tags.
   *
   * @example
   * await cloud.updateNetwork('app-net', { description: 'front end', mtu: 1400 });
   */
  updateNetwork(nameOrId: string, changes: UpdateNetworkChanges, options: ReadOptions = {}): Promise<NetworkDetails> {
    const { tags, ...rest } = changes;
    return updateNeutron(this, networkKind, nameOrId, { feature: 'networks', needs: NETWORK_NEEDS, options: changes, tags, signal: options.signal }, async () => rest);
  }

  /**
   * Subnets the project can see (filters: `name`, `networkId`, `ipVersion`, `cidr`, `tags`).
   *
   * @example
   * for await (const s of cloud.listSubnets({ filters: { ipVersion: 6 } })) console.log(s.name, s.cidr);
   */
  listSubnets(options: ListOptions<SubnetFilters> = {}): AsyncIterable<Subnet> {
    return listNeutron(this, subnetKind, options);
  }

  /**
   * A subnet by name or id, or `undefined`.
   *
   * @example
   * await cloud.findSubnet('app-subnet')
   */
  findSubnet(nameOrId: string, options: ReadOptions = {}): Promise<Subnet | undefined> {
    return findNeutron(this, subnetKind, nameOrId, options);
  }

  /**
   * A subnet by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getSubnet('app-subnet')
   */
  getSubnet(nameOrId: string, options: ReadOptions = {}): Promise<Subnet> {
    return getNeutron(this, subnetKind, nameOrId, options);
  }

  /**
   * Creates a subnet: IPv4 or IPv6 (SLAAC, DHCPv6), from a range or a subnet pool, with or without a gateway.
   *
   * @example
   * await cloud.createSubnet({ network: 'app-net', name: 'v6', cidr: 'fd00:1::/64', ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac' });
   */
  createSubnet(options: subnets.CreateSubnetOptions): Promise<Subnet> {
    return subnets.createSubnet(this, options);
  }

  /**
   * Changes a subnet: name, gateway (`null` for none), pools, DNS servers, host routes, DHCP, tags.
   *
   * @example
   * await cloud.updateSubnet('app-subnet', { dnsNameservers: ['192.0.2.53'] });
   */
  updateSubnet(nameOrId: string, changes: subnets.UpdateSubnetChanges, options: ReadOptions = {}): Promise<Subnet> {
    return subnets.updateSubnet(this, nameOrId, changes, options);
  }

  /**
   * Deletes a subnet; `{ deleted: false }` when there was none.
   *
   * @example
   * await cloud.deleteSubnet('app-subnet');
   */
  deleteSubnet(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteNeutron(this, subnetKind, nameOrId, options);
  }

  /**
   * The project's ports (filters: `name`, `networkId`, `deviceId`, `deviceOwner`, `status`, `macAddress`, `tags`).
   *
   * @example
   * for await (const p of cloud.listPorts({ filters: { networkId } })) console.log(p.name, p.fixedIps);
   */
  listPorts(options: ListOptions<PortFilters> = {}): AsyncIterable<Port> {
    return listNeutron(this, portKind, options);
  }

  /**
   * A port by name or id, or `undefined`.
   *
   * @example
   * await cloud.findPort('vip')
   */
  findPort(nameOrId: string, options: ReadOptions = {}): Promise<Port | undefined> {
    return findNeutron(this, portKind, nameOrId, options);
  }

  /**
   * A port by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getPort('vip')
   */
  getPort(nameOrId: string, options: ReadOptions = {}): Promise<Port> {
    return getNeutron(this, portKind, nameOrId, options);
  }

  /**
   * Creates a port: fixed IPs, security groups, port security, allowed address pairs, vNIC type, tags. Pass it
   * to `createServer({ ports: [id] })` to boot on it.
   *
   * @example
   * await cloud.createPort({ network: 'app-net', name: 'vip', fixedIps: [{ ipAddress: '10.0.0.10' }] });
   */
  createPort(options: ports.CreatePortOptions): Promise<Port> {
    return ports.createPort(this, options);
  }

  /**
   * Changes a port; fixed IPs and security groups can be replaced, added to or removed from.
   *
   * @example
   * await cloud.updatePort('vip', { addSecurityGroups: ['web'], removeFixedIps: [{ ipAddress: '10.0.0.10' }] });
   */
  updatePort(nameOrId: string, changes: ports.UpdatePortChanges, options: ReadOptions = {}): Promise<Port> {
    return ports.updatePort(this, nameOrId, changes, options);
  }

  /**
   * Deletes a port; `{ deleted: false }` when there was none.
   *
   * @example
   * await cloud.deletePort('vip');
   */
  deletePort(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteNeutron(this, portKind, nameOrId, options);
  }

  /**
   * The ports a server (name or id) uses.
   *
   * @example
   * for await (const p of cloud.listServerPorts('web-1')) console.log(p.macAddress, p.fixedIps);
   */
  listServerPorts(server: string, options: ReadOptions = {}): AsyncIterable<Port> {
    return ports.listServerPorts(this, server, options);
  }

  /**
   * Renames a security group, changes its description or (neutron with `stateful-security-group`) its
   * `stateful` flag; nova-network groups on the oldest clouds too.
   *
   * @example
   * await cloud.updateSecurityGroup('web', { description: 'http and https in' });
   */
  updateSecurityGroup(nameOrId: string, changes: groups.SecurityGroupChanges, options: ReadOptions = {}): Promise<SecurityGroup> {
    return groups.updateSecurityGroup(this, nameOrId, changes, options);
  }

  /**
   * Security group rules: one group's (`securityGroup`), or every rule of the project's groups.
   *
   * @example
   * for await (const r of cloud.listSecurityGroupRules({ securityGroup: 'web', direction: 'ingress' })) console.log(r.protocol, r.portRangeMin);
   */
  listSecurityGroupRules(options: groups.ListSecurityGroupRulesOptions = {}): AsyncIterable<SecurityGroupRule> {
    return groups.listSecurityGroupRules(this, options);
  }
}
