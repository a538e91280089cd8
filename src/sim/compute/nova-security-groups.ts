/**
 * nova-network's security groups (the Icehouse profile): `/os-security-groups` and `/os-security-group-rules`
 * on the compute endpoint, integer ids, ingress rules only, `default` neither renamed nor deleted.
 *
 * @example
 * if (/^\/os-security-group/.test(rest)) return novaSecurityGroups(req);
 */
import { match, type Reply } from '../core.js';
import { ensureDefaultSecurityGroup, novaSecurityId } from '../networking.js';
import type { SecurityGroupRecord } from '../state.js';
import { err, type NovaRequest, ok } from './request.js';

type Rule = SecurityGroupRecord['rules'][number];

function ruleView(req: NovaRequest, group: SecurityGroupRecord, rule: Rule) {
  const remote = rule.remote_group_id ? req.core.state.securityGroups.get(rule.remote_group_id) : undefined;
  return {
    id: Number(rule.id), parent_group_id: Number(group.id), ip_protocol: rule.protocol, from_port: rule.port_range_min, to_port: rule.port_range_max,
    ip_range: rule.remote_ip_prefix ? { cidr: rule.remote_ip_prefix } : {}, group: remote ? { name: remote.name, tenant_id: remote.projectId } : {},
  };
}

function groupView(req: NovaRequest, g: SecurityGroupRecord) {
  return { id: Number(g.id), name: g.name, description: g.description, tenant_id: g.projectId, rules: g.rules.map((r) => ruleView(req, g, r)) };
}

function mine(req: NovaRequest): SecurityGroupRecord[] {
  ensureDefaultSecurityGroup(req.core, req.projectId, req.ctx.now);
  return [...req.core.state.securityGroups.values()].filter((g) => g.projectId === req.projectId);
}

function groupById(req: NovaRequest, id: string): SecurityGroupRecord | Reply {
  if (!/^\d+$/.test(id)) return err(req, 400, 'Security group id should be integer');
  return mine(req).find((g) => g.id === id) ?? err(req, 404, `Security group ${id} not found.`);
}

const isReply = (value: SecurityGroupRecord | Reply): value is Reply => 'status' in value;

/** The routes, on a nova-network profile only. */
export function novaSecurityGroups(req: NovaRequest): Reply {
  const { ctx } = req;
  const m = ctx.method;
  const body = (ctx.body ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (req.rest === '/os-security-groups') {
    if (m === 'GET') return ok(req, 200, { security_groups: mine(req).map((g) => groupView(req, g)) });
    if (m === 'POST') {
      const spec = body.security_group ?? {};
      if (typeof spec.name !== 'string' || spec.name === '' || typeof spec.description !== 'string') return err(req, 400, 'Security group name and description are required.');
      if (mine(req).some((g) => g.name === spec.name)) return err(req, 400, `Security group ${spec.name} already exists`);
      const group: SecurityGroupRecord = { id: novaSecurityId(req.core), name: spec.name, description: spec.description, projectId: req.projectId, createdAt: ctx.now, rules: [] };
      req.core.state.securityGroups.set(group.id, group);
      return ok(req, 200, { security_group: groupView(req, group) });
    }
  }
  let p = match('/os-security-groups/:id', req.rest);
  if (p) {
    const group = groupById(req, p.id ?? '');
    if (isReply(group)) return group;
    if (m === 'GET') return ok(req, 200, { security_group: groupView(req, group) });
    if (m === 'PUT') {
      const spec = body.security_group ?? {};
      if (group.name === 'default') return err(req, 400, "Unable to update system group 'default'");
      if (typeof spec.name !== 'string' || typeof spec.description !== 'string') return err(req, 400, 'Security group name and description are required.');
      group.name = spec.name;
      group.description = spec.description;
      return ok(req, 200, { security_group: groupView(req, group) });
    }
    if (m === 'DELETE') {
      if (group.name === 'default') return err(req, 400, "Unable to delete system group 'default'");
      req.core.state.securityGroups.delete(group.id);
      return ok(req, 202);
    }
  }
  if (req.rest === '/os-security-group-rules' && m === 'POST') {
    const spec = body.security_group_rule ?? {};
    const group = groupById(req, String(spec.parent_group_id ?? ''));
    if (isReply(group)) return group;
    const remote = spec.group_id === undefined || spec.group_id === null ? undefined : groupById(req, String(spec.group_id));
    if (remote && isReply(remote)) return remote;
    const rule: Rule = {
      id: novaSecurityId(req.core), direction: 'ingress', ethertype: String(spec.cidr ?? '').includes(':') ? 'IPv6' : 'IPv4',
      protocol: typeof spec.ip_protocol === 'string' ? spec.ip_protocol : null, port_range_min: Number(spec.from_port), port_range_max: Number(spec.to_port),
      remote_ip_prefix: remote ? null : typeof spec.cidr === 'string' ? spec.cidr : '0.0.0.0/0', remote_group_id: remote?.id ?? null,
    };
    group.rules.push(rule);
    return ok(req, 200, { security_group_rule: ruleView(req, group, rule) });
  }
  if ((p = match('/os-security-group-rules/:id', req.rest)) && m === 'DELETE') {
    const group = mine(req).find((g) => g.rules.some((r) => r.id === p?.id));
    if (!group) return err(req, 404, `Rule (${p.id}) not found`);
    group.rules = group.rules.filter((r) => r.id !== p?.id);
    return ok(req, 202);
  }
  return err(req, 404, 'The resource could not be found.');
}
