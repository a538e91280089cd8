/**
 * Neutron security groups (the rules are in `security-group-rules.ts`).
 *
 * @example
 * return securityGroupRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { ensureDefaultSecurityGroup } from '../networking.js';
import type { SecurityGroupRecord } from '../state.js';
import { uuid } from '../util.js';
import { bodyOf, listReply, type NetReq, notFound } from './shared.js';
import { securityGroupRuleRoutes } from './security-group-rules.js';
import { groupView } from './views.js';
import { extensionAliases } from './extensions.js';

export function securityGroupRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, now, rest, method } = req;
  let p: Record<string, string> | undefined;
  // security groups
  if (rest === '/security-groups' || rest === '/security-group-rules') ensureDefaultSecurityGroup(core, projectId, now);
  const myGroups = () => [...state.securityGroups.values()].filter((g) => g.projectId === projectId);
  if (rest === '/security-groups' && method === 'GET') return listReply(ctx, 'security-groups', myGroups().map((g) => groupView(core, g)));
  if (rest === '/security-groups' && method === 'POST') {
    const spec = bodyOf(ctx, 'security_group');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad security_group request: Resource body required.');
    if (spec.name === 'default') return core.errorReply('network', 409, 'SecurityGroupDefaultAlreadyExists', 'Default security group already exists.');
    const id = uuid(core.rng);
    const egress = (ethertype: string) => ({ id: uuid(core.rng), direction: 'egress', ethertype, protocol: null, port_range_min: null, port_range_max: null, remote_ip_prefix: null, remote_group_id: null });
    const group: SecurityGroupRecord = { id, name: String(spec.name ?? ''), description: String(spec.description ?? ''), projectId, createdAt: now, rules: [egress('IPv4'), egress('IPv6')] };
    if (typeof spec.stateful === 'boolean' && statefulFlag(req)) group.stateful = spec.stateful;
    state.securityGroups.set(id, group);
    return { status: 201, body: { security_group: groupView(core, group) } };
  }
  if ((p = match('/security-groups/:id', rest))) {
    const group = state.securityGroups.get(p.id ?? '');
    if (!group || group.projectId !== projectId) return notFound(core, 'SecurityGroupNotFound', `Security group ${p.id} does not exist`);
    if (method === 'GET') return { status: 200, body: { security_group: groupView(core, group) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'security_group') ?? {};
      if (typeof spec.name === 'string' && spec.name !== group.name && (spec.name === 'default' || group.name === 'default')) {
        return core.errorReply('network', 409, 'SecurityGroupDefaultAlreadyExists', 'Default security group already exists.');
      }
      if (typeof spec.name === 'string') group.name = spec.name;
      if (typeof spec.description === 'string') group.description = spec.description;
      if (typeof spec.stateful === 'boolean' && statefulFlag(req) && spec.stateful !== (group.stateful ?? true)) {
        const used = [...state.ports.values()].some((port) => port.securityGroups.includes(group.id));
        if (used) return core.errorReply('network', 409, 'SecurityGroupInUse', `Security Group ${group.id} in use.`);
        group.stateful = spec.stateful;
      }
      group.updatedAt = now;
      group.revision = (group.revision ?? 0) + 1;
      return { status: 200, body: { security_group: groupView(core, group) } };
    }
    if (method === 'DELETE') {
      if (group.name === 'default') return core.errorReply('network', 409, 'SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.');
      state.securityGroups.delete(group.id);
      return { status: 204 };
    }
  }
  return securityGroupRuleRoutes(req);
}

/** Whether this era's neutron has the `stateful` attribute (otherwise it is an unknown attribute). */
function statefulFlag(req: NetReq): boolean {
  return extensionAliases(req.core).includes('stateful-security-group');
}
