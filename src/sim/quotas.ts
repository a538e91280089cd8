/**
 * Quotas of the simulated cloud, in each service's shape: nova `os-quota-sets/{project}` (`/detail` with usage),
 * neutron `quotas/{project}` (`/details` where the era lists `quota_details`), cinder `os-quota-sets/{project}`
 * (`?usage=true`, per volume type). Admins (the `admin` user) may read any project and `PUT`/`DELETE` them;
 * others read their own project only. Limits set by an admin are kept per cloud (not in the state file).
 *
 * @example
 * const reply = neutronQuotaRoutes(req); // undefined when the path is not a quota path
 */
import type { Reply, SimCore } from './core.js';
import { match } from './core.js';
import type { TokenRecord } from './state.js';
import { NOVA_QUOTAS } from './compute/limits.js';
import { extensionAliases } from './network/extensions.js';
import type { NetReq } from './network/shared.js';

type Service = 'compute' | 'network' | 'volume';

const overrides = new WeakMap<SimCore, Map<string, Record<string, number>>>();

function overridesOf(core: SimCore, service: Service, projectId: string): Record<string, number> {
  let byKey = overrides.get(core);
  if (!byKey) overrides.set(core, (byKey = new Map()));
  const key = `${service}:${projectId}`;
  let values = byKey.get(key);
  if (!values) byKey.set(key, (values = {}));
  return values;
}

/** Neutron's default quotas. */
const NEUTRON_QUOTAS: Record<string, number> = {
  network: 100, subnet: 100, subnetpool: -1, port: 500, router: 10, floatingip: 50, security_group: 10, security_group_rule: 100, rbac_policy: 10,
};

/** Cinder's default quotas (the lab's volume type is `lvmdriver-1`). */
const CINDER_QUOTAS: Record<string, number> = {
  volumes: 10, gigabytes: 1000, snapshots: 10, backups: 10, backup_gigabytes: 1000, per_volume_gigabytes: -1, groups: 10,
  'volumes___DEFAULT__': -1, 'gigabytes___DEFAULT__': -1, 'snapshots___DEFAULT__': -1,
};

/** True when the token belongs to the simulator's admin user. */
export function isAdminToken(core: SimCore, token: TokenRecord): boolean {
  return core.state.users.get(token.userId)?.name === 'admin';
}

/**
 * The limit in force for one quota: an admin's setting, else the cloud's knob, else the default.
 *
 * @example
 * quotaLimit(core, 'compute', projectId, 'instances') // 10
 */
export function quotaLimit(core: SimCore, service: Service, projectId: string, resource: string): number {
  const set = overridesOf(core, service, projectId)[resource];
  if (set !== undefined) return set;
  const knobs = core.knobs.quotas ?? {};
  const knob = service === 'compute' ? (resource === 'instances' ? knobs.instances : resource === 'floating_ips' ? knobs.floatingips : undefined)
    : service === 'network' ? (resource === 'network' ? knobs.networks : resource === 'floatingip' ? knobs.floatingips : undefined) : undefined;
  if (knob !== undefined) return knob;
  const defaults: Record<string, number> = service === 'compute' ? NOVA_QUOTAS : service === 'network' ? NEUTRON_QUOTAS : CINDER_QUOTAS;
  return defaults[resource] ?? -1;
}

/**
 * True when an admin has set this quota (so the service enforces it like a knob).
 *
 * @example
 * if (quotaIsSet(core, 'compute', projectId, 'instances')) …
 */
export function quotaIsSet(core: SimCore, service: Service, projectId: string, resource: string): boolean {
  return overridesOf(core, service, projectId)[resource] !== undefined;
}

function novaUsage(core: SimCore, projectId: string, userId: string): Record<string, number> {
  const live = [...core.state.servers.values()].filter((s) => s.projectId === projectId && s.vmState !== 'deleted');
  const flavors = live.map((s) => core.state.flavors.get(s.flavorId));
  return {
    instances: live.length, cores: flavors.reduce((n, f) => n + (f?.vcpus ?? 1), 0), ram: flavors.reduce((n, f) => n + (f?.ram ?? 0), 0),
    // key pairs belong to users: nova counts the caller's
    key_pairs: [...core.state.keypairs.values()].filter((k) => k.userId === userId).length,
    server_groups: [...core.state.serverGroups.values()].filter((g) => g.projectId === projectId).length,
  };
}

function neutronUsage(core: SimCore, projectId: string): Record<string, number> {
  const s = core.state;
  const count = <T extends { projectId: string }>(values: Iterable<T>, keep: (v: T) => boolean = () => true) => [...values].filter((v) => v.projectId === projectId && keep(v)).length;
  const groups = [...s.securityGroups.values()].filter((g) => g.projectId === projectId);
  return {
    network: count(s.networks.values()), subnet: count(s.subnets.values()), port: count(s.ports.values()), router: count(s.routers.values()),
    floatingip: count(s.floatingIps.values(), (f) => !f.deleted), security_group: groups.length,
    security_group_rule: groups.reduce((n, g) => n + g.rules.length, 0), subnetpool: count(s.subnetPools.values()),
  };
}

function cinderUsage(core: SimCore, projectId: string): Record<string, number> {
  const volumes = [...core.state.volumes.values()].filter((v) => v.projectId === projectId && !v.gone);
  const snapshots = [...core.state.snapshots.values()].filter((v) => v.projectId === projectId && !v.gone);
  const gigabytes = volumes.reduce((n, v) => n + v.size, 0) + snapshots.reduce((n, v) => n + v.size, 0);
  return { volumes: volumes.length, gigabytes, snapshots: snapshots.length, volumes___DEFAULT__: volumes.length, gigabytes___DEFAULT__: gigabytes };
}

/** Every quota of a service for a project: `{ resource: limit }`, or with usage `{ resource: { limit, in_use|used, reserved } }`. */
function quotaBody(core: SimCore, service: Service, projectId: string, detail: boolean, usedKey: 'in_use' | 'used', names: string[], userId = ''): Record<string, unknown> {
  const usage = service === 'compute' ? novaUsage(core, projectId, userId) : service === 'network' ? neutronUsage(core, projectId) : cinderUsage(core, projectId);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const limit = quotaLimit(core, service, projectId, name);
    out[name] = detail ? { limit, [usedKey]: usage[name] ?? 0, reserved: 0 } : limit;
  }
  return out;
}

function write(core: SimCore, service: Service, projectId: string, method: string, body: unknown, key: string, names: string[]): Record<string, number> | string | undefined {
  if (method === 'DELETE') {
    overrides.get(core)?.delete(`${service}:${projectId}`);
    return undefined;
  }
  const values = (body as Record<string, unknown> | undefined)?.[key];
  if (!values || typeof values !== 'object') return `Missing ${key} in request body.`;
  const set = overridesOf(core, service, projectId);
  for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
    if (name === 'force') continue;
    if (!names.includes(name)) return `Bad key(s) ${name} in quota_set`;
    const n = Number(value);
    if (!Number.isInteger(n) || n < -1) return `Invalid input for field/attribute ${name}. Value: ${String(value)}.`;
    set[name] = n;
  }
  return set;
}

/**
 * Nova's `os-quota-sets/{project}` (`GET`, `GET /detail`, admin `PUT` and `DELETE`).
 *
 * @example
 * novaQuotaRoutes(core, token, '/os-quota-sets/abc/detail', 'GET', body, (s, b) => ok(req, s, b), (s, m) => err(req, s, m), names)
 */
export function novaQuotaRoutes(core: SimCore, token: TokenRecord, rest: string, method: string, body: unknown, names: string[], reply: { ok(status: number, body?: unknown): Reply; err(status: number, message: string): Reply }): Reply | undefined {
  const p = match('/os-quota-sets/:project', rest) ?? match('/os-quota-sets/:project/detail', rest);
  if (!p) return undefined;
  const projectId = p.project ?? '';
  const admin = isAdminToken(core, token);
  const detail = rest.endsWith('/detail');
  if (method === 'GET') {
    if (projectId !== token.projectId && !admin) return reply.err(403, `Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.`);
    return reply.ok(200, { quota_set: { id: projectId, ...quotaBody(core, 'compute', projectId, detail, 'in_use', names, token.userId) } });
  }
  if (detail || (method !== 'PUT' && method !== 'DELETE')) return undefined;
  if (!admin) return reply.err(403, `Policy doesn't allow os_compute_api:os-quota-sets:${method === 'PUT' ? 'update' : 'delete'} to be performed.`);
  const result = write(core, 'compute', projectId, method, body, 'quota_set', names);
  if (typeof result === 'string') return reply.err(400, result);
  return method === 'DELETE' ? reply.ok(202) : reply.ok(200, { quota_set: quotaBody(core, 'compute', projectId, false, 'in_use', names) });
}

/**
 * Neutron's `quotas/{project}` and `quotas/{project}/details` (where the era has `quota_details`).
 *
 * @example
 * const reply = neutronQuotaRoutes(req);
 */
export function neutronQuotaRoutes(req: NetReq): Reply | undefined {
  const { core, rest, method, ctx } = req;
  const p = match('/quotas/:project', rest) ?? match('/quotas/:project/details', rest);
  if (!p) return undefined;
  const token = core.tokenOf(ctx);
  if (!token) return core.unauthorized(ctx);
  const projectId = p.project ?? '';
  const admin = isAdminToken(core, token);
  const details = rest.endsWith('/details');
  const names = Object.keys(NEUTRON_QUOTAS);
  if (details && !extensionAliases(core).includes('quota_details')) return core.errorReply('network', 404, 'HTTPNotFound', 'The resource could not be found.');
  if (method === 'GET') {
    if (projectId !== token.projectId && !admin) return core.errorReply('network', 403, 'HTTPForbidden', "rule:get_quota is disallowed by policy");
    return { status: 200, body: { quota: quotaBody(core, 'network', projectId, details, 'used', names) } };
  }
  if (details || (method !== 'PUT' && method !== 'DELETE')) return undefined;
  if (!admin) return core.errorReply('network', 403, 'HTTPForbidden', `rule:${method === 'PUT' ? 'update' : 'delete'}_quota is disallowed by policy`);
  const result = write(core, 'network', projectId, method, ctx.body, 'quota', names);
  if (typeof result === 'string') return core.errorReply('network', 400, 'HTTPBadRequest', result);
  return method === 'DELETE' ? { status: 204 } : { status: 200, body: { quota: quotaBody(core, 'network', projectId, false, 'used', names) } };
}

/**
 * Cinder's `limits` and `os-quota-sets/{project}` (`?usage=true`), admin `PUT` and `DELETE`. `sub` is the path below the
 * project segment.
 *
 * @example
 * const reply = cinderQuotaRoutes(core, ctx, token, sub);
 */
export function cinderQuotaRoutes(core: SimCore, token: TokenRecord, sub: string, method: string, query: URLSearchParams, body: unknown): Reply | undefined {
  if (sub === '/limits' && method === 'GET') {
    const used = cinderUsage(core, token.projectId);
    const limit = (name: string) => quotaLimit(core, 'volume', token.projectId, name);
    const absolute = {
      totalSnapshotsUsed: used.snapshots, maxTotalBackups: limit('backups'), maxTotalVolumeGigabytes: limit('gigabytes'), maxTotalSnapshots: limit('snapshots'),
      maxTotalBackupGigabytes: limit('backup_gigabytes'), totalBackupGigabytesUsed: 0, maxTotalVolumes: limit('volumes'), totalVolumesUsed: used.volumes,
      totalBackupsUsed: 0, totalGigabytesUsed: used.gigabytes,
    };
    return { status: 200, body: { limits: { rate: [], absolute } } };
  }
  const p = match('/os-quota-sets/:project', sub);
  if (!p) return undefined;
  const projectId = p.project ?? '';
  const admin = isAdminToken(core, token);
  const names = Object.keys(CINDER_QUOTAS);
  if (method === 'GET') {
    if (projectId !== token.projectId && !admin) return core.errorReply('volume', 403, undefined, 'Policy doesn\'t allow volume_extension:quotas:show to be performed.');
    return { status: 200, body: { quota_set: { id: projectId, ...quotaBody(core, 'volume', projectId, query.get('usage') === 'true', 'in_use', names) } } };
  }
  if (method !== 'PUT' && method !== 'DELETE') return undefined;
  if (!admin) return core.errorReply('volume', 403, undefined, `Policy doesn't allow volume_extension:quotas:${method === 'PUT' ? 'update' : 'delete'} to be performed.`);
  const result = write(core, 'volume', projectId, method, body, 'quota_set', names);
  if (typeof result === 'string') return core.errorReply('volume', 400, undefined, result);
  return method === 'DELETE' ? { status: 200 } : { status: 200, body: { quota_set: quotaBody(core, 'volume', projectId, false, 'in_use', names) } };
}
