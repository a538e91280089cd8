/**
 * Simulated nova server groups (`/os-server-groups`): the Icehouse v2 extension with its hand-written
 * checks, the v2.1 schema with `policies: [one]` (soft policies from 2.15, project and user ids from
 * 2.13), and `policy` + `rules` from 2.64. Boots with the `group` scheduler hint join the group; the
 * simulated cloud has one compute host, so an anti-affinity group holds `max_server_per_host` (1)
 * placed servers and the next one ends in ERROR with nova's "No valid host" fault.
 *
 * @example
 * const reply = routeServerGroups(req); if (reply) return reply;
 */
import type { Ctx, Reply, SimCore } from './core.js';
import { match } from './core.js';
import { advanceServer } from './servers.js';
import type { ServerGroupRecord, ServerRecord } from './state.js';
import { compareVersions, pyRepr, uuid } from './util.js';

/** A compute request after version and project routing (nova's own request record fits). */
export interface ServerGroupRequest {
  ctx: Ctx;
  core: SimCore;
  /** the effective microversion ('2.1' on v2) */
  mv: string;
  /** the path below the version and project, e.g. `/os-server-groups` */
  rest: string;
  projectId: string;
  userId: string;
  /** version headers to send with every answer */
  headers: Record<string, string | string[]>;
}

const POLICIES = ['anti-affinity', 'affinity'];
const SOFT_POLICIES = ['soft-anti-affinity', 'soft-affinity'];
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The message of nova's `NoValidHost` when the filters leave no host. */
export const NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.';

const at = (req: ServerGroupRequest, version: string) => compareVersions(req.mv, version) >= 0;
const legacy = (core: SimCore) => core.facts.nova.maxMicroversion === null;

function reply(req: ServerGroupRequest, status: number, body?: unknown): Reply {
  return { status, body, headers: { ...req.headers } };
}

function fail(req: ServerGroupRequest, status: number, message: string): Reply {
  const error = req.core.errorReply('compute', status, undefined, message);
  return { ...error, headers: { ...req.headers, ...error.headers } };
}


/** nova's jsonschema error text: the failing key, the value as Python prints it (`%s`), the reason. */
function schemaError(path: string, value: unknown, reason: string): string {
  return `Invalid input for field/attribute ${path}. Value: ${typeof value === 'string' ? value : pyRepr(value)}. ${reason}`;
}

/** Servers of the group that are not deleted, as nova lists `members`. */
function liveMembers(core: SimCore, group: ServerGroupRecord, now: number): ServerRecord[] {
  return group.members.flatMap((id) => {
    const server = core.state.servers.get(id);
    if (!server) return [];
    advanceServer(core, server, now);
    return server.vmState === 'deleted' ? [] : [server];
  });
}

function groupView(req: ServerGroupRequest, group: ServerGroupRecord): Record<string, unknown> {
  const view: Record<string, unknown> = { id: group.id, name: group.name };
  if (at(req, '2.64')) Object.assign(view, { policy: group.policy, rules: group.rules });
  else Object.assign(view, { policies: [group.policy], metadata: {} });
  view.members = liveMembers(req.core, group, req.ctx.now).map((s) => s.id);
  if (at(req, '2.13')) Object.assign(view, { project_id: group.projectId, user_id: group.userId });
  return view;
}

function findGroup(req: ServerGroupRequest, id: string): ServerGroupRecord | undefined {
  const group = req.core.state.serverGroups.get(id);
  return group && group.projectId === req.projectId ? group : undefined;
}

/**
 * Handles `/os-server-groups…`; undefined when `rest` is not a server-group path.
 *
 * @example
 * const reply = routeServerGroups({ ctx, core, mv: '2.64', rest: '/os-server-groups', projectId, userId, headers });
 */
export function routeServerGroups(req: ServerGroupRequest): Reply | undefined {
  const { rest, ctx } = req;
  if (rest === '/os-server-groups') {
    if (ctx.method === 'GET') return listGroups(req);
    if (ctx.method === 'POST') return createGroup(req);
    return fail(req, 405, 'The method specified is not allowed for this resource.');
  }
  const id = match('/os-server-groups/:id', rest)?.id;
  if (id === undefined) return undefined;
  const group = findGroup(req, id);
  if (ctx.method !== 'GET' && ctx.method !== 'DELETE') return fail(req, 405, 'The method specified is not allowed for this resource.');
  if (!group) return fail(req, 404, `Instance group ${id} could not be found.`);
  if (ctx.method === 'GET') return reply(req, 200, { server_group: groupView(req, group) });
  req.core.state.serverGroups.delete(group.id);
  return reply(req, 204);
}

function listGroups(req: ServerGroupRequest): Reply {
  const q = req.ctx.query;
  const schemaEra = compareVersions(req.core.facts.nova.maxMicroversion ?? '2.1', '2.75') >= 0;
  if (schemaEra && at(req, '2.75')) {
    const unexpected = [...q.keys()].find((key) => !['all_projects', 'limit', 'offset'].includes(key));
    if (unexpected) return fail(req, 400, `Additional properties are not allowed ('${unexpected}' was unexpected)`);
  }
  const numbers: Record<string, number> = {};
  for (const key of ['limit', 'offset']) {
    const text = q.get(key);
    if (text === null) continue;
    if (!/^[0-9]+$/.test(text)) {
      return fail(req, 400, schemaEra ? `Invalid input for query parameters ${key}. Value: ${text}. '${text}' does not match '^[0-9]*$'` : `${key} param must be an integer`);
    }
    numbers[key] = Number(text);
  }
  const limit = Math.min(1000, numbers.limit || 1000);
  const offset = numbers.offset ?? 0;
  const mine = [...req.core.state.serverGroups.values()].filter((g) => g.projectId === req.projectId).sort((a, b) => a.createdAt - b.createdAt);
  return reply(req, 200, { server_groups: mine.slice(offset, offset + limit).map((g) => groupView(req, g)) });
}

/** The Icehouse extension's own checks ("Invalid input received: …"). */
function legacyCheck(spec: unknown): { name: string; policy: string } | string {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return 'the body is invalid.';
  const rest = { ...(spec as Record<string, unknown>) };
  const name = rest.name;
  delete rest.name;
  if (!name) return "'name' is either missing or empty.";
  if (typeof name !== 'string' || name.length > 255) return 'name must be a string of at most 255 characters';
  const policies = rest.policies;
  delete rest.policies;
  if (!policies || (Array.isArray(policies) && policies.length === 0)) return "'policies' is either missing or empty.";
  if (!Array.isArray(policies)) return `'${String(policies)}' is not a list`;
  if (policies.includes('anti-affinity') && policies.includes('affinity')) return 'Conflicting policies configured!';
  const unsupported = policies.filter((p) => !POLICIES.includes(String(p)));
  if (unsupported.length > 0) return `Invalid policies: ${unsupported.join(', ')}`;
  const extra = Object.keys(rest);
  if (extra.length > 0) return `unsupported fields: ${pyRepr(extra)}`;
  return { name, policy: String(policies[0]) };
}

/** The v2.1 jsonschema checks, in the order jsonschema reports them. */
function schemaCheck(req: ServerGroupRequest, body: unknown): { name: string; policy: string; rules: ServerGroupRecord['rules'] } | string {
  const spec = (body as { server_group?: unknown } | undefined)?.server_group;
  if (spec === undefined) return "'server_group' is a required property";
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return schemaError('server_group', spec, `${pyRepr(spec)} is not of type 'object'`);
  const group = spec as Record<string, unknown>;
  const newShape = at(req, '2.64');
  const allowed = [...POLICIES, ...(at(req, '2.15') ? SOFT_POLICIES : [])];
  const enumText = `is not one of ${pyRepr(allowed)}`;
  if (group.name !== undefined && (typeof group.name !== 'string' || group.name.trim() !== group.name || group.name.length < 1 || group.name.length > 255)) {
    return schemaError('name', group.name, typeof group.name === 'string' ? `${pyRepr(group.name)} is not a valid name` : `${pyRepr(group.name)} is not of type 'string'`);
  }
  if (!newShape && group.policies !== undefined) {
    const policies = group.policies;
    if (!Array.isArray(policies)) return schemaError('policies', policies, `${pyRepr(policies)} is not of type 'array'`);
    if (policies.length > 0 && !allowed.includes(policies[0] as string)) return schemaError('0', policies[0], `${pyRepr(policies[0])} ${enumText}`);
    if (new Set(policies).size !== policies.length) return schemaError('policies', policies, `${pyRepr(policies)} has non-unique elements`);
    if (policies.length === 0) return schemaError('policies', policies, '[] is too short');
    if (policies.length > 1) return schemaError('policies', policies, `${pyRepr(policies)} is too long`);
  }
  if (newShape && group.policy !== undefined && !allowed.includes(group.policy as string)) return schemaError('policy', group.policy, `${pyRepr(group.policy)} ${enumText}`);
  if (newShape && group.rules !== undefined) {
    const rules = group.rules;
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return schemaError('rules', rules, `${pyRepr(rules)} is not of type 'object'`);
    const max = (rules as Record<string, unknown>).max_server_per_host;
    if (max !== undefined && !(Number.isInteger(Number(max)) && Number(max) >= 1 && /^[0-9]+$/.test(String(max)))) {
      return schemaError('max_server_per_host', max, `${pyRepr(max)} is less than the minimum of 1`);
    }
    const extra = Object.keys(rules).find((key) => key !== 'max_server_per_host');
    if (extra) return schemaError('rules', rules, `Additional properties are not allowed ('${extra}' was unexpected)`);
  }
  for (const required of ['name', newShape ? 'policy' : 'policies']) {
    if (group[required] === undefined) return schemaError('server_group', group, `'${required}' is a required property`);
  }
  const extra = Object.keys(group).filter((key) => !['name', newShape ? 'policy' : 'policies', ...(newShape ? ['rules'] : [])].includes(key));
  if (extra.length > 0) return schemaError('server_group', group, `Additional properties are not allowed (${extra.map(pyRepr).join(', ')} ${extra.length > 1 ? 'were' : 'was'} unexpected)`);
  const policy = newShape ? String(group.policy) : String((group.policies as unknown[])[0]);
  const rawRules = (group.rules ?? {}) as { max_server_per_host?: unknown };
  const rules = rawRules.max_server_per_host === undefined ? {} : { max_server_per_host: Number(rawRules.max_server_per_host) };
  return { name: String(group.name), policy, rules };
}

function createGroup(req: ServerGroupRequest): Reply {
  const { core, ctx } = req;
  let checked: { name: string; policy: string; rules?: ServerGroupRecord['rules'] } | string;
  if (legacy(core)) {
    const result = legacyCheck((ctx.body as { server_group?: unknown } | undefined)?.server_group);
    checked = typeof result === 'string' ? `Invalid input received: ${result}` : result;
  } else {
    checked = schemaCheck(req, ctx.body);
  }
  if (typeof checked === 'string') return fail(req, 400, checked);
  if (at(req, '2.64') && checked.policy !== 'anti-affinity' && Object.keys(checked.rules ?? {}).length > 0) return fail(req, 400, 'Only anti-affinity policy supports rules.');
  const group: ServerGroupRecord = {
    id: uuid(core.rng), name: checked.name, policy: checked.policy, rules: checked.rules ?? {}, projectId: req.projectId, userId: req.userId, members: [], createdAt: ctx.now,
  };
  core.state.serverGroups.set(group.id, group);
  return reply(req, 200, { server_group: groupView(req, group) });
}

/**
 * Reads the `group` scheduler hint of a boot request (`os:scheduler_hints` or
 * `OS-SCH-HNT:scheduler_hints` next to `server`). Returns the group, nothing, or nova's 400 text.
 * On Icehouse a hint that is not a UUID names a group, created with policy `legacy` when missing.
 *
 * @example
 * const hint = groupFromHints(core, ctx.body, projectId, userId, ctx.now); if (hint.error) return err(req, 400, hint.error);
 */
export function groupFromHints(core: SimCore, body: unknown, projectId: string, userId: string, now: number): { group?: ServerGroupRecord; error?: string } {
  const record = (body ?? {}) as Record<string, unknown>;
  const hints = (record['os:scheduler_hints'] ?? record['OS-SCH-HNT:scheduler_hints']) as Record<string, unknown> | undefined;
  const hint = hints?.group;
  if (hint === undefined || hint === null || hint === '') return {};
  const text = String(hint);
  if (!UUID.test(text)) {
    if (!legacy(core)) return { error: schemaError('group', hint, `${pyRepr(hint)} is not a 'uuid'`) };
    const named = [...core.state.serverGroups.values()].find((g) => g.projectId === projectId && g.name === text);
    if (named) return { group: named };
    const group: ServerGroupRecord = { id: uuid(core.rng), name: text, policy: 'legacy', rules: {}, projectId, userId, members: [], createdAt: now };
    core.state.serverGroups.set(group.id, group);
    return { group };
  }
  const group = core.state.serverGroups.get(text);
  if (!group || group.projectId !== projectId) return { error: `Instance group ${text} could not be found.` };
  return { group };
}

/**
 * Adds a new server to its group. With one simulated host, an anti-affinity group that already has
 * `max_server_per_host` placed members makes the build fail with nova's "No valid host" fault.
 *
 * @example
 * joinGroup(core, group, server, ctx.now);
 */
export function joinGroup(core: SimCore, group: ServerGroupRecord, server: ServerRecord, now: number): void {
  if (group.policy === 'anti-affinity' && server.buildFault === null) {
    const placed = liveMembers(core, group, now).filter((s) => s.buildFault === null).length;
    if (placed >= (group.rules.max_server_per_host ?? 1)) server.buildFault = { code: 500, message: NO_VALID_HOST };
  }
  group.members.push(server.id);
}

/**
 * The ids of the groups a server belongs to (nova's `server_groups`, shown from 2.71).
 *
 * @example
 * view.server_groups = serverGroupsOf(core, server.id);
 */
export function serverGroupsOf(core: SimCore, serverId: string): string[] {
  return [...core.state.serverGroups.values()].filter((g) => g.members.includes(serverId)).map((g) => g.id);
}
