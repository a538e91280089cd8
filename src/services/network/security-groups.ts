/**
 * Security group REST calls for both generations: neutron (`/v2.0/security-groups`, `/security-group-rules`)
 * and nova-network (`/os-security-groups`, `/os-security-group-rules` on the compute endpoint, integer ids,
 * ingress rules only). Both produce the same normalized {@link SecurityGroup}.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { BadRequestError } from '../../errors/index.js';
import type { SearchParams, ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';
import { findResource, listAll, type NeutronResource } from './resource-crud.js';
import { rawSecurityGroupSchema, type RawSecurityGroup } from './schemas.js';

/**
 * One rule of a security group.
 *
 * @example
 * const ssh: SecurityGroupRule = { id, securityGroupId, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' };
 */
export interface SecurityGroupRule {
  id: string;
  securityGroupId: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  /** `tcp`, `udp`, `icmp`, a number, or undefined for any. */
  protocol?: string;
  portRangeMin?: number;
  portRangeMax?: number;
  remoteIpPrefix?: string;
  remoteGroupId?: string;
  description?: string;
}

/**
 * A security group with its rules.
 *
 * @example
 * const sg: SecurityGroup = await getSecurityGroup(cloud, 'default'); // { id, name: 'default', rules: [...] }
 */
export interface SecurityGroup {
  id: string;
  name: string;
  description: string;
  projectId?: string;
  rules: SecurityGroupRule[];
  /** False: connection tracking off (neutron's `stateful-security-group`, Wallaby+); absent where the cloud has no such flag. */
  stateful?: boolean;
}

/** The rule to add; the same fields for neutron and nova-network (which takes ingress only). */
export type SecurityGroupRuleInput = Omit<SecurityGroupRule, 'id' | 'direction' | 'ethertype'> & Partial<Pick<SecurityGroupRule, 'direction' | 'ethertype'>>;

const nullishString = z.string().nullish();

/** A neutron security group rule. */
export const rawNeutronRuleSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  security_group_id: z.string(),
  direction: z.enum(['ingress', 'egress']),
  ethertype: z.enum(['IPv4', 'IPv6']).default('IPv4'),
  protocol: z.union([z.string(), z.number()]).nullish(),
  port_range_min: z.number().nullish(),
  port_range_max: z.number().nullish(),
  remote_ip_prefix: nullishString,
  remote_group_id: nullishString,
  description: nullishString,
}));

/** A neutron security group with its rules. */
export const rawNeutronGroupSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  description: z.string().nullish(),
  project_id: nullishString,
  tenant_id: nullishString,
  security_group_rules: z.array(rawNeutronRuleSchema).default([]),
  stateful: z.boolean().nullish(),
}));

/** A neutron rule record as a {@link SecurityGroupRule}. */
export function neutronRule(raw: z.infer<typeof rawNeutronRuleSchema>): SecurityGroupRule {
  return {
    id: raw.id,
    securityGroupId: raw.security_group_id,
    direction: raw.direction,
    ethertype: raw.ethertype,
    protocol: raw.protocol == null ? undefined : String(raw.protocol),
    portRangeMin: raw.port_range_min ?? undefined,
    portRangeMax: raw.port_range_max ?? undefined,
    remoteIpPrefix: raw.remote_ip_prefix ?? undefined,
    remoteGroupId: raw.remote_group_id ?? undefined,
    description: raw.description || undefined,
  };
}

/** A neutron security group record as a {@link SecurityGroup}. */
export function neutronGroup(raw: z.infer<typeof rawNeutronGroupSchema>): SecurityGroup {
  return { id: raw.id, name: raw.name, description: raw.description ?? '', projectId: raw.project_id ?? raw.tenant_id ?? undefined, rules: raw.security_group_rules.map(neutronRule), ...(typeof raw.stateful === 'boolean' ? { stateful: raw.stateful } : {}) };
}

const ctx = (what: string) => ({ service: 'network', what });

const SECURITY_GROUPS: NeutronResource<typeof rawSecurityGroupSchema> = { plural: 'security-groups', singular: 'security_group', schema: rawSecurityGroupSchema };

/**
 * `GET /security-groups` with filters, collected as neutron's raw records (for name → id resolution at boot).
 *
 * @example
 * const groups = await listSecurityGroups(network, { name: 'default' });
 */
export function listSecurityGroups(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): Promise<RawSecurityGroup[]> {
  return listAll(client, SECURITY_GROUPS, filters, signal);
}

/**
 * `GET /security-groups/{id}` as neutron's raw record, `undefined` on 404.
 *
 * @example
 * const group = await findSecurityGroupById(network, id);
 */
export function findSecurityGroupById(client: ServiceClient, id: string, signal?: AbortSignal): Promise<RawSecurityGroup | undefined> {
  return findResource(client, SECURITY_GROUPS, id, signal);
}

/**
 * Every neutron security group visible to the project, optionally filtered.
 *
 * @example
 * for await (const sg of listNeutronSecurityGroups(neutron, { name: 'default' })) console.log(sg.id);
 */
export async function* listNeutronSecurityGroups(client: ServiceClient, query: { name?: string; projectId?: string; signal?: AbortSignal } = {}): AsyncIterable<SecurityGroup> {
  const searchParams = { name: query.name, project_id: query.projectId };
  for await (const raw of client.paginate('/security-groups', { itemsKey: 'security_groups', searchParams, signal: query.signal })) {
    yield neutronGroup(parseBody(rawNeutronGroupSchema, raw, ctx('GET /security-groups')));
  }
}

/**
 * One neutron security group by id, or `undefined` on 404.
 *
 * @example
 * await showNeutronSecurityGroup(neutron, id)
 */
export async function showNeutronSecurityGroup(client: ServiceClient, id: string, signal?: AbortSignal): Promise<SecurityGroup | undefined> {
  const response = await client.request('GET', `/security-groups/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  if (response.status === 404) return undefined;
  return neutronGroup(parseBody(z.looseObject({ security_group: rawNeutronGroupSchema }), response.body, ctx('GET /security-groups/{id}')).security_group);
}

/**
 * Creates a neutron security group (neutron adds its two default egress rules).
 *
 * @example
 * await createNeutronSecurityGroup(neutron, { name: 'web', description: 'http in' });
 */
export async function createNeutronSecurityGroup(client: ServiceClient, input: { name: string; description?: string; stateful?: boolean }, signal?: AbortSignal): Promise<SecurityGroup> {
  const body = await client.post('/security-groups', { security_group: { name: input.name, description: input.description ?? '', ...(input.stateful !== undefined ? { stateful: input.stateful } : {}) } }, { signal });
  return neutronGroup(parseBody(z.looseObject({ security_group: rawNeutronGroupSchema }), body, ctx('POST /security-groups')).security_group);
}

/**
 * Deletes a neutron security group; `false` when it was already gone.
 *
 * @example
 * await deleteNeutronSecurityGroup(neutron, id);
 */
export async function deleteNeutronSecurityGroup(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/security-groups/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}

/**
 * Adds a rule to a neutron security group.
 *
 * @example
 * await createNeutronSecurityGroupRule(neutron, { securityGroupId: id, protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' });
 */
export async function createNeutronSecurityGroupRule(client: ServiceClient, input: SecurityGroupRuleInput, signal?: AbortSignal): Promise<SecurityGroupRule> {
  const rule: Record<string, unknown> = {
    security_group_id: input.securityGroupId,
    direction: input.direction ?? 'ingress',
    ethertype: input.ethertype ?? 'IPv4',
  };
  if (input.protocol !== undefined) rule.protocol = input.protocol;
  if (input.portRangeMin !== undefined) rule.port_range_min = input.portRangeMin;
  if (input.portRangeMax !== undefined) rule.port_range_max = input.portRangeMax;
  if (input.remoteIpPrefix !== undefined) rule.remote_ip_prefix = input.remoteIpPrefix;
  if (input.remoteGroupId !== undefined) rule.remote_group_id = input.remoteGroupId;
  if (input.description !== undefined) rule.description = input.description;
  const body = await client.post('/security-group-rules', { security_group_rule: rule }, { signal });
  return neutronRule(parseBody(z.looseObject({ security_group_rule: rawNeutronRuleSchema }), body, ctx('POST /security-group-rules')).security_group_rule);
}

/**
 * Deletes a neutron security group rule; `false` when it was already gone.
 *
 * @example
 * await deleteNeutronSecurityGroupRule(neutron, ruleId);
 */
export async function deleteNeutronSecurityGroupRule(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/security-group-rules/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}

// nova-network: the same concepts on the compute endpoint, integer ids, no egress rules.

const numericId = lazySchema(() => z.union([z.string(), z.number()]).transform(String));

const rawNovaRuleSchema = lazySchema(() => z.looseObject({
  id: numericId,
  parent_group_id: numericId,
  ip_protocol: z.string().nullish(),
  from_port: z.number().nullish(),
  to_port: z.number().nullish(),
  ip_range: z.looseObject({ cidr: z.string().optional() }).nullish(),
  group: z.looseObject({ name: z.string().optional(), tenant_id: z.string().optional() }).nullish(),
}));

/** A nova-network security group with its rules. */
export const rawNovaGroupSchema = lazySchema(() => z.looseObject({
  id: numericId,
  name: z.string(),
  description: z.string().nullish(),
  tenant_id: nullishString,
  rules: z.array(rawNovaRuleSchema).default([]),
}));

function novaRule(raw: z.infer<typeof rawNovaRuleSchema>, groupIdsByName: Map<string, string>): SecurityGroupRule {
  const cidr = raw.ip_range?.cidr;
  return {
    id: raw.id,
    securityGroupId: raw.parent_group_id,
    direction: 'ingress',
    ethertype: cidr?.includes(':') ? 'IPv6' : 'IPv4',
    protocol: raw.ip_protocol ?? undefined,
    // nova-network says -1 for "every ICMP type"; neutron leaves the range out.
    portRangeMin: raw.from_port == null || raw.from_port === -1 ? undefined : raw.from_port,
    portRangeMax: raw.to_port == null || raw.to_port === -1 ? undefined : raw.to_port,
    remoteIpPrefix: cidr,
    remoteGroupId: raw.group?.name ? groupIdsByName.get(raw.group.name) : undefined,
  };
}

/** A nova-network security group record as a {@link SecurityGroup}. */
export function novaGroup(raw: z.infer<typeof rawNovaGroupSchema>, groupIdsByName = new Map<string, string>()): SecurityGroup {
  return { id: raw.id, name: raw.name, description: raw.description ?? '', projectId: raw.tenant_id ?? undefined, rules: raw.rules.map((r) => novaRule(r, groupIdsByName)) };
}

const novaCtx = (what: string) => ({ service: 'compute', what });

/**
 * Every nova-network security group of the project.
 *
 * @example
 * for await (const sg of listNovaSecurityGroups(nova)) console.log(sg.name);
 */
export async function* listNovaSecurityGroups(client: ServiceClient, signal?: AbortSignal): AsyncIterable<SecurityGroup> {
  const body = await client.get('/os-security-groups', { signal });
  const groups = parseBody(z.looseObject({ security_groups: z.array(rawNovaGroupSchema) }), body, novaCtx('GET /os-security-groups')).security_groups;
  // Rules name the remote group instead of giving its id; map it back within the project.
  const ids = new Map(groups.map((g) => [g.name, g.id] as const));
  for (const g of groups) yield novaGroup(g, ids);
}

/**
 * One nova-network security group by id, or `undefined` on 404.
 *
 * @example
 * await showNovaSecurityGroup(nova, '3')
 */
export async function showNovaSecurityGroup(client: ServiceClient, id: string, signal?: AbortSignal): Promise<SecurityGroup | undefined> {
  const response = await client.request('GET', `/os-security-groups/${encodeURIComponent(id)}`, { signal, okStatuses: [400, 404] });
  // nova-network answers 400 for an id that is not an integer.
  if (response.status === 404 || response.status === 400) return undefined;
  return novaGroup(parseBody(z.looseObject({ security_group: rawNovaGroupSchema }), response.body, novaCtx('GET /os-security-groups/{id}')).security_group);
}

/**
 * Creates a nova-network security group.
 *
 * @example
 * await createNovaSecurityGroup(nova, { name: 'web', description: 'http in' });
 */
export async function createNovaSecurityGroup(client: ServiceClient, input: { name: string; description?: string }, signal?: AbortSignal): Promise<SecurityGroup> {
  // nova-network requires a description.
  const body = await client.post('/os-security-groups', { security_group: { name: input.name, description: input.description ?? input.name } }, { signal });
  return novaGroup(parseBody(z.looseObject({ security_group: rawNovaGroupSchema }), body, novaCtx('POST /os-security-groups')).security_group);
}

/**
 * Deletes a nova-network security group; `false` when it was already gone.
 *
 * @example
 * await deleteNovaSecurityGroup(nova, '3');
 */
export async function deleteNovaSecurityGroup(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/os-security-groups/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}

/**
 * Adds an ingress rule to a nova-network security group. Egress rules do not exist there.
 *
 * @example
 * await createNovaSecurityGroupRule(nova, { securityGroupId: '3', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' });
 */
export async function createNovaSecurityGroupRule(client: ServiceClient, input: SecurityGroupRuleInput, signal?: AbortSignal): Promise<SecurityGroupRule> {
  if (input.direction === 'egress') {
    throw new BadRequestError({ method: 'POST', url: `${client.endpoint}/os-security-group-rules`, service: 'compute', serviceMessage: 'nova-network security groups have ingress rules only' });
  }
  const icmp = input.protocol === 'icmp';
  const rule: Record<string, unknown> = {
    parent_group_id: input.securityGroupId,
    ip_protocol: input.protocol ?? 'tcp',
    // nova-network needs a range; "any" is 1-65535 for tcp/udp and -1 for icmp.
    from_port: input.portRangeMin ?? (icmp ? -1 : 1),
    to_port: input.portRangeMax ?? input.portRangeMin ?? (icmp ? -1 : 65535),
  };
  if (input.remoteGroupId !== undefined) rule.group_id = input.remoteGroupId;
  else rule.cidr = input.remoteIpPrefix ?? (input.ethertype === 'IPv6' ? '::/0' : '0.0.0.0/0');
  const body = await client.post('/os-security-group-rules', { security_group_rule: rule }, { signal });
  const raw = parseBody(z.looseObject({ security_group_rule: rawNovaRuleSchema }), body, novaCtx('POST /os-security-group-rules')).security_group_rule;
  return { ...novaRule(raw, new Map()), remoteGroupId: input.remoteGroupId };
}

/**
 * Deletes a nova-network security group rule; `false` when it was already gone.
 *
 * @example
 * await deleteNovaSecurityGroupRule(nova, '17');
 */
export async function deleteNovaSecurityGroupRule(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/os-security-group-rules/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}
