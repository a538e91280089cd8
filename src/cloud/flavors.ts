/**
 * Flavor porcelain on top of the flavor kind: the smallest flavor that is big enough, and the admin calls that
 * are not a generic verb — extra specs (`os-extra_specs`) and which projects may use a private flavor
 * (`os-flavor-access`). A project member gets nova's policy 403 as `ForbiddenError`.
 */
import { z } from 'zod';
import { lazySchema } from '../internal/lazy-schema.js';
import { CanopyError, NotFoundError } from '../errors/index.js';
import { flavorKind, normalizeFlavor, type Flavor } from '../resources/compute/flavor.js';
import { parseBody } from '../services/compute/parse-body.js';
import { getRaw } from '../verbs/find-resource.js';
import { listRaw } from '../verbs/rest-calls.js';
import type { CloudScope } from './cloud-context.js';
import { collect } from './collect.js';

/** What {@link Cloud.smallestFlavor} must at least offer. */
export interface SmallestFlavorOptions {
  /** RAM, MB. */
  minRamMb: number;
  minVcpus?: number;
  /** Root disk, GB. */
  minDiskGb?: number;
  /** Only flavors whose name contains this (e.g. `m1.`). */
  nameIncludes?: string;
  signal?: AbortSignal;
}

/**
 * The smallest enabled flavor with at least the given RAM (and vCPUs, disk): least RAM first, then fewest
 * vCPUs, then smallest disk. `NotFoundError` naming the largest flavor there is when none is big enough.
 *
 * @example
 * const f = await smallestFlavor(cloud, { minRamMb: 512 }); // m1.tiny on a default devstack
 */
export async function smallestFlavor(cloud: CloudScope, options: SmallestFlavorOptions): Promise<Flavor> {
  const compute = await cloud.service('compute', options.signal);
  const all = (await collect(listRaw(flavorKind, compute, { signal: options.signal }))).map(normalizeFlavor);
  const fits = all
    .filter((f) => !f.disabled && f.ram >= options.minRamMb && f.vcpus >= (options.minVcpus ?? 0) && f.disk >= (options.minDiskGb ?? 0))
    .filter((f) => options.nameIncludes === undefined || f.name.includes(options.nameIncludes))
    .sort((a, b) => a.ram - b.ram || a.vcpus - b.vcpus || a.disk - b.disk || a.name.localeCompare(b.name));
  const best = fits[0];
  if (best) return best;
  const wanted = [`${options.minRamMb} MB RAM`, options.minVcpus ? `${options.minVcpus} vCPUs` : '', options.minDiskGb ? `${options.minDiskGb} GB disk` : '', options.nameIncludes ? `a name with "${options.nameIncludes}"` : '']
    .filter(Boolean)
    .join(', ');
  const have = all.map((f) => `${f.name} (${f.ram} MB, ${f.vcpus} vCPU, ${f.disk} GB)`).join(', ') || 'none';
  throw new NotFoundError(
    { method: 'GET', url: `${compute.endpoint}/flavors/detail`, service: 'compute', serviceMessage: `no flavor with at least ${wanted}` },
    { message: `no flavor with at least ${wanted}; flavors: ${have}` },
  );
}

/** Options of the flavor admin calls. */
export interface FlavorCallOptions {
  signal?: AbortSignal;
}

const specsSchema = lazySchema(() => z.looseObject({ extra_specs: z.record(z.string(), z.string()) }));

async function flavorPath(cloud: CloudScope, nameOrId: string, signal?: AbortSignal) {
  const compute = await cloud.service('compute', signal);
  const flavor = await getRaw(cloud, flavorKind, nameOrId, { signal });
  return { compute, flavor, path: `/flavors/${encodeURIComponent(flavor.id)}` };
}

/**
 * A flavor's extra specs (scheduler and hypervisor hints such as `hw:cpu_policy`).
 *
 * @example
 * const specs = await getFlavorExtraSpecs(cloud, 'm1.tiny'); // { 'hw:cpu_policy': 'dedicated' }
 */
export async function getFlavorExtraSpecs(cloud: CloudScope, nameOrId: string, options: FlavorCallOptions = {}): Promise<Record<string, string>> {
  const { compute, path } = await flavorPath(cloud, nameOrId, options.signal);
  const body = await compute.get(`${path}/os-extra_specs`, { signal: options.signal, fresh: true });
  return parseBody(specsSchema, body, { service: 'compute', what: 'GET /flavors/{id}/os-extra_specs' }).extra_specs;
}

/**
 * Sets extra specs on a flavor (admins); the keys not named stay as they are. Resolves to every spec the flavor has.
 *
 * @example
 * await setFlavorExtraSpecs(cloud, 'gold', { 'hw:cpu_policy': 'dedicated' });
 */
export async function setFlavorExtraSpecs(cloud: CloudScope, nameOrId: string, specs: Record<string, string>, options: FlavorCallOptions = {}): Promise<Record<string, string>> {
  const { compute, path } = await flavorPath(cloud, nameOrId, options.signal);
  await compute.post(`${path}/os-extra_specs`, { extra_specs: specs }, { signal: options.signal });
  const body = await compute.get(`${path}/os-extra_specs`, { signal: options.signal, fresh: true });
  return parseBody(specsSchema, body, { service: 'compute', what: 'GET /flavors/{id}/os-extra_specs' }).extra_specs;
}

/**
 * Removes extra specs from a flavor (admins); a key it does not have is skipped. Resolves to the keys removed.
 *
 * @example
 * const { removed } = await unsetFlavorExtraSpecs(cloud, 'gold', ['hw:cpu_policy']);
 */
export async function unsetFlavorExtraSpecs(cloud: CloudScope, nameOrId: string, keys: readonly string[], options: FlavorCallOptions = {}): Promise<{ removed: string[] }> {
  const { compute, path } = await flavorPath(cloud, nameOrId, options.signal);
  const removed: string[] = [];
  for (const key of keys) {
    const response = await compute.request('DELETE', `${path}/os-extra_specs/${encodeURIComponent(key)}`, { signal: options.signal, okStatuses: [404] });
    if (response.status !== 404) removed.push(key);
  }
  return { removed };
}

const accessSchema = lazySchema(() => z.looseObject({ flavor_access: z.array(z.looseObject({ flavor_id: z.union([z.string(), z.number()]).transform(String), tenant_id: z.string() })) }));

function projectsOf(body: unknown, what: string): string[] {
  return parseBody(accessSchema, body, { service: 'compute', what }).flavor_access.map((a) => a.tenant_id);
}

function requirePrivate(flavor: { id: string; name: string; 'os-flavor-access:is_public'?: boolean }, verb: string): void {
  if (flavor['os-flavor-access:is_public'] ?? true) throw new CanopyError(`flavor "${flavor.name}" (${flavor.id}) is public: every project can use it, so there is no access list to ${verb}`);
}

/**
 * The projects given access to a private flavor (admins). A public flavor has no such list (`CanopyError`).
 *
 * @example
 * const projects = await listFlavorAccess(cloud, 'gold'); // ['9f1c…']
 */
export async function listFlavorAccess(cloud: CloudScope, nameOrId: string, options: FlavorCallOptions = {}): Promise<string[]> {
  const { compute, flavor, path } = await flavorPath(cloud, nameOrId, options.signal);
  requirePrivate(flavor, 'read');
  return projectsOf(await compute.get(`${path}/os-flavor-access`, { signal: options.signal, fresh: true }), 'GET /flavors/{id}/os-flavor-access');
}

/**
 * Lets a project use a private flavor (admins); idempotent. Resolves to every project with access.
 *
 * @example
 * await addFlavorAccess(cloud, 'gold', projectId);
 */
export async function addFlavorAccess(cloud: CloudScope, nameOrId: string, projectId: string, options: FlavorCallOptions = {}): Promise<string[]> {
  const { compute, flavor, path } = await flavorPath(cloud, nameOrId, options.signal);
  requirePrivate(flavor, 'add to');
  const current = projectsOf(await compute.get(`${path}/os-flavor-access`, { signal: options.signal, fresh: true }), 'GET /flavors/{id}/os-flavor-access');
  if (current.includes(projectId)) return current;
  return projectsOf(await compute.post(`${path}/action`, { addTenantAccess: { tenant: projectId } }, { signal: options.signal }), 'POST /flavors/{id}/action');
}

/**
 * Takes a project's access to a private flavor away (admins); idempotent. Resolves to the projects left.
 *
 * @example
 * await removeFlavorAccess(cloud, 'gold', projectId);
 */
export async function removeFlavorAccess(cloud: CloudScope, nameOrId: string, projectId: string, options: FlavorCallOptions = {}): Promise<string[]> {
  const { compute, flavor, path } = await flavorPath(cloud, nameOrId, options.signal);
  requirePrivate(flavor, 'remove from');
  const current = projectsOf(await compute.get(`${path}/os-flavor-access`, { signal: options.signal, fresh: true }), 'GET /flavors/{id}/os-flavor-access');
  if (!current.includes(projectId)) return current;
  return projectsOf(await compute.post(`${path}/action`, { removeTenantAccess: { tenant: projectId } }, { signal: options.signal }), 'POST /flavors/{id}/action');
}
