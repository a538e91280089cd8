/**
 * Glance's image records (v2 JSON, v1 `x-image-meta-*` headers) and the one normalized {@link Image} both become.
 * Schemas are loose: every glance release adds fields, and arbitrary image properties sit at the top level in v2.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';

/** Fields glance v1 and v2 records share. */
const commonImageFields = {
  id: z.string(),
  name: z.string().nullish(),
  status: z.string(),
  size: z.number().nullish(),
  disk_format: z.string().nullish(),
  container_format: z.string().nullish(),
  checksum: z.string().nullish(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  min_disk: z.number().nullish(),
  min_ram: z.number().nullish(),
};

/** An image as glance v2 returns it from show, list and create. */
export const rawImageV2Schema = lazySchema(() => z.looseObject({
  ...commonImageFields,
  visibility: z.string().optional(),
  tags: z.array(z.string()).default([]),
  owner: z.string().nullish(),
}));
/** A glance v2 image record. */
export type RawImageV2 = z.infer<typeof rawImageV2Schema>;

/** An image as glance v1 lists it (`GET /v1/images/detail`, `POST /v1/images`). */
export const rawImageV1Schema = lazySchema(() => z.looseObject({
  ...commonImageFields,
  is_public: z.boolean().optional(),
  properties: z.record(z.string(), z.unknown()).default({}),
}));
/** A glance v1 image record. */
export type RawImageV1 = z.infer<typeof rawImageV1Schema>;

/**
 * An image, the same on glance v1 and v2.
 *
 * @example
 * const image: Image = await getImage(cloud, 'cirros'); // { id, name: 'cirros', status: 'active', diskFormat: 'qcow2', … }
 */
export interface Image {
  id: string;
  name: string;
  /** `queued`, `saving`, `active`, `killed`, `deleted`, `pending_delete`, `deactivated`, `uploading`, `importing`. */
  status: string;
  /** `public`, `private`, `shared` or `community` (v1: `public` or `private` from `is_public`). */
  visibility: string;
  /** Bytes; undefined until data is uploaded. */
  size?: number;
  diskFormat?: string;
  containerFormat?: string;
  /** MD5 of the data, as glance reports it. */
  checksum?: string;
  createdAt?: string;
  updatedAt?: string;
  minDiskGb: number;
  minRamMb: number;
  /** A protected image cannot be deleted. */
  protected: boolean;
  /** The owning project's id. */
  owner?: string;
  tags: string[];
  /** Every other property (v2: the extra top-level keys; v1: `properties`). */
  properties: Record<string, unknown>;
}

/** Keys of a v2 record that are not free-form image properties. */
const V2_CORE_KEYS = new Set([
  'id', 'name', 'status', 'visibility', 'size', 'virtual_size', 'disk_format', 'container_format', 'checksum', 'created_at', 'updated_at',
  'min_disk', 'min_ram', 'tags', 'self', 'file', 'schema', 'locations', 'direct_url',
]);

/** Glance says `2026-11-23T06:46:23Z`; older releases leave the zone off (UTC all the same). */
export function utcTimestamp(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
}

/**
 * The normalized {@link Image} of a glance v2 record.
 *
 * @example
 * normalizeImageV2({ id: 'b39b…', name: 'fx-image', status: 'active', disk_format: 'raw', tags: [] }).diskFormat // 'raw'
 */
export function normalizeImageV2(raw: RawImageV2): Image {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!V2_CORE_KEYS.has(key)) properties[key] = value;
  return { ...commonImage(raw), visibility: raw.visibility ?? 'private', tags: raw.tags, properties, protected: raw.protected === true, ...(raw.owner ? { owner: raw.owner } : {}) };
}

/**
 * The normalized {@link Image} of a glance v1 record (`is_public` becomes `visibility`).
 *
 * @example
 * normalizeImageV1({ id: 'x', name: 'cirros', status: 'active', is_public: true, properties: {} }).visibility // 'public'
 */
export function normalizeImageV1(raw: RawImageV1): Image {
  return { ...commonImage(raw), visibility: raw.is_public ? 'public' : 'private', tags: [], properties: { ...raw.properties }, protected: raw.protected === true, ...(typeof raw.owner === 'string' && raw.owner ? { owner: raw.owner } : {}) };
}

/** The fields glance v1 and v2 records map the same way. */
function commonImage(raw: RawImageV1 | RawImageV2): Omit<Image, 'visibility' | 'tags' | 'properties' | 'protected' | 'owner'> {
  return {
    id: raw.id,
    name: raw.name ?? '',
    status: raw.status,
    size: raw.size ?? undefined,
    diskFormat: raw.disk_format ?? undefined,
    containerFormat: raw.container_format ?? undefined,
    checksum: raw.checksum ?? undefined,
    createdAt: utcTimestamp(raw.created_at),
    updatedAt: utcTimestamp(raw.updated_at),
    minDiskGb: raw.min_disk ?? 0,
    minRamMb: raw.min_ram ?? 0,
  };
}
