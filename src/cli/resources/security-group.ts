/** `canopy security group list|show|create|set|delete` and `security group rule list|show|create|delete`. */
import type { SecurityGroup, SecurityGroupRule } from '../../services/network/security-groups.js';
import { UsageError } from '../exit-codes.js';
import { defineResourceCli } from '../resource-cli.js';

/** The security group commands. */
export const securityGroupCli = defineResourceCli<SecurityGroup>({
  words: ['security', 'group'],
  summary: 'security groups (neutron, or nova-network on the oldest clouds)',
  columns: [
    { header: 'ID', value: (g) => g.id },
    { header: 'Name', value: (g) => g.name },
    { header: 'Description', value: (g) => g.description },
    { header: 'Project', field: 'project_id', value: (g) => g.projectId ?? '' },
    { header: 'Stateful', value: (g) => g.stateful ?? '', long: true },
    { header: 'Rules', value: (g) => g.rules.length, in: 'list', long: true },
    { header: 'Rules', field: 'rules', value: (g) => g.rules.map((r) => `${r.direction} ${r.ethertype} ${r.protocol ?? 'any'}${r.portRangeMin !== undefined ? ` ${r.portRangeMin}:${r.portRangeMax ?? r.portRangeMin}` : ''}${r.remoteIpPrefix ? ` from ${r.remoteIpPrefix}` : ''}`).join('; '), in: 'show' },
  ],
  list: {
    call: (cloud, { filters }) => cloud.listSecurityGroups(filters as { name?: string }),
    filters: { name: { type: 'string', value: 'NAME', description: 'only groups with this name' } },
  },
  show: (cloud, nameOrId) => cloud.getSecurityGroup(nameOrId),
  create: {
    flags: {
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      stateless: { type: 'boolean', description: 'no connection tracking (neutron with stateful-security-group)' },
    },
    call: (cloud, { name, options }) => cloud.createSecurityGroup({ name, ...(typeof options.description === 'string' ? { description: options.description } : {}), ...(options.stateless ? { stateful: false } : {}) }),
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
      stateful: { type: 'boolean', negatable: true, description: 'connection tracking on or off (neutron with stateful-security-group)' },
    },
    call: (cloud, nameOrId, changes) => cloud.updateSecurityGroup(nameOrId, changes),
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteSecurityGroup(nameOrId) },
  example: [['security', 'group', 'create', 'web', '--description', 'http in']],
});

/** `22` or `8000:8080` as a range. */
function portRange(raw: string): { portRangeMin: number; portRangeMax: number } {
  const [from = '', to = from] = raw.split(':');
  const min = Number(from);
  const max = Number(to);
  if (!Number.isInteger(min) || !Number.isInteger(max) || from === '') throw new UsageError(`--dst-port takes PORT or FROM:TO, got "${raw}"`);
  return { portRangeMin: min, portRangeMax: max };
}

/** The security group rule commands. */
export const securityGroupRuleCli = defineResourceCli<SecurityGroupRule>({
  words: ['security', 'group', 'rule'],
  summary: 'security group rules',
  noun: 'security group rule',
  columns: [
    { header: 'ID', value: (r) => r.id },
    { header: 'IP Protocol', value: (r) => r.protocol ?? '' },
    { header: 'Ethertype', value: (r) => r.ethertype },
    { header: 'IP Range', field: 'remote_ip_prefix', value: (r) => r.remoteIpPrefix ?? '' },
    { header: 'Port Range', value: (r) => (r.portRangeMin === undefined ? '' : `${r.portRangeMin}:${r.portRangeMax ?? r.portRangeMin}`) },
    { header: 'Direction', value: (r) => r.direction },
    { header: 'Remote Security Group', field: 'remote_group_id', value: (r) => r.remoteGroupId ?? '' },
    { header: 'Security Group', field: 'security_group_id', value: (r) => r.securityGroupId, long: true },
    { header: 'Description', value: (r) => r.description ?? '', in: 'show' },
  ],
  list: {
    call: (cloud, { filters }) => cloud.listSecurityGroupRules(filters as { securityGroup?: string; direction?: 'ingress' | 'egress' }),
    filters: {
      'security-group': { type: 'string', value: 'NAME|ID', option: 'securityGroup', description: 'only the rules of this group' },
      direction: { type: 'string', value: 'ingress|egress', choices: ['ingress', 'egress'], description: 'only rules of this direction' },
    },
  },
  async show(cloud, id) {
    for await (const rule of cloud.listSecurityGroupRules()) if (rule.id === id) return rule;
    throw new UsageError(`no security group rule with id "${id}"`);
  },
  create: {
    args: 'GROUP',
    summary: 'add a rule to a security group (ingress unless --egress)',
    flags: {
      protocol: { type: 'string', value: 'PROTO', description: 'tcp, udp, icmp, a number, or any (default any)' },
      'dst-port': { type: 'string', value: 'PORT[:PORT]', option: 'range', parse: portRange, description: 'the destination port or range' },
      'remote-ip': { type: 'string', value: 'CIDR', option: 'remoteIpPrefix', description: 'the source range' },
      'remote-group': { type: 'string', value: 'NAME|ID', option: 'remoteGroup', description: 'allow traffic from members of this group' },
      egress: { type: 'boolean', description: 'an egress rule (neutron)' },
      ethertype: { type: 'string', value: 'IPv4|IPv6', choices: ['IPv4', 'IPv6'], description: 'the ethertype (default IPv4)' },
      description: { type: 'string', value: 'TEXT', description: 'a description (neutron)' },
    },
    call: (cloud, { name, options }) => {
      const { range, egress, protocol, ...rest } = options as { range?: { portRangeMin: number; portRangeMax: number }; egress?: boolean; protocol?: string; ethertype?: 'IPv4' | 'IPv6'; remoteIpPrefix?: string; remoteGroup?: string; description?: string };
      return cloud.createSecurityGroupRule({ securityGroup: name, ...rest, ...range, ...(protocol && protocol !== 'any' ? { protocol } : {}), ...(egress ? { direction: 'egress' as const } : {}) });
    },
  },
  delete: { header: 'RULE', call: (cloud, id) => cloud.deleteSecurityGroupRule(id) },
  example: [
    ['security', 'group', 'create', 'ssh-in'],
    ['security', 'group', 'rule', 'create', 'ssh-in', '--protocol', 'tcp', '--dst-port', '22', '--remote-ip', '0.0.0.0/0'],
  ],
});
