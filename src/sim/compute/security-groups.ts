/**
 * A server's security groups through nova: the add/removeSecurityGroup actions (which change the
 * groups on the server's neutron ports) and `GET /servers/{id}/os-security-groups` (gone with the
 * other proxies at 2.36).
 *
 * @example
 * case 'addSecurityGroup': return securityGroupAction(req, server, action, arg);
 */
import type { Reply } from '../core.js';
import { ensureDefaultSecurityGroup } from '../networking.js';
import type { SecurityGroupRecord, ServerRecord } from '../state.js';
import { err, findServer, type NovaRequest, notFoundServer, ok, pyRepr } from './request.js';

function findGroup(req: NovaRequest, nameOrId: string): SecurityGroupRecord | undefined {
  ensureDefaultSecurityGroup(req.core, req.projectId, req.ctx.now);
  return [...req.core.state.securityGroups.values()].find((g) => g.projectId === req.projectId && (g.id === nameOrId || g.name === nameOrId));
}

/**
 * `addSecurityGroup` / `removeSecurityGroup` `{"name": …}`.
 *
 * @example
 * securityGroupAction(req, server, 'removeSecurityGroup', { name: 'default' });
 */
export function securityGroupAction(req: NovaRequest, server: ServerRecord, action: 'addSecurityGroup' | 'removeSecurityGroup', arg: unknown): Reply {
  const name = (arg as { name?: unknown } | null | undefined)?.name;
  if (typeof name !== 'string' || name.trim() === '') return err(req, 400, `Invalid input for field/attribute ${action}. Value: ${pyRepr(arg)}. 'name' is a required property`);
  const group = findGroup(req, name);
  if (!group) return err(req, 404, `Security group ${name} not found for project ${req.projectId}.`);
  const names = server.securityGroups ?? ['default'];
  const ports = server.portIds.map((id) => req.core.state.ports.get(id)).filter((p) => p !== undefined);
  if (action === 'addSecurityGroup') {
    if (names.includes(group.name)) return err(req, 400, `Security group ${group.name} is already associated with the instance ${server.id}`);
    server.securityGroups = [...names, group.name];
    for (const port of ports) if (!port.securityGroups.includes(group.id)) port.securityGroups.push(group.id);
  } else {
    if (!names.includes(group.name)) return err(req, 400, `Security group ${group.name} not associated with the instance ${server.id}`);
    server.securityGroups = names.filter((n) => n !== group.name);
    for (const port of ports) port.securityGroups = port.securityGroups.filter((id) => id !== group.id);
  }
  return ok(req, 202);
}

/**
 * `GET /servers/{id}/os-security-groups`: the server's groups with their rules, in nova's shape.
 *
 * @example
 * listServerSecurityGroups(req, serverId);
 */
export function listServerSecurityGroups(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const groups = (server.securityGroups ?? ['default']).map((name) => findGroup(req, name)).filter((g) => g !== undefined);
  return ok(req, 200, {
    security_groups: groups.map((g) => ({
      id: g.id, name: g.name, description: g.description, tenant_id: g.projectId,
      rules: g.rules.filter((r) => r.direction === 'ingress').map((r) => ({
        id: r.id, parent_group_id: g.id, ip_protocol: r.protocol, from_port: r.port_range_min, to_port: r.port_range_max,
        ip_range: r.remote_ip_prefix ? { cidr: r.remote_ip_prefix } : {}, group: r.remote_group_id ? { name: req.core.state.securityGroups.get(r.remote_group_id)?.name, tenant_id: g.projectId } : {},
      })),
    })),
  });
}
