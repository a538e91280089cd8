/**
 * Nova flavors as a resource kind. Nova finds flavors only by id (`GET /flavors/m1.tiny` is a 404), so a name is
 * matched on the list — which a lookup reads first (it is cached), asking by id only when the list lacks the query. Creating, deleting and describing flavors is for admins (a member gets nova's policy 403
 * as `ForbiddenError`); a description needs compute 2.55. Extra specs and project access live in
 * `src/cloud/flavors.ts`.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { requireMicroversion } from '../gates.js';
import { defineResourceKind } from '../resource-kind.js';

/** A flavor as `GET /flavors/detail` and `GET /flavors/{id}` return it. */
export const flavorRecordSchema = lazySchema(() => z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  ram: z.number(),
  vcpus: z.number(),
  disk: z.number(),
  // An integer since 2.75; before that "" when there is no swap.
  swap: z.union([z.number(), z.string()]).optional(),
  'OS-FLV-EXT-DATA:ephemeral': z.number().optional(),
  'os-flavor-access:is_public': z.boolean().optional(),
  'OS-FLV-DISABLED:disabled': z.boolean().optional(),
  extra_specs: z.record(z.string(), z.string()).optional(),
  description: z.string().nullish(),
}));
/** A nova flavor record. */
export type FlavorRecord = z.infer<typeof flavorRecordSchema>;

/**
 * A flavor, the same at every microversion.
 *
 * @example
 * const f: Flavor = await cloud.getFlavor('m1.tiny'); // { id: '1', name: 'm1.tiny', ram: 512, vcpus: 1, disk: 1, swap: 0, … }
 */
// A type alias rather than an interface so a Flavor also fits where a loose raw record is expected.
export type Flavor = {
  id: string;
  name: string;
  /** MB. */
  ram: number;
  vcpus: number;
  /** Root disk, GB. */
  disk: number;
  /** Ephemeral disk, GB. */
  ephemeral: number;
  /** Swap, MB (0 when none). */
  swap: number;
  isPublic: boolean;
  disabled: boolean;
  description?: string;
  /** Present from 2.61 (in detail lists and shows). */
  extraSpecs?: Record<string, string>;
};

/** What `createFlavor` takes (admins). */
export interface FlavorInput {
  name: string;
  /** MB. */
  ram: number;
  vcpus: number;
  /** Root disk, GB (0: the image's size). */
  disk: number;
  /** Nova makes a UUID when left out. */
  id?: string;
  /** Ephemeral disk, GB. */
  ephemeral?: number;
  /** Swap, MB. */
  swap?: number;
  /** `false` makes a private flavor: only projects given access see it (default true). */
  isPublic?: boolean;
  /** Compute 2.55+. */
  description?: string;
}

/** What `updateFlavor` can change: only the description (compute 2.55+); everything else is fixed for life. */
export interface FlavorChanges {
  description: string;
}

/** Filters of `listFlavors`. */
export interface FlavorFilters {
  name: string;
  /** At least this much RAM, MB. */
  minRam: number;
  /** At least this root disk, GB. */
  minDisk: number;
  /** Admins: `false` lists the private flavors, `'None'` every flavor (nova lists the public ones by default). */
  isPublic: boolean | 'None';
}

/**
 * The normalized {@link Flavor} of a nova record.
 *
 * @example
 * normalizeFlavor({ id: '1', name: 'm1.tiny', ram: 512, vcpus: 1, disk: 1, swap: '' }).swap // 0
 */
export function normalizeFlavor(raw: FlavorRecord): Flavor {
  const swap = typeof raw.swap === 'number' ? raw.swap : Number.parseInt(raw.swap ?? '', 10) || 0;
  return {
    id: raw.id,
    name: raw.name,
    ram: raw.ram,
    vcpus: raw.vcpus,
    disk: raw.disk,
    ephemeral: raw['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
    swap,
    isPublic: raw['os-flavor-access:is_public'] ?? true,
    disabled: raw['OS-FLV-DISABLED:disabled'] ?? false,
    description: raw.description ?? undefined,
    extraSpecs: raw.extra_specs,
  };
}

/**
 * The flavor kind.
 *
 * @example
 * const f = await getResource(cloud, flavorKind, 'm1.tiny');
 */
export const flavorKind = defineResourceKind<FlavorRecord, Flavor, FlavorInput, FlavorChanges, FlavorFilters>({
  name: 'flavor',
  service: 'compute',
  schema: flavorRecordSchema,
  layout: () => ({ path: '/flavors', listPath: '/flavors/detail', one: 'flavor', many: 'flavors' }),
  idIsUuid: false,
  id: (f) => f.id,
  nameOf: (f) => f.name,
  normalize: normalizeFlavor,
  filters: {
    name: { param: () => undefined, matches: (f, v) => f.name === v },
    minRam: { param: 'minRam', matches: (f, v) => f.ram >= Number(v) },
    minDisk: { param: 'minDisk', matches: (f, v) => f.disk >= Number(v) },
    isPublic: { param: 'is_public', matches: (f, v) => v === 'None' || (f['os-flavor-access:is_public'] ?? true) === v },
  },
  lookupFilters: { isPublic: 'None' },
  // Ids are free-form but people pass names: match the cached detail list first (one request), GET by id only
  // for what it lacks (a private flavor the project may still boot).
  lookupByList: true,
  createBody: (input, compute) => {
    if (input.description !== undefined) requireMicroversion(compute, '2.55', 'flavor descriptions');
    return {
      name: input.name,
      ram: input.ram,
      vcpus: input.vcpus,
      disk: input.disk,
      ...(input.id !== undefined ? { id: input.id } : {}),
      ...(input.ephemeral !== undefined ? { 'OS-FLV-EXT-DATA:ephemeral': input.ephemeral } : {}),
      ...(input.swap !== undefined ? { swap: input.swap } : {}),
      ...(input.isPublic !== undefined ? { 'os-flavor-access:is_public': input.isPublic } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
  },
  updateBody: (changes, compute) => {
    requireMicroversion(compute, '2.55', 'flavor descriptions');
    return { description: changes.description };
  },
});
