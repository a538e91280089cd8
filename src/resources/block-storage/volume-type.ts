/**
 * Cinder volume types (`/types`, every API version): what a volume is made of (backend, QoS, encryption), named
 * at create (`createVolume({ volumeType })`) and changed by a retype. Members list and read them; admins create,
 * update and delete them (cinder answers 403 otherwise).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';

/** A volume type as cinder returns it. */
export const rawVolumeTypeSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  is_public: z.boolean().nullish(),
  'os-volume-type-access:is_public': z.boolean().nullish(),
  // Members see no extra specs on some releases (absent or null).
  extra_specs: z.record(z.string(), z.string()).nullish(),
}));
/** A cinder volume type record. */
export type RawVolumeType = z.infer<typeof rawVolumeTypeSchema>;

/**
 * A volume type, the same on cinder v1, v2 and v3.
 *
 * @example
 * const t: VolumeType = await cloud.getVolumeType('__DEFAULT__'); // { name: '__DEFAULT__', isPublic: true, extraSpecs: {} }
 */
export interface VolumeType {
  id: string;
  name: string;
  description?: string;
  /** Visible to every project (false: only to projects given access). */
  isPublic: boolean;
  /** Backend hints (`volume_backend_name`, `multiattach`, …); empty when the cloud hides them from members. */
  extraSpecs: Record<string, string>;
}

/** What `createVolumeType` sends. */
export interface VolumeTypeBody {
  name: string;
  description?: string;
  /** Default true. */
  isPublic?: boolean;
  extraSpecs?: Record<string, string>;
}

/** What `updateVolumeType` can change. */
export interface VolumeTypeChanges {
  name?: string;
  description?: string;
  isPublic?: boolean;
}

/** Filters of `listVolumeTypes`. */
export interface VolumeTypeFilters {
  name: string;
  isPublic: boolean;
}

/**
 * The volume type kind.
 *
 * @example
 * for await (const t of listResources(cloud, volumeTypeKind)) console.log(t.name);
 */
export const volumeTypeKind = defineResourceKind<RawVolumeType, VolumeType, VolumeTypeBody, VolumeTypeChanges, VolumeTypeFilters>({
  name: 'volume type',
  service: 'block-storage',
  schema: rawVolumeTypeSchema,
  layout: () => ({ path: '/types', one: 'volume_type', many: 'volume_types' }),
  idIsUuid: true,
  id: (t) => t.id,
  nameOf: (t) => t.name ?? '',
  normalize: (t) => ({
    id: t.id,
    name: t.name ?? '',
    ...(t.description ? { description: t.description } : {}),
    isPublic: t.is_public ?? t['os-volume-type-access:is_public'] ?? true,
    extraSpecs: t.extra_specs ?? {},
  }),
  filters: {
    // cinder has no name filter on types: the name is matched here.
    name: { param: () => undefined, matches: (t, name) => t.name === name },
    isPublic: { param: 'is_public', matches: (t, v) => (t.is_public ?? t['os-volume-type-access:is_public'] ?? true) === v },
  },
  createBody: (input) => ({
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    'os-volume-type-access:is_public': input.isPublic ?? true,
    ...(input.extraSpecs ? { extra_specs: input.extraSpecs } : {}),
  }),
  updateBody: (changes) => ({
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(changes.isPublic !== undefined ? { is_public: changes.isPublic } : {}),
  }),
});
