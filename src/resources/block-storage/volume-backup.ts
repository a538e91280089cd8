/**
 * Cinder volume backups (`/backups`, every API version; a cloud needs the cinder-backup service to make them):
 * full or incremental, of a volume or (v2 and later) of one of its snapshots, restored to a new or an existing
 * volume. Era gates raise `UnsupportedError` before the request: incremental, `force` and snapshot backups need
 * cinder v2 or later, metadata 3.43, an availability zone 3.51, and a rename 3.9.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { majorVersion, requireMicroversion } from '../gates.js';
import { defineResourceKind } from '../resource-kind.js';

/** A backup as cinder returns it. */
export const rawVolumeBackupSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string(),
  size: z.number().nullish(),
  volume_id: z.string().nullish(),
  snapshot_id: z.string().nullish(),
  is_incremental: z.boolean().nullish(),
  has_dependent_backups: z.boolean().nullish(),
  container: z.string().nullish(),
  availability_zone: z.string().nullish(),
  fail_reason: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  data_timestamp: z.string().nullish(),
}));
/** A cinder backup record. */
export type RawVolumeBackup = z.infer<typeof rawVolumeBackupSchema>;

/**
 * A volume backup, the same on cinder v1, v2 and v3.
 *
 * @example
 * const b: VolumeBackup = await cloud.createVolumeBackup({ volume: 'data', name: 'nightly' }); // status 'available'
 */
export interface VolumeBackup {
  id: string;
  name: string;
  description?: string;
  /** `creating`, `available`, `restoring`, `deleting`, `error`, … */
  status: string;
  /** GiB: the size of the volume it was taken from. */
  size: number;
  volumeId: string;
  /** The snapshot it was taken from, when it was. */
  snapshotId?: string;
  /** True for an incremental backup (only the changes since its parent). */
  incremental: boolean;
  /** True while incremental backups depend on it (cinder refuses to delete it then). */
  hasDependents: boolean;
  container?: string;
  availabilityZone?: string;
  /** Why it failed (status `error`). */
  failReason?: string;
  metadata: Record<string, string>;
  createdAt?: string;
  updatedAt?: string;
}

/** What `createVolumeBackup` sends once the volume (and snapshot) are resolved to ids. */
export interface VolumeBackupBody {
  volumeId: string;
  name?: string;
  description?: string;
  /** Only what changed since the volume's latest backup (cinder v2 and later). */
  incremental?: boolean;
  /** Back up a volume that is attached (`in-use`; cinder v2 and later). */
  force?: boolean;
  /** Back up this snapshot of the volume instead of the volume itself (cinder v2 and later). */
  snapshotId?: string;
  /** The backend's container (a Swift container, a Ceph pool…). */
  container?: string;
  /** Properties (cinder 3.43). */
  metadata?: Record<string, string>;
  /** Where the backup is kept (cinder 3.51). */
  availabilityZone?: string;
}

/** What `updateVolumeBackup` can change (cinder 3.9; metadata 3.43). */
export interface VolumeBackupChanges {
  name?: string;
  description?: string;
  metadata?: Record<string, string>;
}

/** Filters of `listVolumeBackups`. */
export interface VolumeBackupFilters {
  name: string;
  status: string;
  volumeId: string;
}

/** How cinder says it has no backup service: a create's 500/503, a delete's or restore's 404, a failed backup's reason. */
export const BACKUP_SERVICE_MISSING = /Service cinder-backup could not be found|Service not found for creating backup/i;

/**
 * The `UnsupportedError` of a cloud without a running cinder-backup service.
 *
 * @example
 * throw noBackupService('os-services lists no cinder-backup');
 */
export function noBackupService(evidence: string): UnsupportedError {
  const error = new UnsupportedError({ feature: 'volume backups', service: 'block-storage', have: `without a running cinder-backup service (${evidence})`, need: 'the cinder-backup service' });
  return error;
}

/** The message of a cinder error body (`{"itemNotFound": {"message": …}}`), or ''. */
export function cinderErrorMessage(body: unknown): string {
  if (!body || typeof body !== 'object') return typeof body === 'string' ? body : '';
  const inner = Object.values(body as Record<string, unknown>)[0];
  return inner && typeof inner === 'object' && typeof (inner as { message?: unknown }).message === 'string' ? (inner as { message: string }).message : '';
}

/** Throws `UnsupportedError` on cinder v1 for what came with v2 (Kilo, Liberty). */
function requireV2(client: ServiceClient, feature: string): void {
  if (majorVersion(client) < 2) throw new UnsupportedError({ feature, service: 'block-storage', have: `API v${majorVersion(client)}`, need: 'v2' });
}

/**
 * The volume backup kind.
 *
 * @example
 * for await (const b of listResources(cloud, volumeBackupKind)) console.log(b.name, b.status);
 */
export const volumeBackupKind = defineResourceKind<RawVolumeBackup, VolumeBackup, VolumeBackupBody, VolumeBackupChanges, VolumeBackupFilters>({
  name: 'volume backup',
  service: 'block-storage',
  schema: rawVolumeBackupSchema,
  layout: () => ({ path: '/backups', listPath: '/backups/detail', one: 'backup', many: 'backups' }),
  idIsUuid: true,
  id: (b) => b.id,
  nameOf: (b) => b.name ?? '',
  normalize: (b) => ({
    id: b.id,
    name: b.name ?? '',
    ...(b.description ? { description: b.description } : {}),
    status: b.status,
    size: b.size ?? 0,
    volumeId: b.volume_id ?? '',
    ...(b.snapshot_id ? { snapshotId: b.snapshot_id } : {}),
    incremental: b.is_incremental ?? false,
    hasDependents: b.has_dependent_backups ?? false,
    ...(b.container ? { container: b.container } : {}),
    ...(b.availability_zone ? { availabilityZone: b.availability_zone } : {}),
    ...(b.fail_reason ? { failReason: b.fail_reason } : {}),
    metadata: b.metadata ?? {},
    ...(b.created_at ? { createdAt: b.created_at } : {}),
    ...(b.updated_at ? { updatedAt: b.updated_at } : {}),
  }),
  status: {
    of: (b) => b.status,
    ready: ['available'],
    failed: ['error'],
    fault: (b) => (b.fail_reason ? { message: b.fail_reason } : undefined),
  },
  calls: {
    // A cloud without the service answers a delete with 404 "Service cinder-backup could not be found": the
    // backup is still there, so that is no "already gone".
    remove: async (client, id, { signal }) => {
      const response = await client.request('DELETE', `/backups/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
      if (response.status !== 404) return true;
      const message = cinderErrorMessage(response.body);
      if (BACKUP_SERVICE_MISSING.test(message)) throw noBackupService(`cinder answered the delete: ${message}`);
      return false;
    },
  },
  filters: {
    name: { param: 'name', matches: (b, v) => b.name === v },
    status: { param: 'status', matches: (b, v) => b.status === v },
    volumeId: { param: 'volume_id', matches: (b, v) => b.volume_id === v },
  },
  createBody: (input, client) => {
    if (input.incremental) requireV2(client, 'incremental backups');
    if (input.force) requireV2(client, 'backing up an attached volume (force)');
    if (input.snapshotId !== undefined) requireV2(client, 'backing up a snapshot');
    if (input.metadata !== undefined) requireMicroversion(client, '3.43', 'backup metadata');
    if (input.availabilityZone !== undefined) requireMicroversion(client, '3.51', 'a backup availability zone');
    return {
      volume_id: input.volumeId,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.incremental ? { incremental: true } : {}),
      ...(input.force ? { force: true } : {}),
      ...(input.snapshotId !== undefined ? { snapshot_id: input.snapshotId } : {}),
      ...(input.container !== undefined ? { container: input.container } : {}),
      ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
      ...(input.availabilityZone !== undefined ? { availability_zone: input.availabilityZone } : {}),
    };
  },
  updateBody: (changes, client) => {
    requireMicroversion(client, '3.9', 'updating a backup');
    if (changes.metadata !== undefined) requireMicroversion(client, '3.43', 'backup metadata');
    return {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.metadata !== undefined ? { metadata: changes.metadata } : {}),
    };
  },
});
