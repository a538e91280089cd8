/**
 * Keystone's admin-side store and the pieces both admin APIs share: the store itself (domains, roles, groups,
 * members, role assignments), the `admin` role id, effective-role resolution, and keystone-shaped replies
 * (403/404/409) and body readers.
 *
 * @example
 * const store = identityStore(core);
 */
import { createHash } from 'node:crypto';
import type { Ctx, Reply, SimCore } from './core.js';
import type { IdentityStore } from './state.js';

export type Json = Record<string, unknown>;

/** The id of the `admin` role the simulator's admin user holds. */
export const ADMIN_ROLE_ID = createHash('md5').update('role:admin').digest('hex');

/**
 * Keystone's admin-side store, made on first use: the Default domain, the `admin` role, and the seed's grants
 * (demo: member and reader on demo; admin: admin on admin).
 *
 * @example
 * identityStore(core).groups.push(…);
 */
export function identityStore(core: SimCore): IdentityStore {
  const state = core.state;
  if (!state.identity) {
    const member = state.roles.find((r) => r.name === 'member')?.id ?? '';
    const reader = state.roles.find((r) => r.name === 'reader')?.id ?? '';
    const admin = [...state.users.values()].find((u) => u.name === 'admin');
    state.identity = {
      domains: [{ id: state.defaultDomainId, name: 'Default', description: 'The default domain', enabled: true }],
      roles: [{ id: ADMIN_ROLE_ID, name: 'admin', description: null, domainId: null }],
      groups: [], members: [],
      assignments: [
        ...[member, reader].map((roleId) => ({ actor: 'user' as const, actorId: state.demoUserId, scope: 'project' as const, scopeId: state.demoProjectId, roleId, inherited: false })),
        ...(admin ? [{ actor: 'user' as const, actorId: admin.id, scope: 'project' as const, scopeId: state.adminProjectId, roleId: ADMIN_ROLE_ID, inherited: false }] : []),
      ],
    };
  }
  return state.identity;
}

export function allRoles(core: SimCore): Array<{ id: string; name: string; description: string | null; domainId: string | null }> {
  return [...core.state.roles.map((r) => ({ ...r, description: null, domainId: null })), ...identityStore(core).roles];
}

/**
 * The roles a user has on a project: direct, through groups, and inherited from the domain or parents.
 *
 * @example
 * effectiveRoleIds(core, userId, projectId).length > 0 // may log in there
 */
export function effectiveRoleIds(core: SimCore, userId: string, projectId: string): string[] {
  const store = identityStore(core);
  const groups = new Set(store.members.filter((m) => m.userId === userId).map((m) => m.groupId));
  const project = core.state.projects.get(projectId);
  const ancestors: string[] = [];
  for (let p = project?.parentId ? core.state.projects.get(project.parentId) : undefined; p; p = p.parentId ? core.state.projects.get(p.parentId) : undefined) ancestors.push(p.id);
  const mine = (a: IdentityStore['assignments'][number]) => (a.actor === 'user' ? a.actorId === userId : groups.has(a.actorId));
  return [...new Set(store.assignments.filter((a) => mine(a) && (
    (a.scope === 'project' && a.scopeId === projectId && !a.inherited)
    || (a.scope === 'project' && a.inherited && ancestors.includes(a.scopeId))
    || (a.scope === 'domain' && a.inherited && a.scopeId === project?.domainId))).map((a) => a.roleId))];
}

export function links(core: SimCore, path: string): Json {
  return { self: `${core.roots.identity}${path}`, previous: null, next: null };
}

export function forbidden(core: SimCore, action: string): Reply {
  return core.errorReply('identity', 403, undefined, `You are not authorized to perform the requested action: identity:${action}.`);
}

export function notFound(core: SimCore, what: string, id: string): Reply {
  return core.errorReply('identity', 404, undefined, `Could not find ${what}: ${id}.`);
}

export function conflict(core: SimCore, what: string, detail: string): Reply {
  return core.errorReply('identity', 409, undefined, `Conflict occurred attempting to store ${what} - ${detail}.`);
}

export function bodyOf(ctx: Ctx, key: string): Json | undefined {
  const value = (ctx.body as Json | undefined)?.[key];
  return value && typeof value === 'object' ? (value as Json) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function byNameFilter<T extends { name: string }>(ctx: Ctx, items: T[]): T[] {
  const name = ctx.query.get('name');
  return name === null ? items : items.filter((i) => i.name === name);
}
