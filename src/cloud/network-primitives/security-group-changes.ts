/**
 * Security group changes beyond create and delete: renaming (neutron or nova-network), the `stateful` flag
 * where neutron has it, and the rules of one group (or all) listed as rules.
 */
import { z } from 'zod';
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../../services/compute/parse-body.js';
import { neutronGroup, neutronRule, novaGroup, rawNeutronGroupSchema, rawNeutronRuleSchema, rawNovaGroupSchema, type SecurityGroup, type SecurityGroupRule } from '../../services/network/security-groups.js';
import type { CloudScope } from '../cloud-context.js';
import { getSecurityGroup, listSecurityGroups } from '../security-groups.js';
import { requireExtensions } from './neutron-gates.js';

/** Changes of `updateSecurityGroup`. */
export interface SecurityGroupChanges {
  name?: string;
  description?: string;
  /** Connection tracking on or off (needs `stateful-security-group`; neutron refuses it while ports use the group). */
  stateful?: boolean;
}

/** Options of `listSecurityGroupRules`. */
export interface ListSecurityGroupRulesOptions {
  /** Only this group's rules (name or id). */
  securityGroup?: string;
  direction?: 'ingress' | 'egress';
  signal?: AbortSignal;
}

async function neutronClient(cloud: CloudScope, signal?: AbortSignal): Promise<ServiceClient | undefined> {
  return (await cloud.hasService('network', signal)) ? cloud.service('network', signal) : undefined;
}

/**
 * Throws `UnsupportedError` when `stateful` is asked of a cloud without `stateful-security-group`.
 *
 * @example
 * await requireStateful(cloud, { stateful: false });
 */
export async function requireStateful(cloud: CloudScope, options: { stateful?: boolean }, signal?: AbortSignal): Promise<void> {
  if (options.stateful === undefined) return;
  const neutron = await neutronClient(cloud, signal);
  if (!neutron) throw new UnsupportedError({ feature: 'stateless security groups', service: 'network', have: 'nova-network (no neutron in the catalog)', need: 'neutron with the "stateful-security-group" extension' });
  await requireExtensions(neutron, ['stateful-security-group'], 'stateless security groups', signal);
}

/**
 * Renames a security group, changes its description or (neutron) its `stateful` flag.
 *
 * @example
 * await updateSecurityGroup(cloud, 'web', { description: 'http and https in' });
 */
export async function updateSecurityGroup(cloud: CloudScope, nameOrId: string, changes: SecurityGroupChanges, options: { signal?: AbortSignal } = {}): Promise<SecurityGroup> {
  const { signal } = options;
  await requireStateful(cloud, changes, signal);
  const group = await getSecurityGroup(cloud, nameOrId, { signal });
  const neutron = await neutronClient(cloud, signal);
  if (neutron) {
    const body = await neutron.put(`/security-groups/${encodeURIComponent(group.id)}`, { security_group: { ...changes } }, { signal });
    return neutronGroup(parseBody(z.looseObject({ security_group: rawNeutronGroupSchema }), body, { service: 'network', what: 'PUT /security-groups/{id}' }).security_group);
  }
  // nova-network wants both fields on every update.
  const compute = await cloud.service('compute', signal);
  const body = await compute.put(`/os-security-groups/${encodeURIComponent(group.id)}`, { security_group: { name: changes.name ?? group.name, description: changes.description ?? (group.description || group.name) } }, { signal });
  return novaGroup(parseBody(z.looseObject({ security_group: rawNovaGroupSchema }), body, { service: 'compute', what: 'PUT /os-security-groups/{id}' }).security_group);
}

/**
 * The rules of one security group (or of all the project's), as neutron's rule list or nova-network's groups.
 *
 * @example
 * for await (const r of listSecurityGroupRules(cloud, { securityGroup: 'web' })) console.log(r.protocol, r.portRangeMin);
 */
export async function* listSecurityGroupRules(cloud: CloudScope, options: ListSecurityGroupRulesOptions = {}): AsyncIterable<SecurityGroupRule> {
  const { signal } = options;
  const groupId = options.securityGroup === undefined ? undefined : (await getSecurityGroup(cloud, options.securityGroup, { signal })).id;
  const keep = (r: SecurityGroupRule) => options.direction === undefined || r.direction === options.direction;
  const neutron = await neutronClient(cloud, signal);
  if (!neutron) {
    for await (const g of listSecurityGroups(cloud, { signal })) if (groupId === undefined || g.id === groupId) yield* g.rules.filter(keep);
    return;
  }
  const searchParams = { security_group_id: groupId, direction: options.direction, ...(groupId ? {} : { project_id: (await cloud.auth(signal)).projectId }) };
  for await (const item of neutron.paginate('/security-group-rules', { itemsKey: 'security_group_rules', searchParams, signal })) {
    const rule = neutronRule(parseBody(rawNeutronRuleSchema, item, { service: 'network', what: 'GET /security-group-rules' }));
    if (keep(rule) && (groupId === undefined || rule.securityGroupId === groupId)) yield rule;
  }
}
