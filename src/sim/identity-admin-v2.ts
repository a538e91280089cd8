/**
 * Simulated keystone's v2.0 admin API, on the eras that still have it: tenants, users, OS-KSADM roles and tenant
 * role grants, over the same store as v3.
 *
 * @example
 * const reply = v2Routes(ctx, core, admin);
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { IdentityStore, ProjectRecord, UserRecord } from './state.js';
import { hexId } from './util.js';
import { allRoles, bodyOf, conflict, identityStore, type Json, notFound, str } from './identity-admin-store.js';

/** Keystone v2.0's admin API: tenants, users, OS-KSADM roles and tenant role grants. */
export function v2Routes(ctx: Ctx, core: SimCore, admin: boolean): Reply | undefined {
  const { method, path } = ctx;
  const state = core.state;
  const store = identityStore(core);
  const tenantView = (p: ProjectRecord) => ({ id: p.id, name: p.name, description: p.description ?? null, enabled: p.enabled ?? true });
  const userV2 = (u: UserRecord) => ({ id: u.id, name: u.name, username: u.name, enabled: u.enabled ?? true, email: u.email ?? null, ...(u.defaultProjectId ? { tenantId: u.defaultProjectId } : {}) });
  const denied = () => core.errorReply('identity', 403, undefined, 'You are not authorized to perform the requested action: admin_required.');
  if (path === '/v2.0/tenants') {
    if (method === 'GET') {
      const token = core.tokenOf(ctx);
      const list = admin ? [...state.projects.values()] : [...state.projects.values()].filter((p) => p.id === token?.projectId);
      return { status: 200, body: { tenants: list.map(tenantView), tenants_links: [] } };
    }
    if (!admin) return denied();
    if (method === 'POST') {
      const spec = bodyOf(ctx, 'tenant');
      const name = str(spec?.name);
      if (!spec || !name) return core.errorReply('identity', 400, undefined, 'Expecting to find name in tenant. The server could not comply with the request since it is either malformed or otherwise incorrect.');
      if ([...state.projects.values()].some((p) => p.name === name)) return conflict(core, 'project', `Duplicate Entry`);
      const project: ProjectRecord = { id: hexId(core.rng), name, domainId: state.defaultDomainId, description: str(spec.description) ?? '', enabled: spec.enabled !== false, parentId: null, tags: [] };
      state.projects.set(project.id, project);
      return { status: 200, body: { tenant: tenantView(project) } };
    }
  }
  if (!admin) return denied();
  const tenantRoles = match('/v2.0/tenants/:tenant/users/:user/roles', path);
  const grant = match('/v2.0/tenants/:tenant/users/:user/roles/OS-KSADM/:role', path);
  if (tenantRoles || grant) {
    const t = (tenantRoles ?? grant) as Record<string, string>;
    if (!state.projects.has(t.tenant ?? '')) return notFound(core, 'tenant', t.tenant ?? '');
    if (!state.users.has(t.user ?? '')) return notFound(core, 'user', t.user ?? '');
    const direct = (a: IdentityStore['assignments'][number]) => a.actor === 'user' && a.actorId === t.user && a.scope === 'project' && a.scopeId === t.tenant && !a.inherited;
    if (tenantRoles && method === 'GET') {
      const ids = new Set(store.assignments.filter(direct).map((a) => a.roleId));
      return { status: 200, body: { roles: allRoles(core).filter((r) => ids.has(r.id)).map((r) => ({ id: r.id, name: r.name })) } };
    }
    if (grant) {
      if (!allRoles(core).some((r) => r.id === grant.role)) return notFound(core, 'role', grant.role ?? '');
      const exists = store.assignments.some((a) => direct(a) && a.roleId === grant.role);
      if (method === 'PUT') {
        if (exists) return conflict(core, 'role grant', 'Duplicate Entry');
        store.assignments.push({ actor: 'user', actorId: grant.user ?? '', scope: 'project', scopeId: grant.tenant ?? '', roleId: grant.role ?? '', inherited: false });
        return { status: 200, body: { role: { id: grant.role, name: allRoles(core).find((r) => r.id === grant.role)?.name } } };
      }
      if (method === 'DELETE') {
        if (!exists) return notFound(core, 'role grant', grant.role ?? '');
        store.assignments = store.assignments.filter((a) => !(direct(a) && a.roleId === grant.role));
        return { status: 204 };
      }
    }
    return undefined;
  }
  const tenant = match('/v2.0/tenants/:id', path);
  if (tenant) return oneRecord(ctx, core, tenant.id ?? '', { what: 'tenant', records: state.projects, update: 'POST', text: 'description', view: tenantView });
  if (path === '/v2.0/users') {
    if (method === 'GET') return { status: 200, body: { users: [...state.users.values()].map(userV2) } };
    if (method === 'POST') {
      const spec = bodyOf(ctx, 'user');
      const name = str(spec?.name);
      if (!spec || !name) return core.errorReply('identity', 400, undefined, 'Expecting to find name in user.');
      if ([...state.users.values()].some((u) => u.name === name)) return conflict(core, 'user', 'Duplicate Entry');
      const user: UserRecord = { id: hexId(core.rng), name, password: str(spec.password) ?? '', domainId: state.defaultDomainId, defaultProjectId: str(spec.tenantId) ?? '', email: str(spec.email) ?? null, enabled: spec.enabled !== false, created: true };
      state.users.set(user.id, user);
      return { status: 200, body: { user: userV2(user) } };
    }
  }
  const user = match('/v2.0/users/:id', path);
  if (user) return oneRecord(ctx, core, user.id ?? '', { what: 'user', records: state.users, update: 'PUT', text: 'email', view: userV2 });
  if (path === '/v2.0/OS-KSADM/roles') {
    if (method === 'GET') return { status: 200, body: { roles: allRoles(core).map((r) => ({ id: r.id, name: r.name })) } };
    if (method === 'POST') {
      const name = str(bodyOf(ctx, 'role')?.name);
      if (!name) return core.errorReply('identity', 400, undefined, 'Expecting to find name in role.');
      if (allRoles(core).some((r) => r.name === name)) return conflict(core, 'role', 'Duplicate Entry');
      const role = { id: hexId(core.rng), name, description: null, domainId: null };
      store.roles.push(role);
      return { status: 200, body: { role: { id: role.id, name } } };
    }
  }
  const role = match('/v2.0/OS-KSADM/roles/:id', path);
  if (role) {
    const found = allRoles(core).find((r) => r.id === role.id);
    if (!found) return notFound(core, 'role', role.id ?? '');
    if (method === 'GET') return { status: 200, body: { role: { id: found.id, name: found.name } } };
    if (method === 'DELETE') {
      store.roles = store.roles.filter((r) => r.id !== found.id);
      return { status: 204 };
    }
  }
  return undefined;
}

/**
 * GET, update (`name`, one text field, `enabled`) and DELETE on one v2.0 tenant or user; 404 when it is not there.
 *
 * @example
 * oneRecord(ctx, core, id, { what: 'user', records: state.users, update: 'PUT', text: 'email', view: userV2 });
 */
function oneRecord<T extends { id: string; name: string; enabled?: boolean }>(
  ctx: Ctx, core: SimCore, id: string,
  kind: { what: 'tenant' | 'user'; records: Map<string, T>; update: 'POST' | 'PUT'; text: keyof T & string; view: (record: T) => Json },
): Reply | undefined {
  const record = kind.records.get(id);
  if (!record) return notFound(core, kind.what, id);
  if (ctx.method === 'GET') return { status: 200, body: { [kind.what]: kind.view(record) } };
  if (ctx.method === kind.update) {
    const spec = bodyOf(ctx, kind.what) ?? {};
    if (str(spec.name)) record.name = str(spec.name) as string;
    if (typeof spec[kind.text] === 'string') record[kind.text] = spec[kind.text] as T[keyof T & string];
    if (typeof spec.enabled === 'boolean') record.enabled = spec.enabled;
    return { status: 200, body: { [kind.what]: kind.view(record) } };
  }
  if (ctx.method === 'DELETE') {
    kind.records.delete(record.id);
    return { status: 204 };
  }
  return undefined;
}
