/**
 * Cinder volumes as a resource kind (v1, v2 and v3): the service calls normalize the records, so every volume
 * wait joins the shared waiting engine — one `GET /volumes/detail` per tick for every waiter.
 */
import { z } from 'zod';
import { cinderMajor, deleteVolumeRest, listVolumesRest, showVolume } from '../../services/block-storage/volumes.js';
import type { Volume } from './volume-model.js';
import { defineResourceKind } from '../resource-kind.js';

/** Filters of `listVolumes`. */
export interface VolumeFilters {
  name: string;
  status: string;
  bootable: boolean;
  /** Only volumes carrying every one of these properties. */
  metadata: Record<string, string>;
}

/** Every `error*` status cinder has: each ends a wait with `ResourceFailedError`. */
export const VOLUME_FAILURE_STATUSES = ['error', 'error_deleting', 'error_extending', 'error_restoring', 'error_managing', 'error_backing-up'] as const;

const volumeSchema = z.custom<Volume>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string');

/**
 * The volume kind.
 *
 * @example
 * await waitForResource(cloud, volumeKind, id, { status: 'in-use' });
 */
export const volumeKind = defineResourceKind<Volume, Volume, never, never, VolumeFilters>({
  name: 'volume',
  service: 'block-storage',
  schema: volumeSchema,
  layout: () => ({ path: '/volumes', listPath: '/volumes/detail', one: 'volume', many: 'volumes' }),
  idIsUuid: true,
  id: (v) => v.id,
  nameOf: (v) => v.name,
  normalize: (v) => v,
  status: { of: (v) => v.status, ready: ['available'], failed: VOLUME_FAILURE_STATUSES },
  filters: {
    name: { param: (client) => (cinderMajor(client) === 1 ? 'display_name' : 'name'), matches: (v, name) => v.name === name },
    status: { param: 'status', matches: (v, status) => v.status === status },
    bootable: { param: 'bootable', matches: (v, bootable) => v.bootable === bootable },
    metadata: { param: 'metadata', matches: (v, wanted) => Object.entries(wanted as Record<string, string>).every(([k, value]) => v.metadata[k] === value) },
  },
  calls: {
    list: (client, { filters = {}, limit, signal, fresh }) =>
      listVolumesRest(client, { ...(filters as Partial<VolumeFilters>), ...(limit !== undefined ? { limit } : {}), ...(signal ? { signal } : {}), ...(fresh ? { fresh } : {}) }),
    show: (client, id, { signal, fresh }) => showVolume(client, id, signal, fresh),
    remove: (client, id, { signal }) => deleteVolumeRest(client, id, signal),
  },
});
