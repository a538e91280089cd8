/**
 * The Cloud's network calls: networks (neutron), security groups (neutron or nova-network), and a network
 * servers can boot on (floating IPs: floating-ip-methods.ts).
 */
import { getMeANetwork, type MeANetwork } from '../get-me-a-network.js';
import * as networks from '../networks.js';
import * as securityGroups from '../security-groups.js';
import type { ReadOptions } from './compute-methods.js';
import { networkKind, type NetworkDetails, type NetworkFilters } from '../../resources/network/network.js';
import type { ListOptions } from '../../verbs/list-resources.js';
import { findNeutron, getNeutron, listNeutron } from '../network-primitives/neutron-verbs.js';
import { BlockStorageMethods } from './block-storage-methods.js';

/**
 * Network calls of the {@link Cloud}.
 *
 * @example
 * const net = await cloud.createNetwork({ name: 'app-net', cidr: '10.20.0.0/24' });
 */
export class NetworkMethods extends BlockStorageMethods {
  /**
   * Neutron networks the project can see (filters: `name`, `shared`, `external`, `status`, `tags`; `name` may
   * also be given at the top level).
   *
   * @example
   * for await (const n of cloud.listNetworks({ filters: { external: true } })) console.log(n.name, n.mtu);
   */
  listNetworks(options: ListOptions<NetworkFilters> & { name?: string } = {}): AsyncIterable<NetworkDetails> {
    const { name, ...rest } = options;
    return listNeutron(this, networkKind, name === undefined ? rest : { ...rest, filters: { ...rest.filters, name } });
  }

  /**
   * A network by name or id, or `undefined`.
   *
   * @example
   * await cloud.findNetwork('app-net')
   */
  findNetwork(nameOrId: string, options: ReadOptions = {}): Promise<NetworkDetails | undefined> {
    return findNeutron(this, networkKind, nameOrId, options);
  }

  /**
   * A network by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getNetwork('app-net')
   */
  getNetwork(nameOrId: string, options: ReadOptions = {}): Promise<NetworkDetails> {
    return getNeutron(this, networkKind, nameOrId, options);
  }

  /**
   * Network + subnet + router to the external network, ready for servers with floating IPs.
   *
   * @example
   * await cloud.createNetwork({ name: 'app-net', cidr: '10.20.0.0/24' })
   */
  createNetwork(options: networks.CreateNetworkOptions): Promise<networks.CreatedNetwork> {
    return networks.createNetwork(this, options);
  }

  /**
   * Deletes a network with its subnets and the router made with it; `{ deleted: false }` when there is none.
   *
   * @example
   * await cloud.deleteNetwork('app-net')
   */
  deleteNetwork(nameOrId: string, options: ReadOptions = {}): Promise<networks.DeletedNetwork | { deleted: false }> {
    return networks.deleteNetwork(this, nameOrId, options);
  }

  /**
   * A network servers can boot on, found or made (see `getMeANetwork` for the order).
   *
   * @example
   * const { id, name, path } = await cloud.getMeANetwork();
   */
  getMeANetwork(options: ReadOptions = {}): Promise<MeANetwork> {
    return getMeANetwork(this, options);
  }

  /**
   * Security groups (neutron, or nova-network's on old clouds).
   *
   * @example
   * for await (const g of cloud.listSecurityGroups()) console.log(g.name, g.rules.length);
   */
  listSecurityGroups(options: { name?: string; signal?: AbortSignal } = {}): AsyncIterable<securityGroups.SecurityGroup> {
    return securityGroups.listSecurityGroups(this, options);
  }

  /**
   * A security group by name or id, or `undefined`.
   *
   * @example
   * await cloud.findSecurityGroup('web')
   */
  findSecurityGroup(nameOrId: string, options: ReadOptions = {}): Promise<securityGroups.SecurityGroup | undefined> {
    return securityGroups.findSecurityGroup(this, nameOrId, options);
  }

  /**
   * A security group by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getSecurityGroup('web')
   */
  getSecurityGroup(nameOrId: string, options: ReadOptions = {}): Promise<securityGroups.SecurityGroup> {
    return securityGroups.getSecurityGroup(this, nameOrId, options);
  }

  /**
   * Creates a security group.
   *
   * @example
   * await cloud.createSecurityGroup({ name: 'web', description: 'http and ssh' })
   */
  createSecurityGroup(options: securityGroups.CreateSecurityGroupOptions): Promise<securityGroups.SecurityGroup> {
    return securityGroups.createSecurityGroup(this, options);
  }

  /**
   * Deletes a security group; false when it was already gone. The project's `default` group is refused
   * (`InvalidInputError`) before anything is sent.
   *
   * @example
   * await cloud.deleteSecurityGroup('web')
   */
  deleteSecurityGroup(group: string | { id: string }, options: ReadOptions = {}): Promise<boolean> {
    return securityGroups.deleteSecurityGroup(this, group, options);
  }

  /**
   * Adds a rule to a security group.
   *
   * @example
   * await cloud.createSecurityGroupRule({ securityGroup: 'web', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22 })
   */
  createSecurityGroupRule(options: securityGroups.CreateSecurityGroupRuleOptions): Promise<securityGroups.SecurityGroupRule> {
    return securityGroups.createSecurityGroupRule(this, options);
  }

  /**
   * Deletes a security group rule; false when it was already gone.
   *
   * @example
   * await cloud.deleteSecurityGroupRule(ruleId)
   */
  deleteSecurityGroupRule(ruleId: string, options: ReadOptions = {}): Promise<boolean> {
    return securityGroups.deleteSecurityGroupRule(this, ruleId, options);
  }
}
