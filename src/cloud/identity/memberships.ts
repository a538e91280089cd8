/**
 * Group membership (keystone v3): add or remove a user, list a group's users or a user's groups.
 */
import { groupKind, type Group, type RawGroup } from '../../resources/identity/group.js';
import { userKind, type RawUser, type User } from '../../resources/identity/user.js';
import { getRaw } from '../../verbs/find-resource.js';
import type { VerbContext } from '../../verbs/verb-context.js';

async function pair(ctx: VerbContext, user: string, group: string, signal?: AbortSignal): Promise<string> {
  const [u, g] = await Promise.all([getRaw(ctx, userKind, user, { signal }), getRaw(ctx, groupKind, group, { signal })]);
  return `/groups/${encodeURIComponent(g.id)}/users/${encodeURIComponent(u.id)}`;
}

/**
 * Puts a user in a group (names or ids); adding twice is fine.
 *
 * @example
 * await addUserToGroup(cloud, 'ci-bot', 'ci-admins');
 */
export async function addUserToGroup(ctx: VerbContext, user: string, group: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  const path = await pair(ctx, user, group, options.signal);
  await (await ctx.service('identity', options.signal)).request('PUT', path, { signal: options.signal });
}

/**
 * Takes a user out of a group; `{ removed: false }` when it was not in it.
 *
 * @example
 * await removeUserFromGroup(cloud, 'ci-bot', 'ci-admins');
 */
export async function removeUserFromGroup(ctx: VerbContext, user: string, group: string, options: { signal?: AbortSignal } = {}): Promise<{ removed: boolean }> {
  const path = await pair(ctx, user, group, options.signal);
  const response = await (await ctx.service('identity', options.signal)).request('DELETE', path, { signal: options.signal, okStatuses: [404] });
  return { removed: response.status !== 404 };
}

/**
 * The users of a group.
 *
 * @example
 * for (const u of await listGroupUsers(cloud, 'ci-admins')) console.log(u.name);
 */
export async function listGroupUsers(ctx: VerbContext, group: string, options: { signal?: AbortSignal } = {}): Promise<User[]> {
  const client = await ctx.service('identity', options.signal);
  const g = await getRaw(ctx, groupKind, group, options);
  const body = await client.get<{ users?: unknown[] }>(`/groups/${encodeURIComponent(g.id)}/users`, { signal: options.signal });
  return (body.users ?? []).map((raw) => userKind.normalize(userKind.schema.parse(raw) as RawUser, { client, config: ctx.config }));
}

/**
 * The groups a user is in.
 *
 * @example
 * for (const g of await listUserGroups(cloud, 'ci-bot')) console.log(g.name);
 */
export async function listUserGroups(ctx: VerbContext, user: string, options: { signal?: AbortSignal } = {}): Promise<Group[]> {
  const client = await ctx.service('identity', options.signal);
  const u = await getRaw(ctx, userKind, user, options);
  const body = await client.get<{ groups?: unknown[] }>(`/users/${encodeURIComponent(u.id)}/groups`, { signal: options.signal });
  return (body.groups ?? []).map((raw) => groupKind.normalize(groupKind.schema.parse(raw) as RawGroup, { client, config: ctx.config }));
}
