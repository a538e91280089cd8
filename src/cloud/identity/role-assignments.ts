/**
 * Role assignments: grant, revoke and list a role of a user or group on a project or domain (keystone v3,
 * inherited grants through OS-INHERIT), or of a user on a tenant (keystone v2.0). Names are resolved first.
 */
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { domainKind } from '../../resources/identity/domain.js';
import { groupKind } from '../../resources/identity/group.js';
import { isKeystoneV2 } from '../../resources/identity/keystone-era.js';
import { projectKind } from '../../resources/identity/project.js';
import { roleKind } from '../../resources/identity/role.js';
import { userKind } from '../../resources/identity/user.js';
import { getRaw } from '../../verbs/find-resource.js';
import type { VerbContext } from '../../verbs/verb-context.js';

/**
 * Who gets a role where: a user or a group, on a project or a domain (each by name or id).
 *
 * @example
 * { user: 'ci-bot', project: 'ci-42' }
 * { group: 'ci-admins', domain: 'Default', inherited: true }
 */
export interface RoleTarget {
  user?: string;
  group?: string;
  project?: string;
  domain?: string;
  /** A domain or project grant that every project below inherits (keystone v3 OS-INHERIT). */
  inherited?: boolean;
  signal?: AbortSignal;
}

/** Filters of `listRoleAssignments`. */
export interface ListRoleAssignmentsOptions {
  user?: string;
  group?: string;
  project?: string;
  domain?: string;
  role?: string;
  /** The roles users effectively have: group memberships and inherited grants expanded (keystone v3). */
  effective?: boolean;
  signal?: AbortSignal;
}

/**
 * One role assignment.
 *
 * @example
 * { role: { id: 'f1…', name: 'member' }, user: { id: 'a9…', name: 'ci-bot' }, scope: { project: { id: '7c…', name: 'ci-42' } }, inherited: false }
 */
export interface RoleAssignment {
  role: { id: string; name?: string };
  user?: { id: string; name?: string };
  group?: { id: string; name?: string };
  scope: { project?: { id: string; name?: string }; domain?: { id: string; name?: string } };
  inherited: boolean;
}

interface Resolved {
  client: ServiceClient;
  actor: { type: 'users' | 'groups'; id: string };
  scope: { type: 'projects' | 'domains'; id: string };
}

async function resolveTarget(ctx: VerbContext, target: RoleTarget): Promise<Resolved> {
  const { signal } = target;
  const client = await ctx.service('identity', signal);
  if (Boolean(target.user) === Boolean(target.group)) throw new TypeError('give exactly one of user and group');
  if (Boolean(target.project) === Boolean(target.domain)) throw new TypeError('give exactly one of project and domain');
  if (isKeystoneV2(client)) {
    const missing = target.group ? 'role assignments to groups' : target.domain ? 'role assignments on domains' : target.inherited ? 'inherited role assignments' : undefined;
    if (missing) throw new UnsupportedError({ feature: missing, service: 'identity', have: 'v2.0', need: 'v3' });
  }
  const [actor, scope] = await Promise.all([
    target.user ? getRaw(ctx, userKind, target.user, { signal }).then((u) => ({ type: 'users' as const, id: u.id })) : getRaw(ctx, groupKind, target.group as string, { signal }).then((g) => ({ type: 'groups' as const, id: g.id })),
    target.project ? getRaw(ctx, projectKind, target.project, { signal }).then((p) => ({ type: 'projects' as const, id: p.id })) : getRaw(ctx, domainKind, target.domain as string, { signal }).then((d) => ({ type: 'domains' as const, id: d.id })),
  ]);
  return { client, actor, scope };
}

function grantPath(r: Resolved, roleId: string, inherited: boolean | undefined): string {
  const e = encodeURIComponent;
  if (isKeystoneV2(r.client)) return `/tenants/${e(r.scope.id)}/users/${e(r.actor.id)}/roles/OS-KSADM/${e(roleId)}`;
  const base = `/${r.scope.type}/${e(r.scope.id)}/${r.actor.type}/${e(r.actor.id)}/roles/${e(roleId)}`;
  return inherited ? `/OS-INHERIT${base}/inherited_to_projects` : base;
}

/**
 * Grants a role (name or id) to a user or group on a project or domain. Granting twice is fine.
 *
 * @example
 * await grantRole(cloud, 'member', { user: 'ci-bot', project: 'ci-42' });
 */
export async function grantRole(ctx: VerbContext, role: string, target: RoleTarget): Promise<void> {
  const [resolved, roleRaw] = await Promise.all([resolveTarget(ctx, target), getRaw(ctx, roleKind, role, { signal: target.signal })]);
  await resolved.client.request('PUT', grantPath(resolved, roleRaw.id, target.inherited), { signal: target.signal });
}

/**
 * Revokes a role; `{ revoked: false }` when it was not granted.
 *
 * @example
 * const { revoked } = await revokeRole(cloud, 'member', { user: 'ci-bot', project: 'ci-42' });
 */
export async function revokeRole(ctx: VerbContext, role: string, target: RoleTarget): Promise<{ revoked: boolean }> {
  const [resolved, roleRaw] = await Promise.all([resolveTarget(ctx, target), getRaw(ctx, roleKind, role, { signal: target.signal })]);
  const response = await resolved.client.request('DELETE', grantPath(resolved, roleRaw.id, target.inherited), { signal: target.signal, okStatuses: [404] });
  return { revoked: response.status !== 404 };
}

type RawAssignment = {
  role?: { id: string; name?: string };
  user?: { id: string; name?: string };
  group?: { id: string; name?: string };
  scope?: { project?: { id: string; name?: string }; domain?: { id: string; name?: string }; 'OS-INHERIT:inherited_to'?: string };
};

function pickRef(ref: { id: string; name?: string } | undefined): { id: string; name?: string } | undefined {
  return ref ? { id: ref.id, ...(ref.name ? { name: ref.name } : {}) } : undefined;
}

/**
 * Role assignments, filtered by user, group, project, domain or role (names or ids); `effective` expands group
 * memberships and inherited grants. On keystone v2.0: the roles of one user on one tenant.
 *
 * @example
 * for (const a of await listRoleAssignments(cloud, { user: 'ci-bot', effective: true })) console.log(a.role.name, a.scope.project?.name);
 */
export async function listRoleAssignments(ctx: VerbContext, options: ListRoleAssignmentsOptions = {}): Promise<RoleAssignment[]> {
  const { signal } = options;
  const client = await ctx.service('identity', signal);
  const id = async (kind: Parameters<typeof getRaw>[1], value: string | undefined): Promise<string | undefined> => (value ? ((await getRaw(ctx, kind, value, { signal })) as { id: string }).id : undefined);
  if (isKeystoneV2(client)) {
    if (!options.user || !options.project || options.group || options.domain) {
      throw new UnsupportedError({ feature: 'role assignment lists other than one user on one tenant', service: 'identity', have: 'v2.0', need: 'v3' });
    }
    const [userId, projectId] = await Promise.all([id(userKind, options.user), id(projectKind, options.project)]);
    const body = await client.get<{ roles?: Array<{ id: string; name?: string }> }>(`/tenants/${encodeURIComponent(projectId as string)}/users/${encodeURIComponent(userId as string)}/roles`, { signal });
    return (body.roles ?? []).map((r) => ({ role: pickRef(r) as { id: string }, user: { id: userId as string }, scope: { project: { id: projectId as string } }, inherited: false }));
  }
  const [userId, groupId, projectId, domainId, roleId] = await Promise.all([
    id(userKind, options.user), id(groupKind, options.group), id(projectKind, options.project), id(domainKind, options.domain), id(roleKind, options.role),
  ]);
  const searchParams: Record<string, string> = { include_names: 'true' };
  if (userId) searchParams['user.id'] = userId;
  if (groupId) searchParams['group.id'] = groupId;
  if (projectId) searchParams['scope.project.id'] = projectId;
  if (domainId) searchParams['scope.domain.id'] = domainId;
  if (roleId) searchParams['role.id'] = roleId;
  if (options.effective) searchParams.effective = 'true';
  const body = await client.get<{ role_assignments?: RawAssignment[] }>('/role_assignments', { searchParams, signal });
  return (body.role_assignments ?? []).map((a) => {
    const out: RoleAssignment = { role: pickRef(a.role) ?? { id: '' }, scope: {}, inherited: Boolean(a.scope?.['OS-INHERIT:inherited_to']) };
    const user = pickRef(a.user);
    const group = pickRef(a.group);
    if (user) out.user = user;
    if (group) out.group = group;
    const project = pickRef(a.scope?.project);
    const domain = pickRef(a.scope?.domain);
    if (project) out.scope.project = project;
    if (domain) out.scope.domain = domain;
    return out;
  });
}
