/**
 * Cinder volume snapshots (v1 spells names `display_name`; v2 and v3 `name`).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { majorVersion } from '../gates.js';
import { defineResourceKind } from '../resource-kind.js';

/** A snapshot as cinder returns it. */
export const rawVolumeSnapshotSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  display_name: z.string().nullish(),
  description: z.string().nullish(),
  display_description: z.string().nullish(),
  status: z.string(),
  size: z.number(),
  volume_id: z.string(),
  metadata: z.record(z.string(), z.string()).nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  'os-extended-snapshot-attributes:progress': z.string().nullish(),
}));
/** A cinder snapshot record. */
export type RawVolumeSnapshot = z.infer<typeof rawVolumeSnapshotSchema>;

/**
 * A volume snapshot, the same on cinder v1, v2 and v3.
 *
 * @example
 * const s: VolumeSnapshot = await cloud.createVolumeSnapshot({ volume: 'data', name: 'nightly' }); // status 'available'
 */
export interface VolumeSnapshot {
  id: string;
  name: string;
  description?: string;
  /** `creating`, `available`, `deleting`, `error`, `error_deleting`, … */
  status: string;
  /** GiB, the size of the volume it was taken from. */
  size: number;
  volumeId: string;
  metadata: Record<string, string>;
  /** `100%` once done (where the cloud reports it). */
  progress?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** What `createVolumeSnapshot` sends once the volume is resolved to its id. */
export interface VolumeSnapshotBody {
  volumeId: string;
  name?: string;
  description?: string;
  /** Snapshot a volume that is attached (`in-use`). */
  force?: boolean;
  metadata?: Record<string, string>;
}

/** What `updateVolumeSnapshot` can change. */
export interface VolumeSnapshotChanges {
  name?: string;
  description?: string;
}

/** Filters of `listVolumeSnapshots`. */
export interface VolumeSnapshotFilters {
  name: string;
  status: string;
  volumeId: string;
}

const v1 = (client: ServiceClient) => majorVersion(client) === 1;

function names(client: ServiceClient, fields: { name?: string; description?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields.name !== undefined) out[v1(client) ? 'display_name' : 'name'] = fields.name;
  if (fields.description !== undefined) out[v1(client) ? 'display_description' : 'description'] = fields.description;
  return out;
}

/**
 * The volume snapshot kind.
 *
 * @example
 * for await (const s of listResources(cloud, volumeSnapshotKind)) console.log(s.name, s.status);
 */
export const volumeSnapshotKind = defineResourceKind<RawVolumeSnapshot, VolumeSnapshot, VolumeSnapshotBody, VolumeSnapshotChanges, VolumeSnapshotFilters>({
  name: 'volume snapshot',
  service: 'block-storage',
  schema: rawVolumeSnapshotSchema,
  layout: () => ({ path: '/snapshots', listPath: '/snapshots/detail', one: 'snapshot', many: 'snapshots' }),
  idIsUuid: true,
  id: (s) => s.id,
  nameOf: (s) => s.name ?? s.display_name ?? '',
  normalize: (s) => ({
    id: s.id,
    name: s.name ?? s.display_name ?? '',
    ...((s.description ?? s.display_description) ? { description: (s.description ?? s.display_description) as string } : {}),
    status: s.status,
    size: s.size,
    volumeId: s.volume_id,
    metadata: s.metadata ?? {},
    ...(s['os-extended-snapshot-attributes:progress'] ? { progress: s['os-extended-snapshot-attributes:progress'] } : {}),
    ...(s.created_at ? { createdAt: s.created_at } : {}),
    ...(s.updated_at ? { updatedAt: s.updated_at } : {}),
  }),
  status: { of: (s) => s.status, ready: ['available'], failed: ['error', 'error_deleting'] },
  filters: {
    name: { param: (client) => (v1(client) ? 'display_name' : 'name'), matches: (s, v) => (s.name ?? s.display_name) === v },
    status: { param: 'status', matches: (s, v) => s.status === v },
    volumeId: { param: 'volume_id', matches: (s, v) => s.volume_id === v },
  },
  createBody: (input, client) => ({
    volume_id: input.volumeId,
    ...names(client, input),
    // Only true is sent: from 3.66 cinder refuses `force: false` (in-use snapshots need no flag there).
    ...(input.force ? { force: true } : {}),
    ...(input.metadata ? { metadata: input.metadata } : {}),
  }),
  updateBody: (changes, client) => names(client, changes),
});
