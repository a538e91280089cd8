/**
 * The Cloud's block storage calls (cinder v1, v2, v3): volumes, attachments and volume snapshots.
 */
import type { Operation } from '../operation.js';
import { volumeSnapshotKind, type VolumeSnapshot, type VolumeSnapshotChanges, type VolumeSnapshotFilters } from '../../resources/block-storage/volume-snapshot.js';
import type { ServerVolumeAttachment } from '../../services/compute/volume-attachments.js';
import type { Volume } from '../../resources/block-storage/volume-model.js';
import { createAndWait, deleteAndWait, updateResource, type ChangeOptions, type DeleteResult } from '../../verbs/change-resources.js';
import { findResource, getResource, getRaw } from '../../verbs/find-resource.js';
import { listResources, type ListOptions } from '../../verbs/list-resources.js';
import { volumeKind } from '../../resources/block-storage/volume.js';
import * as volumes from '../volumes.js';
import * as volumeActions from '../volume-actions.js';
import { VOLUME_ACTIONS } from '../../resources/block-storage/volume-actions.js';
import type { VolumeFilters } from '../../resources/block-storage/volume.js';
import type { ReadOptions } from './compute-methods.js';
import { ImageMethods } from './image-methods.js';

/** Options of `createVolumeSnapshot`. */
export interface CreateVolumeSnapshotOptions extends ChangeOptions {
  /** The volume to snapshot, by name or id. */
  volume: string;
  name?: string;
  description?: string;
  /** Snapshot a volume that is attached (`in-use`). */
  force?: boolean;
  metadata?: Record<string, string>;
}

/** Options of `listVolumes`: cinder's filters (checked again on each record for releases that ignore one). */
export interface ListVolumesOptions extends Partial<VolumeFilters> {
  /** Page size to ask for. */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * Block storage calls of the {@link Cloud}.
 *
 * @example
 * const volume = await cloud.createVolume({ name: 'data', size: 1 });
 */
export class BlockStorageMethods extends ImageMethods {
  /**
   * Volumes, filtered by name, status, bootable or properties.
   *
   * @example
   * for await (const v of cloud.listVolumes({ status: 'available', metadata: { tier: 'gold' } })) console.log(v.name, v.size);
   */
  listVolumes(options: ListVolumesOptions = {}): AsyncIterable<Volume> {
    const { limit, signal, ...filters } = options;
    return listResources(this, volumeKind, { filters, ...(limit !== undefined ? { limit } : {}), ...(signal ? { signal } : {}) });
  }

  /**
   * A volume by name or id, or `undefined`.
   *
   * @example
   * await cloud.findVolume('data')
   */
  findVolume(nameOrId: string, options: ReadOptions = {}): Promise<Volume | undefined> {
    return volumes.findVolume(this, nameOrId, options);
  }

  /**
   * A volume by name or id; `NotFoundError`.
   *
   * @example
   * await cloud.getVolume('data')
   */
  getVolume(nameOrId: string, options: ReadOptions = {}): Promise<Volume> {
    return volumes.getVolume(this, nameOrId, options);
  }

  /**
   * Creates a volume and waits until it is available.
   *
   * @example
   * await cloud.createVolume({ name: 'data', size: 1 })
   */
  createVolume(options: volumes.CreateVolumeOptions): Promise<Volume> {
    return volumes.createVolume(this, options);
  }

  /**
   * Attaches a volume to a server through nova and waits until it is in-use.
   *
   * @example
   * const { attachment } = await cloud.attachVolume('web-1', 'data');
   */
  attachVolume(server: volumes.ServerRef, volume: volumes.VolumeRef, options: volumes.VolumeWaitOptions & { device?: string } = {}): Promise<{ volume: Volume; attachment: ServerVolumeAttachment }> {
    return volumes.attachVolume(this, server, volume, options);
  }

  /**
   * Detaches a volume and waits until it is available.
   *
   * @example
   * await cloud.detachVolume('web-1', 'data')
   */
  detachVolume(server: volumes.ServerRef, volume: volumes.VolumeRef, options: volumes.VolumeWaitOptions = {}): Promise<Volume> {
    return volumes.detachVolume(this, server, volume, options);
  }

  /**
   * Deletes a volume and waits until it is gone; `{ deleted: false }` when there was none (also for a name that
   * matches nothing).
   *
   * @example
   * const { deleted } = await cloud.deleteVolume('data');
   */
  deleteVolume(volume: volumes.VolumeRef, options: ChangeOptions = {}): Operation<DeleteResult, { id: string }> {
    return deleteAndWait(this, volumeKind, typeof volume === 'string' ? volume : volume.id, options);
  }

  /**
   * Renames a volume, changes its description or replaces its properties; the updated volume.
   *
   * @example
   * await cloud.updateVolume('data', { description: 'logs', metadata: { tier: 'gold' } });
   */
  updateVolume(nameOrId: string, changes: volumeActions.VolumeChanges, options: ReadOptions = {}): Promise<Volume> {
    return volumeActions.updateVolume(this, nameOrId, changes, options);
  }

  /**
   * Grows a volume and waits until cinder shows the new size. An attached (`in-use`) volume needs cinder 3.42:
   * older clouds raise `UnsupportedError` before any request.
   *
   * @example
   * const volume = await cloud.extendVolume('data', { size: 2 }); // volume.size === 2
   */
  extendVolume(nameOrId: string, options: volumeActions.ExtendVolumeOptions): Operation<Volume, { id: string }> {
    return volumeActions.extendVolume(this, nameOrId, options);
  }

  /**
   * Changes a volume's type (by name or id) and waits until cinder shows it; `migrationPolicy: 'on-demand'` lets
   * cinder move the data to another backend.
   *
   * @example
   * await cloud.retypeVolume('data', { volumeType: 'fast', migrationPolicy: 'on-demand' });
   */
  retypeVolume(nameOrId: string, options: volumeActions.RetypeVolumeOptions): Operation<Volume, { id: string }> {
    return volumeActions.retypeVolume(this, nameOrId, options);
  }

  /**
   * Marks a volume bootable (or not); the volume as cinder then shows it.
   *
   * @example
   * await cloud.setVolumeBootable('root-disk', true);
   */
  setVolumeBootable(nameOrId: string, bootable: boolean, options: ReadOptions = {}): Promise<Volume> {
    return volumeActions.runVolumeAction(this, nameOrId, VOLUME_ACTIONS.setBootable, { bootable }, options);
  }

  /**
   * Makes a volume read-only (or writable again) for the servers it is attached to next; the volume as cinder then
   * shows it (`readOnly`).
   *
   * @example
   * await cloud.setVolumeReadOnly('reference-data', true);
   */
  setVolumeReadOnly(nameOrId: string, readOnly: boolean, options: ReadOptions = {}): Promise<Volume> {
    return volumeActions.runVolumeAction(this, nameOrId, VOLUME_ACTIONS.setReadOnly, { readOnly }, options);
  }

  /**
   * Volume snapshots, filtered by name, status or volume id.
   *
   * @example
   * for await (const s of cloud.listVolumeSnapshots({ filters: { status: 'available' } })) console.log(s.name);
   */
  listVolumeSnapshots(options: ListOptions<VolumeSnapshotFilters> = {}): AsyncIterable<VolumeSnapshot> {
    return listResources(this, volumeSnapshotKind, options);
  }

  /**
   * A volume snapshot by name or id, or `undefined`.
   *
   * @example
   * await cloud.findVolumeSnapshot('nightly')
   */
  findVolumeSnapshot(nameOrId: string, options: ReadOptions = {}): Promise<VolumeSnapshot | undefined> {
    return findResource(this, volumeSnapshotKind, nameOrId, options);
  }

  /**
   * A volume snapshot by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getVolumeSnapshot('nightly')
   */
  getVolumeSnapshot(nameOrId: string, options: ReadOptions = {}): Promise<VolumeSnapshot> {
    return getResource(this, volumeSnapshotKind, nameOrId, options);
  }

  /**
   * Snapshots a volume (`force: true` for one in use) and waits until the snapshot is `available`.
   *
   * @example
   * const snapshot = await cloud.createVolumeSnapshot({ volume: 'data', name: 'nightly' });
   */
  createVolumeSnapshot(options: CreateVolumeSnapshotOptions): Operation<VolumeSnapshot, { id: string }> {
    const { volume, name, description, force, metadata, ...change } = options;
    return createAndWait(this, volumeSnapshotKind, { volumeId: volume, name, description, force, metadata }, change, async (input, signal) => ({
      ...input,
      volumeId: volumeKind.id(await getRaw(this, volumeKind, input.volumeId, { signal })),
    }));
  }

  /**
   * Renames a volume snapshot or changes its description.
   *
   * @example
   * await cloud.updateVolumeSnapshot('nightly', { description: 'kept 7 days' });
   */
  updateVolumeSnapshot(nameOrId: string, changes: VolumeSnapshotChanges, options: ReadOptions = {}): Promise<VolumeSnapshot> {
    return updateResource(this, volumeSnapshotKind, nameOrId, changes, options);
  }

  /**
   * Deletes a volume snapshot and waits until it is gone; `{ deleted: false }` when there was none.
   *
   * @example
   * await cloud.deleteVolumeSnapshot('nightly');
   */
  deleteVolumeSnapshot(nameOrId: string, options: ChangeOptions = {}): Operation<DeleteResult, { id: string }> {
    return deleteAndWait(this, volumeSnapshotKind, nameOrId, options);
  }
}
