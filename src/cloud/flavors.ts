/**
 * The porcelain for flavors: list, find by name or id (nova looks up by id only, so names are matched on the
 * list), and pick the smallest flavor that is big enough.
 */
import { NotFoundError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { findFlavorById, listFlavors as listFlavorsRest, type Flavor } from '../services/compute/flavors.js';
import type { CloudScope } from './cloud-context.js';
import { findOne, resolveOne, type Lookup } from './resolve.js';
import { collect } from './collect.js';

export type { Flavor } from '../services/compute/flavors.js';


function flavorLookup(compute: ServiceClient, signal?: AbortSignal): Lookup<Flavor> {
  // One list serves both the name match and the "what exists" message; flavors are few.
  let all: Promise<Flavor[]> | undefined;
  const list = () => (all ??= collect(listFlavorsRest(compute, signal)));
  return { kind: 'flavor', client: compute, byId: (id) => findFlavorById(compute, id, signal), byName: list, all: list, id: (f) => f.id, name: (f) => f.name };
}

/**
 * Every flavor with its details.
 *
 * @example
 * for await (const f of listFlavors(cloud)) console.log(f.name, f.ram, f.vcpus);
 */
export async function* listFlavors(cloud: CloudScope, options: { signal?: AbortSignal } = {}): AsyncIterable<Flavor> {
  yield* listFlavorsRest(await cloud.service('compute', options.signal), options.signal);
}

/**
 * The flavor with this id or name, or `undefined`; several with that name raise `AmbiguousMatchError`.
 *
 * @example
 * const f = await findFlavor(cloud, 'm1.small');
 */
export async function findFlavor(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Flavor | undefined> {
  return findOne(flavorLookup(await cloud.service('compute', options.signal), options.signal), nameOrId);
}

/**
 * The flavor with this id or name; `NotFoundError` listing the flavors that exist when there is none.
 *
 * @example
 * const f = await getFlavor(cloud, '42');
 */
export async function getFlavor(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Flavor> {
  return resolveOne(flavorLookup(await cloud.service('compute', options.signal), options.signal), nameOrId);
}

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
  const all = await collect(listFlavorsRest(compute, options.signal));
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
