/**
 * Reading each service's quotas into the one {@link Quota} shape, in every era: nova `os-quota-sets/{id}/detail`
 * (v2.1) or `os-quota-sets` + `limits` (v2); neutron `quotas/{id}/details` (with `quota_details`) or `quotas/{id}`
 * and counting; cinder `os-quota-sets/{id}?usage=true` (per volume type too); Swift's account quota headers.
 */
import type { ServiceClient } from '../../http/service-client.js';
import { num, quotaOf, type Quota, type ServiceLimits } from './quota-model.js';

type Body = Record<string, unknown>;

function objectAt(body: unknown, key: string): Body {
  const value = body && typeof body === 'object' ? (body as Body)[key] : undefined;
  return value && typeof value === 'object' ? (value as Body) : {};
}

function fromDetail(service: Quota['service'], set: Body, usedKey: 'in_use' | 'used'): Quota[] {
  const out: Quota[] = [];
  for (const [resource, value] of Object.entries(set)) {
    if (resource === 'id' || !value || typeof value !== 'object') continue;
    const v = value as Body;
    out.push(quotaOf(service, resource, num(v.limit, -1), num(v[usedKey]), num(v.reserved)));
  }
  return out;
}

/** Nova v2's `limits` counters for the quotas they cover. */
const NOVA_USED_FROM_LIMITS: Record<string, string> = {
  instances: 'totalInstancesUsed', cores: 'totalCoresUsed', ram: 'totalRAMUsed', floating_ips: 'totalFloatingIpsUsed',
  security_groups: 'totalSecurityGroupsUsed', server_groups: 'totalServerGroupsUsed',
};

/**
 * A service's `GET /limits` (nova or cinder).
 *
 * @example
 * (await serviceLimits(compute)).absolute.maxTotalInstances // 10
 */
export async function serviceLimits(client: ServiceClient, service: ServiceLimits['service'], signal?: AbortSignal): Promise<ServiceLimits> {
  const limits = objectAt(await client.get('/limits', { signal }), 'limits');
  const absolute: Record<string, number> = {};
  for (const [key, value] of Object.entries(objectAt(limits, 'absolute'))) absolute[key] = num(value, -1);
  return { service, absolute, rate: Array.isArray(limits.rate) ? limits.rate : [] };
}

/**
 * Nova's quotas with usage: `/detail` where the API is v2.1, else the quota set and the `limits` counters (key
 * pairs counted).
 *
 * @example
 * await computeQuotas(compute, projectId) // [{ service: 'compute', resource: 'instances', limit: 10, used: 2, reserved: 0, remaining: 8 }, …]
 */
export async function computeQuotas(client: ServiceClient, projectId: string, signal?: AbortSignal): Promise<Quota[]> {
  const path = `/os-quota-sets/${encodeURIComponent(projectId)}`;
  if (client.microversion) return fromDetail('compute', objectAt(await client.get(`${path}/detail`, { signal }), 'quota_set'), 'in_use');
  const set = objectAt(await client.get(path, { signal }), 'quota_set');
  const { absolute } = await serviceLimits(client, 'compute', signal);
  const out: Quota[] = [];
  for (const [resource, limit] of Object.entries(set)) {
    if (resource === 'id') continue;
    let used = num(absolute[NOVA_USED_FROM_LIMITS[resource] ?? ''], 0);
    if (resource === 'key_pairs') used = (await client.get<{ keypairs?: unknown[] }>('/os-keypairs', { signal })).keypairs?.length ?? 0;
    out.push(quotaOf('compute', resource, num(limit, -1), used));
  }
  return out;
}

/** Neutron's collection path of each quota, for counting where `quota_details` is missing. */
const NEUTRON_COLLECTIONS: Record<string, string> = {
  network: 'networks', subnet: 'subnets', port: 'ports', router: 'routers', floatingip: 'floatingips',
  security_group: 'security-groups', security_group_rule: 'security-group-rules', subnetpool: 'subnetpools',
};

async function countNeutron(client: ServiceClient, collection: string, projectId: string, signal?: AbortSignal): Promise<number> {
  let n = 0;
  for await (const _ of client.paginate(`/${collection}`, { itemsKey: collection.replace(/-/g, '_'), searchParams: { tenant_id: projectId, fields: 'id' }, signal })) n++;
  return n;
}

/**
 * Neutron's quotas with usage: `/quotas/{id}/details` when the `quota_details` extension is loaded, else the
 * quota set with each collection counted (one list per resource).
 *
 * @example
 * await networkQuotas(neutron, projectId, aliases) // [{ service: 'network', resource: 'floatingip', limit: 50, used: 1, … }, …]
 */
export async function networkQuotas(client: ServiceClient, projectId: string, extensions: ReadonlySet<string>, signal?: AbortSignal): Promise<Quota[]> {
  const path = `/quotas/${encodeURIComponent(projectId)}`;
  if (extensions.has('quota_details')) return fromDetail('network', objectAt(await client.get(`${path}/details`, { signal }), 'quota'), 'used');
  const set = objectAt(await client.get(path, { signal }), 'quota');
  const out: Quota[] = [];
  for (const [resource, limit] of Object.entries(set)) {
    const collection = NEUTRON_COLLECTIONS[resource];
    out.push(quotaOf('network', resource, num(limit, -1), collection ? await countNeutron(client, collection, projectId, signal) : 0));
  }
  return out;
}

/**
 * Cinder's quotas with usage (`?usage=true`), the per-volume-type ones (`gigabytes_<type>`) carrying `volumeType`.
 *
 * @example
 * await blockStorageQuotas(cinder, projectId) // [{ service: 'block-storage', resource: 'gigabytes', limit: 1000, used: 2, … }, …]
 */
export async function blockStorageQuotas(client: ServiceClient, projectId: string, signal?: AbortSignal): Promise<Quota[]> {
  const set = objectAt(await client.get(`/os-quota-sets/${encodeURIComponent(projectId)}`, { searchParams: { usage: 'true' }, signal }), 'quota_set');
  return fromDetail('block-storage', set, 'in_use').map((q) => {
    const typed = /^(volumes|gigabytes|snapshots)_(.+)$/.exec(q.resource);
    return typed ? { ...q, volumeType: typed[2] as string } : q;
  });
}

/**
 * Swift's account quotas where the account has them (`X-Account-Meta-Quota-Bytes`, `…-Quota-Count`); none otherwise.
 *
 * @example
 * await objectStoreQuotas(swift) // [{ service: 'object-store', resource: 'bytes', limit: 1073741824, used: 20, … }]
 */
export async function objectStoreQuotas(client: ServiceClient, signal?: AbortSignal): Promise<Quota[]> {
  const { headers } = await client.request('HEAD', '', { signal });
  const out: Quota[] = [];
  const bytes = headers.get('x-account-meta-quota-bytes');
  if (bytes !== null) out.push(quotaOf('object-store', 'bytes', num(bytes, -1), num(headers.get('x-account-bytes-used'))));
  const count = headers.get('x-account-meta-quota-count');
  if (count !== null) out.push(quotaOf('object-store', 'objects', num(count, -1), num(headers.get('x-account-object-count'))));
  return out;
}
