/**
 * Simulated keystone's v3 admin API: projects, users, groups (and members), roles, domains and role assignments
 * (direct, inherited through OS-INHERIT, and `effective`); the entry point that also hands `/v2.0/` paths to
 * identity-admin-v2.ts on the eras that still have it. The `admin` user may do everything; others read their own
 * user and project and get keystone's 403 for the rest.
 *
 * @example
 * const reply = identityAdminRoutes(ctx, token); // undefined when the path is not an admin path
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { IdentityStore, ProjectRecord, TokenRecord, UserRecord } from './state.js';
import { hexId } from './util.js';
import { isAdminToken } from './quotas.js';
import {
  ADMIN_ROLE_ID, allRoles, bodyOf, byNameFilter, conflict, forbidden, identityStore, type Json, links, notFound, str,
} from './identity-admin-store.js';
import { v2Routes } from './identity-admin-v2.js';

export { ADMIN_ROLE_ID, effectiveRoleIds, identityStore } from './identity-admin-store.js';

function projectView(core: SimCore, p: ProjectRecord): Json {
  return {
    id: p.id, name: p.name, domain_id: p.domainId, description: p.description ?? '', enabled: p.enabled ?? true, parent_id: p.parentId ?? p.domainId,
    is_domain: false, tags: p.tags ?? [], options: {}, links: { self: `${core.roots.identity}/v3/projects/${p.id}` },
  };
}

function userView(core: SimCore, u: UserRecord): Json {
  return {
    id: u.id, name: u.name, domain_id: u.domainId, enabled: u.enabled ?? true, password_expires_at: null, options: {},
    ...(u.defaultProjectId ? { default_project_id: u.defaultProjectId } : {}), ...(u.email ? { email: u.email } : {}), ...(u.description ? { description: u.description } : {}),
    links: { self: `${core.roots.identity}/v3/users/${u.id}` },
  };
}

/** `/v3/projects…` */
function projects(ctx: Ctx, core: SimCore, admin: boolean, token: TokenRecord): Reply | undefined {
  const { method, path } = ctx;
  const state = core.state;
  if (path === '/v3/projects') {
    if (!admin) return forbidden(core, method === 'GET' ? 'list_projects' : 'create_project');
    if (method === 'GET') {
      let list = byNameFilter(ctx, [...state.projects.values()]);
      const domain = ctx.query.get('domain_id');
      const parent = ctx.query.get('parent_id');
      if (domain !== null) list = list.filter((p) => p.domainId === domain);
      if (parent !== null) list = list.filter((p) => (p.parentId ?? p.domainId) === parent);
      return { status: 200, body: { projects: list.map((p) => projectView(core, p)), links: links(core, path) } };
    }
    if (method === 'POST') {
      const spec = bodyOf(ctx, 'project');
      const name = str(spec?.name);
      if (!spec || !name) return core.errorReply('identity', 400, undefined, "Invalid input for field 'name': 'name' is a required property");
      const parentId = str(spec.parent_id);
      const parent = parentId ? state.projects.get(parentId) : undefined;
      if (parentId && !parent) return notFound(core, 'project', parentId);
      const domainId = str(spec.domain_id) ?? parent?.domainId ?? state.defaultDomainId;
      if (!identityStore(core).domains.some((d) => d.id === domainId)) return notFound(core, 'domain', domainId);
      if ([...state.projects.values()].some((p) => p.name === name && p.domainId === domainId)) {
        return conflict(core, 'project', `it is not permitted to have two projects with the same name in the same domain : ${name}`);
      }
      const project: ProjectRecord = {
        id: hexId(core.rng), name, domainId, description: str(spec.description) ?? '', enabled: spec.enabled !== false, parentId: parentId ?? null,
        tags: Array.isArray(spec.tags) ? spec.tags.map(String) : [],
      };
      state.projects.set(project.id, project);
      return { status: 201, body: { project: projectView(core, project) } };
    }
    return undefined;
  }
  const one = match('/v3/projects/:id', path);
  if (!one) return undefined;
  const project = state.projects.get(one.id ?? '');
  if (method === 'GET' && project && (admin || project.id === token.projectId)) return { status: 200, body: { project: projectView(core, project) } };
  if (!admin) return forbidden(core, method === 'GET' ? 'get_project' : method === 'DELETE' ? 'delete_project' : 'update_project');
  if (!project) return notFound(core, 'project', one.id ?? '');
  if (method === 'PATCH') {
    const spec = bodyOf(ctx, 'project') ?? {};
    if (str(spec.name)) project.name = str(spec.name) as string;
    if (typeof spec.description === 'string') project.description = spec.description;
    if (typeof spec.enabled === 'boolean') project.enabled = spec.enabled;
    if (Array.isArray(spec.tags)) project.tags = spec.tags.map(String);
    return { status: 200, body: { project: projectView(core, project) } };
  }
  if (method === 'DELETE') {
    if ([...state.projects.values()].some((p) => p.parentId === project.id)) return forbidden(core, 'delete_project');
    state.projects.delete(project.id);
    const store = identityStore(core);
    store.assignments = store.assignments.filter((a) => !(a.scope === 'project' && a.scopeId === project.id));
    return { status: 204 };
  }
  return undefined;
}

/** `/v3/users…` (not application credentials, which identity.ts serves). */
function users(ctx: Ctx, core: SimCore, admin: boolean, token: TokenRecord): Reply | undefined {
  const { method, path } = ctx;
  const state = core.state;
  if (path === '/v3/users') {
    if (!admin) return forbidden(core, method === 'GET' ? 'list_users' : 'create_user');
    if (method === 'GET') {
      let list = byNameFilter(ctx, [...state.users.values()]);
      const domain = ctx.query.get('domain_id');
      if (domain !== null) list = list.filter((u) => u.domainId === domain);
      return { status: 200, body: { users: list.map((u) => userView(core, u)), links: links(core, path) } };
    }
    if (method === 'POST') {
      const spec = bodyOf(ctx, 'user');
      const name = str(spec?.name);
      if (!spec || !name) return core.errorReply('identity', 400, undefined, "Invalid input for field 'name': 'name' is a required property");
      const domainId = str(spec.domain_id) ?? state.defaultDomainId;
      if ([...state.users.values()].some((u) => u.name === name && u.domainId === domainId)) return conflict(core, 'user', `Duplicate entry found with name ${name} at domain ID ${domainId}`);
      const user: UserRecord = {
        id: hexId(core.rng), name, password: str(spec.password) ?? '', domainId, defaultProjectId: str(spec.default_project_id) ?? '',
        email: str(spec.email) ?? null, description: str(spec.description) ?? null, enabled: spec.enabled !== false, created: true,
      };
      state.users.set(user.id, user);
      return { status: 201, body: { user: userView(core, user) } };
    }
    return undefined;
  }
  const groupsOf = match('/v3/users/:id/groups', path);
  if (groupsOf && method === 'GET') {
    if (!admin && groupsOf.id !== token.userId) return forbidden(core, 'list_groups_for_user');
    const store = identityStore(core);
    const ids = new Set(store.members.filter((m) => m.userId === groupsOf.id).map((m) => m.groupId));
    return { status: 200, body: { groups: store.groups.filter((g) => ids.has(g.id)).map((g) => groupView(core, g)), links: links(core, path) } };
  }
  const one = match('/v3/users/:id', path);
  if (!one) return undefined;
  const user = state.users.get(one.id ?? '');
  if (method === 'GET' && user && (admin || user.id === token.userId)) return { status: 200, body: { user: userView(core, user) } };
  if (!admin) return forbidden(core, method === 'GET' ? 'get_user' : method === 'DELETE' ? 'delete_user' : 'update_user');
  if (!user) return notFound(core, 'user', one.id ?? '');
  if (method === 'PATCH') {
    const spec = bodyOf(ctx, 'user') ?? {};
    if (str(spec.name)) user.name = str(spec.name) as string;
    if (typeof spec.password === 'string') user.password = spec.password;
    if (typeof spec.email === 'string') user.email = spec.email;
    if (typeof spec.description === 'string') user.description = spec.description;
    if (typeof spec.enabled === 'boolean') user.enabled = spec.enabled;
    return { status: 200, body: { user: userView(core, user) } };
  }
  if (method === 'DELETE') {
    state.users.delete(user.id);
    const store = identityStore(core);
    store.assignments = store.assignments.filter((a) => !(a.actor === 'user' && a.actorId === user.id));
    store.members = store.members.filter((m) => m.userId !== user.id);
    for (const [id, c] of state.appCreds) if (c.userId === user.id) state.appCreds.delete(id);
    return { status: 204 };
  }
  return undefined;
}

function groupView(core: SimCore, g: IdentityStore['groups'][number]): Json {
  return { id: g.id, name: g.name, domain_id: g.domainId, description: g.description, links: { self: `${core.roots.identity}/v3/groups/${g.id}` } };
}

/** `/v3/groups…` and `/v3/groups/{g}/users…` */
function groups(ctx: Ctx, core: SimCore, admin: boolean): Reply | undefined {
  const { method, path } = ctx;
  const store = identityStore(core);
  if (!path.startsWith('/v3/groups')) return undefined;
  if (!admin) return forbidden(core, 'list_groups');
  if (path === '/v3/groups') {
    if (method === 'GET') return { status: 200, body: { groups: byNameFilter(ctx, store.groups).map((g) => groupView(core, g)), links: links(core, path) } };
    if (method === 'POST') {
      const spec = bodyOf(ctx, 'group');
      const name = str(spec?.name);
      if (!spec || !name) return core.errorReply('identity', 400, undefined, "Invalid input for field 'name': 'name' is a required property");
      const domainId = str(spec.domain_id) ?? core.state.defaultDomainId;
      if (store.groups.some((g) => g.name === name && g.domainId === domainId)) return conflict(core, 'group', `Duplicate entry found with name ${name} at domain ID ${domainId}`);
      const group = { id: hexId(core.rng), name, domainId, description: str(spec.description) ?? '' };
      store.groups.push(group);
      return { status: 201, body: { group: groupView(core, group) } };
    }
    return undefined;
  }
  const member = match('/v3/groups/:id/users/:user', path);
  const members = match('/v3/groups/:id/users', path);
  const one = match('/v3/groups/:id', path);
  const group = store.groups.find((g) => g.id === (member ?? members ?? one)?.id);
  if (!group) return notFound(core, 'group', (member ?? members ?? one)?.id ?? '');
  if (member) {
    if (!core.state.users.has(member.user ?? '')) return notFound(core, 'user', member.user ?? '');
    const inGroup = store.members.some((m) => m.groupId === group.id && m.userId === member.user);
    if (method === 'PUT') {
      if (!inGroup) store.members.push({ groupId: group.id, userId: member.user ?? '' });
      return { status: 204 };
    }
    if (method === 'HEAD' || method === 'GET') return inGroup ? { status: 204 } : notFound(core, 'membership', member.user ?? '');
    if (method === 'DELETE') {
      if (!inGroup) return core.errorReply('identity', 404, undefined, `User ${member.user} is not a member of group ${group.id}.`);
      store.members = store.members.filter((m) => !(m.groupId === group.id && m.userId === member.user));
      return { status: 204 };
    }
    return undefined;
  }
  if (members && method === 'GET') {
    const ids = new Set(store.members.filter((m) => m.groupId === group.id).map((m) => m.userId));
    return { status: 200, body: { users: [...core.state.users.values()].filter((u) => ids.has(u.id)).map((u) => userView(core, u)), links: links(core, path) } };
  }
  if (!one) return undefined;
  if (method === 'GET') return { status: 200, body: { group: groupView(core, group) } };
  if (method === 'PATCH') {
    const spec = bodyOf(ctx, 'group') ?? {};
    if (str(spec.name)) group.name = str(spec.name) as string;
    if (typeof spec.description === 'string') group.description = spec.description;
    return { status: 200, body: { group: groupView(core, group) } };
  }
  if (method === 'DELETE') {
    store.groups = store.groups.filter((g) => g.id !== group.id);
    store.members = store.members.filter((m) => m.groupId !== group.id);
    store.assignments = store.assignments.filter((a) => !(a.actor === 'group' && a.actorId === group.id));
    return { status: 204 };
  }
  return undefined;
}

function roleView(core: SimCore, r: { id: string; name: string; description: string | null; domainId: string | null }): Json {
  return { id: r.id, name: r.name, domain_id: r.domainId, description: r.description, options: {}, links: { self: `${core.roots.identity}/v3/roles/${r.id}` } };
}

/** `/v3/roles…` */
function roles(ctx: Ctx, core: SimCore, admin: boolean): Reply | undefined {
  const { method, path } = ctx;
  if (!path.startsWith('/v3/roles')) return undefined;
  if (!admin) return forbidden(core, method === 'GET' ? 'list_roles' : 'create_role');
  const store = identityStore(core);
  if (path === '/v3/roles') {
    if (method === 'GET') return { status: 200, body: { roles: byNameFilter(ctx, allRoles(core)).map((r) => roleView(core, r)), links: links(core, path) } };
    if (method === 'POST') {
      const spec = bodyOf(ctx, 'role');
      const name = str(spec?.name);
      if (!spec || !name) return core.errorReply('identity', 400, undefined, "Invalid input for field 'name': 'name' is a required property");
      if (allRoles(core).some((r) => r.name === name)) return conflict(core, 'role', `Duplicate entry found with name ${name}`);
      const role = { id: hexId(core.rng), name, description: str(spec.description) ?? null, domainId: str(spec.domain_id) ?? null };
      store.roles.push(role);
      return { status: 201, body: { role: roleView(core, role) } };
    }
    return undefined;
  }
  const one = match('/v3/roles/:id', path);
  if (!one) return undefined;
  const role = allRoles(core).find((r) => r.id === one.id);
  if (!role) return notFound(core, 'role', one.id ?? '');
  if (method === 'GET') return { status: 200, body: { role: roleView(core, role) } };
  if (method === 'DELETE') {
    if (!store.roles.some((r) => r.id === role.id) || role.id === ADMIN_ROLE_ID) return forbidden(core, 'delete_role');
    store.roles = store.roles.filter((r) => r.id !== role.id);
    store.assignments = store.assignments.filter((a) => a.roleId !== role.id);
    return { status: 204 };
  }
  return undefined;
}

function domainView(core: SimCore, d: IdentityStore['domains'][number]): Json {
  return { id: d.id, name: d.name, description: d.description, enabled: d.enabled, tags: [], options: {}, links: { self: `${core.roots.identity}/v3/domains/${d.id}` } };
}

/** `/v3/domains…` */
function domains(ctx: Ctx, core: SimCore, admin: boolean, token: TokenRecord): Reply | undefined {
  const { method, path } = ctx;
  if (!path.startsWith('/v3/domains')) return undefined;
  const store = identityStore(core);
  if (path === '/v3/domains') {
    if (!admin) return forbidden(core, method === 'GET' ? 'list_domains' : 'create_domain');
    if (method === 'GET') {
      let list = byNameFilter(ctx, store.domains);
      const enabled = ctx.query.get('enabled');
      if (enabled !== null) list = list.filter((d) => String(d.enabled) === enabled.toLowerCase());
      return { status: 200, body: { domains: list.map((d) => domainView(core, d)), links: links(core, path) } };
    }
    if (method === 'POST') {
      const spec = bodyOf(ctx, 'domain');
      const name = str(spec?.name);
      if (!spec || !name) return core.errorReply('identity', 400, undefined, "Invalid input for field 'name': 'name' is a required property");
      if (store.domains.some((d) => d.name === name)) return conflict(core, 'domain', `Duplicate entry found with name ${name}`);
      const domain = { id: hexId(core.rng), name, description: str(spec.description) ?? '', enabled: spec.enabled !== false };
      store.domains.push(domain);
      return { status: 201, body: { domain: domainView(core, domain) } };
    }
    return undefined;
  }
  const one = match('/v3/domains/:id', path);
  if (one) {
    const domain = store.domains.find((d) => d.id === one.id);
    const own = core.state.projects.get(token.projectId)?.domainId;
    if (method === 'GET' && domain && (admin || domain.id === own)) return { status: 200, body: { domain: domainView(core, domain) } };
    if (!admin) return forbidden(core, method === 'GET' ? 'get_domain' : method === 'DELETE' ? 'delete_domain' : 'update_domain');
    if (!domain) return notFound(core, 'domain', one.id ?? '');
    if (method === 'PATCH') {
      const spec = bodyOf(ctx, 'domain') ?? {};
      if (str(spec.name)) domain.name = str(spec.name) as string;
      if (typeof spec.description === 'string') domain.description = spec.description;
      if (typeof spec.enabled === 'boolean') domain.enabled = spec.enabled;
      return { status: 200, body: { domain: domainView(core, domain) } };
    }
    if (method === 'DELETE') {
      if (domain.enabled) return core.errorReply('identity', 403, undefined, 'Cannot delete a domain that is enabled, please disable it first.');
      store.domains = store.domains.filter((d) => d.id !== domain.id);
      return { status: 204 };
    }
  }
  return undefined;
}

/** Grants: `PUT|HEAD|DELETE /v3[/OS-INHERIT]/{projects|domains}/{id}/{users|groups}/{id}/roles/{role}[/inherited_to_projects]`. */
function grants(ctx: Ctx, core: SimCore, admin: boolean): Reply | undefined {
  const m = /^\/v3(\/OS-INHERIT)?\/(projects|domains)\/([^/]+)\/(users|groups)\/([^/]+)\/roles\/([^/]+)(\/inherited_to_projects)?$/.exec(ctx.path);
  if (!m) return undefined;
  const [, inheritPrefix, scopeType, scopeId = '', actorType, actorId = '', roleId = '', inheritSuffix] = m;
  if (Boolean(inheritPrefix) !== Boolean(inheritSuffix)) return undefined;
  if (!admin) return forbidden(core, ctx.method === 'PUT' ? 'create_grant' : ctx.method === 'DELETE' ? 'revoke_grant' : 'check_grant');
  const store = identityStore(core);
  const scope = scopeType === 'projects' ? 'project' : 'domain';
  const actor = actorType === 'users' ? 'user' : 'group';
  if (scope === 'project' ? !core.state.projects.has(scopeId) : !store.domains.some((d) => d.id === scopeId)) return notFound(core, scope, scopeId);
  if (actor === 'user' ? !core.state.users.has(actorId) : !store.groups.some((g) => g.id === actorId)) return notFound(core, actor, actorId);
  if (!allRoles(core).some((r) => r.id === roleId)) return notFound(core, 'role', roleId);
  const inherited = Boolean(inheritPrefix);
  const same = (a: IdentityStore['assignments'][number]) => a.actor === actor && a.actorId === actorId && a.scope === scope && a.scopeId === scopeId && a.roleId === roleId && a.inherited === inherited;
  const exists = store.assignments.some(same);
  if (ctx.method === 'PUT') {
    if (!exists) store.assignments.push({ actor, actorId, scope, scopeId, roleId, inherited });
    return { status: 204 };
  }
  if (ctx.method === 'HEAD' || ctx.method === 'GET') return exists ? { status: 204 } : notFound(core, 'role assignment', roleId);
  if (ctx.method === 'DELETE') {
    if (!exists) return core.errorReply('identity', 404, undefined, `Could not find role assignment with role: ${roleId}, user or group: ${actorId}, project, domain, or system: ${scopeId}.`);
    store.assignments = store.assignments.filter((a) => !same(a));
    return { status: 204 };
  }
  return undefined;
}

/** `GET /v3/role_assignments` with keystone's filters, `effective` and `include_names`. */
function roleAssignments(ctx: Ctx, core: SimCore, admin: boolean): Reply | undefined {
  if (ctx.path !== '/v3/role_assignments' || ctx.method !== 'GET') return undefined;
  if (!admin) return forbidden(core, 'list_role_assignments');
  const store = identityStore(core);
  const q = ctx.query;
  const names = q.get('include_names') === 'true' || q.get('include_names') === '';
  const effective = q.has('effective');
  type Row = { actor: 'user' | 'group'; actorId: string; scope: 'project' | 'domain'; scopeId: string; roleId: string; inherited: boolean; via?: string };
  let rows: Row[] = store.assignments.map((a) => ({ ...a }));
  if (effective) {
    const expanded: Row[] = [];
    for (const a of rows) {
      const actors = a.actor === 'user' ? [{ id: a.actorId }] : store.members.filter((m) => m.groupId === a.actorId).map((m) => ({ id: m.userId, via: a.actorId }));
      const scopes = !a.inherited ? [{ scope: a.scope, scopeId: a.scopeId }]
        : [...core.state.projects.values()].filter((p) => (a.scope === 'domain' ? p.domainId === a.scopeId : isBelow(core, p, a.scopeId))).map((p) => ({ scope: 'project' as const, scopeId: p.id }));
      for (const who of actors) for (const where of scopes) expanded.push({ actor: 'user', actorId: who.id, ...where, roleId: a.roleId, inherited: false, ...('via' in who ? { via: who.via } : {}) });
    }
    rows = expanded;
  }
  const keep = (key: string, value: string) => q.get(key) === null || q.get(key) === value;
  rows = rows.filter((r) => keep('user.id', r.actor === 'user' ? r.actorId : '') && keep('group.id', r.actor === 'group' ? r.actorId : '')
    && keep('scope.project.id', r.scope === 'project' ? r.scopeId : '') && keep('scope.domain.id', r.scope === 'domain' ? r.scopeId : '') && keep('role.id', r.roleId));
  const ref = (id: string, name: string | undefined) => (names && name !== undefined ? { id, name } : { id });
  const view = (r: Row): Json => ({
    role: ref(r.roleId, allRoles(core).find((x) => x.id === r.roleId)?.name),
    [r.actor]: ref(r.actorId, r.actor === 'user' ? core.state.users.get(r.actorId)?.name : store.groups.find((g) => g.id === r.actorId)?.name),
    scope: {
      [r.scope]: ref(r.scopeId, r.scope === 'project' ? core.state.projects.get(r.scopeId)?.name : store.domains.find((d) => d.id === r.scopeId)?.name),
      ...(r.inherited ? { 'OS-INHERIT:inherited_to': 'projects' } : {}),
    },
    links: { assignment: `${core.roots.identity}/v3/${r.scope}s/${r.scopeId}/${r.actor}s/${r.actorId}/roles/${r.roleId}`, ...(r.via ? { membership: `${core.roots.identity}/v3/groups/${r.via}/users/${r.actorId}` } : {}) },
  });
  return { status: 200, body: { role_assignments: rows.map(view), links: links(core, ctx.path) } };
}

function isBelow(core: SimCore, project: ProjectRecord, ancestorId: string): boolean {
  for (let p = project.parentId ? core.state.projects.get(project.parentId) : undefined; p; p = p.parentId ? core.state.projects.get(p.parentId) : undefined) if (p.id === ancestorId) return true;
  return false;
}

/**
 * The keystone v3 admin routes; `undefined` for any other path.
 *
 * @example
 * const reply = identityAdminRoutes(ctx, token) ?? notFound;
 */
export function identityAdminRoutes(ctx: Ctx, token: TokenRecord): Reply | undefined {
  const { core } = ctx;
  const admin = isAdminToken(core, token);
  if (ctx.path.startsWith('/v2.0/')) return core.facts.keystone.v2 ? v2Routes(ctx, core, admin) : undefined;
  if (/^\/v3\/users\/[^/]+\/application_credentials/.test(ctx.path)) return undefined;
  return projects(ctx, core, admin, token) ?? users(ctx, core, admin, token) ?? groups(ctx, core, admin) ?? roles(ctx, core, admin) ?? domains(ctx, core, admin, token)
    ?? grants(ctx, core, admin) ?? roleAssignments(ctx, core, admin);
}
