/**
 * The porcelain for security groups and their rules: neutron when the cloud has a network service,
 * nova-network's `os-security-groups` otherwise. Both give the same {@link SecurityGroup}.
 */
import type { ServiceClient } from '../http/service-client.js';
import {
  createNeutronSecurityGroup,
  createNeutronSecurityGroupRule,
  createNovaSecurityGroup,
  createNovaSecurityGroupRule,
  deleteNeutronSecurityGroup,
  deleteNeutronSecurityGroupRule,
  deleteNovaSecurityGroup,
  deleteNovaSecurityGroupRule,
  listNeutronSecurityGroups,
  listNovaSecurityGroups,
  showNeutronSecurityGroup,
  showNovaSecurityGroup,
  type SecurityGroup,
  type SecurityGroupRule,
  type SecurityGroupRuleInput,
} from '../services/network/security-groups.js';
import type { CloudScope } from './cloud-context.js';
import { InvalidInputError } from '../errors/index.js';
import { requireStateful } from './network-primitives/security-group-changes.js';
import { findOne, resolveOne, type Lookup } from './resolve.js';
import { collect } from './collect.js';

export type { SecurityGroup, SecurityGroupRule } from '../services/network/security-groups.js';

/** Which API holds the cloud's security groups. */
interface Backend {
  neutron: boolean;
  client: ServiceClient;
}

async function backend(cloud: CloudScope, signal?: AbortSignal): Promise<Backend> {
  const neutron = await cloud.hasService('network', signal);
  return { neutron, client: await cloud.service(neutron ? 'network' : 'compute', signal) };
}


async function lookup(cloud: CloudScope, b: Backend, signal?: AbortSignal): Promise<Lookup<SecurityGroup>> {
  if (!b.neutron) {
    const all = () => collect(listNovaSecurityGroups(b.client, signal));
    return { kind: 'security group', client: b.client, byId: (id) => showNovaSecurityGroup(b.client, id, signal), byName: all, all, id: (g) => g.id, name: (g) => g.name };
  }
  // An admin sees every project's "default": prefer the token's project, then whatever is shared with it.
  const projectId = (await cloud.auth(signal)).projectId;
  return {
    kind: 'security group',
    client: b.client,
    byId: (id) => showNeutronSecurityGroup(b.client, id, signal),
    byName: async (name) => {
      const own = projectId ? await collect(listNeutronSecurityGroups(b.client, { name, projectId, signal })) : [];
      return own.length ? own : collect(listNeutronSecurityGroups(b.client, { name, signal }));
    },
    all: () => collect(listNeutronSecurityGroups(b.client, { projectId, signal })),
    id: (g) => g.id,
    name: (g) => g.name,
  };
}

/**
 * Every security group the project can see, with its rules.
 *
 * @example
 * for await (const sg of listSecurityGroups(cloud)) console.log(sg.name, sg.rules.length);
 */
export async function* listSecurityGroups(cloud: CloudScope, options: { name?: string; signal?: AbortSignal } = {}): AsyncIterable<SecurityGroup> {
  const b = await backend(cloud, options.signal);
  if (b.neutron) {
    yield* listNeutronSecurityGroups(b.client, options);
    return;
  }
  for await (const group of listNovaSecurityGroups(b.client, options.signal)) if (options.name === undefined || group.name === options.name) yield group;
}

/**
 * The security group with this id or name, or `undefined`; several with that name raise `AmbiguousMatchError`.
 *
 * @example
 * const sg = await findSecurityGroup(cloud, 'web');
 */
export async function findSecurityGroup(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<SecurityGroup | undefined> {
  const b = await backend(cloud, options.signal);
  return findOne(await lookup(cloud, b, options.signal), nameOrId);
}

/**
 * The security group with this id or name; `NotFoundError` listing the groups that exist when there is none.
 *
 * @example
 * const sg = await getSecurityGroup(cloud, 'default');
 */
export async function getSecurityGroup(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<SecurityGroup> {
  const b = await backend(cloud, options.signal);
  return resolveOne(await lookup(cloud, b, options.signal), nameOrId);
}

/** Options of {@link Cloud.createSecurityGroup}. */
export interface CreateSecurityGroupOptions {
  name: string;
  description?: string;
  /** `false` for a stateless group (needs neutron's `stateful-security-group`, Wallaby+). */
  stateful?: boolean;
  signal?: AbortSignal;
}

/**
 * Creates a security group. Neutron adds its default egress rules; nova-network groups start empty.
 *
 * @example
 * const sg = await createSecurityGroup(cloud, { name: 'web', description: 'http and https in' });
 */
export async function createSecurityGroup(cloud: CloudScope, options: CreateSecurityGroupOptions): Promise<SecurityGroup> {
  await requireStateful(cloud, options, options.signal);
  const b = await backend(cloud, options.signal);
  return b.neutron ? createNeutronSecurityGroup(b.client, options, options.signal) : createNovaSecurityGroup(b.client, options, options.signal);
}

/**
 * Deletes a security group by id, name or the group itself; succeeds when it is already gone. The project's
 * `default` group is refused with `InvalidInputError` before anything is sent (neutron and nova keep it).
 *
 * @example
 * await deleteSecurityGroup(cloud, 'web');
 */
export async function deleteSecurityGroup(cloud: CloudScope, group: string | { id: string }, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  const b = await backend(cloud, options.signal);
  const found = typeof group === 'string' ? await findOne(await lookup(cloud, b, options.signal), group) : group;
  if (!found) return false;
  const { id } = found;
  if ('name' in found && found.name === 'default') {
    throw new InvalidInputError({ what: `security group "default" (${id})`, why: 'every project keeps its default security group and the cloud refuses to delete it; remove its rules instead' });
  }
  return b.neutron ? deleteNeutronSecurityGroup(b.client, id, options.signal) : deleteNovaSecurityGroup(b.client, id, options.signal);
}

/** Options of {@link Cloud.createSecurityGroupRule}: the group by id, name or itself, and the rule. */
export interface CreateSecurityGroupRuleOptions extends Omit<SecurityGroupRuleInput, 'securityGroupId' | 'remoteGroupId'> {
  securityGroup: string | { id: string };
  /** Allow traffic from members of this group (id, name or the group) instead of an address range. */
  remoteGroup?: string | { id: string };
  signal?: AbortSignal;
}

/**
 * Adds a rule. Direction defaults to ingress and ethertype to IPv4; nova-network clouds take ingress rules only.
 *
 * @example
 * await createSecurityGroupRule(cloud, { securityGroup: 'web', protocol: 'tcp', portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: '0.0.0.0/0' });
 */
export async function createSecurityGroupRule(cloud: CloudScope, options: CreateSecurityGroupRuleOptions): Promise<SecurityGroupRule> {
  const { securityGroup, remoteGroup, signal, ...rule } = options;
  const b = await backend(cloud, signal);
  const resolve = async (ref: string | { id: string }) => (typeof ref === 'string' ? (await resolveOne(await lookup(cloud, b, signal), ref)).id : ref.id);
  const input: SecurityGroupRuleInput = { ...rule, securityGroupId: await resolve(securityGroup), remoteGroupId: remoteGroup === undefined ? undefined : await resolve(remoteGroup) };
  const created = b.neutron ? await createNeutronSecurityGroupRule(b.client, input, signal) : await createNovaSecurityGroupRule(b.client, input, signal);
  return created;
}

/**
 * Deletes a rule by id; succeeds when it is already gone.
 *
 * @example
 * await deleteSecurityGroupRule(cloud, rule.id);
 */
export async function deleteSecurityGroupRule(cloud: CloudScope, ruleId: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  const b = await backend(cloud, options.signal);
  const deleted = b.neutron ? await deleteNeutronSecurityGroupRule(b.client, ruleId, options.signal) : await deleteNovaSecurityGroupRule(b.client, ruleId, options.signal);
  return deleted;
}
