/**
 * Block storage beyond volumes of the {@link Cloud}: backups, volume types and attachments.
 */
import { volumeTypeKind, type VolumeType, type VolumeTypeChanges, type VolumeTypeFilters } from '../../resources/block-storage/volume-type.js';
import { blockStorageAttachmentKind, type BlockStorageAttachment, type BlockStorageAttachmentFilters } from '../../resources/block-storage/volume-attachment.js';
import { volumeBackupKind, type VolumeBackup, type VolumeBackupChanges, type VolumeBackupFilters } from '../../resources/block-storage/volume-backup.js';
import type { Volume } from '../../resources/block-storage/volume-model.js';
import { createResource, deleteAndWait, deleteResource, updateResource, type ChangeOptions, type DeleteResult } from '../../verbs/change-resources.js';
import type { Operation } from '../operation.js';
import * as backups from '../volume-backups.js';
import { findResource, getRaw, getResource } from '../../verbs/find-resource.js';
import { listResources, type ListOptions } from '../../verbs/list-resources.js';
import type { ReadOptions } from './compute-methods.js';
import { NetworkPrimitiveMethods } from './network-primitive-methods.js';

/** Options of `createVolumeType` (admin only on most clouds). */
export interface CreateVolumeTypeOptions {
  name: string;
  description?: string;
  /** Visible to every project (default true). */
  isPublic?: boolean;
  /** Backend hints, e.g. `{ volume_backend_name: 'lvm' }`. */
  extraSpecs?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Block storage beyond volumes of the {@link Cloud}: backups, volume types and attachments.
 *
 * @example
 * for await (const t of cloud.listVolumeTypes()) console.log(t.name);
 */
export class VolumeBackupMethods extends NetworkPrimitiveMethods {
  /**
   * Volume types the project can use (filter by name or visibility).
   *
   * @example
   * for await (const t of cloud.listVolumeTypes()) console.log(t.name, t.isPublic);
   */
  listVolumeTypes(options: ListOptions<VolumeTypeFilters> = {}): AsyncIterable<VolumeType> {
    return listResources(this, volumeTypeKind, options);
  }

  /**
   * A volume type by name or id, or `undefined`.
   *
   * @example
   * await cloud.findVolumeType('fast')
   */
  findVolumeType(nameOrId: string, options: ReadOptions = {}): Promise<VolumeType | undefined> {
    return findResource(this, volumeTypeKind, nameOrId, options);
  }

  /**
   * A volume type by name or id; `NotFoundError` (naming the types there are) / `AmbiguousMatchError`.
   *
   * @example
   * const type = await cloud.getVolumeType('__DEFAULT__');
   */
  getVolumeType(nameOrId: string, options: ReadOptions = {}): Promise<VolumeType> {
    return getResource(this, volumeTypeKind, nameOrId, options);
  }

  /**
   * Creates a volume type (cinder lets admins only: others get `ForbiddenError`).
   *
   * @example
   * const type = await cloud.createVolumeType({ name: 'fast', extraSpecs: { volume_backend_name: 'ssd' } });
   */
  createVolumeType(options: CreateVolumeTypeOptions): Promise<VolumeType> {
    const { signal, ...input } = options;
    return createResource(this, volumeTypeKind, input, signal ? { signal } : {});
  }

  /**
   * Renames a volume type, changes its description or visibility (admins).
   *
   * @example
   * await cloud.updateVolumeType('fast', { description: 'SSD backend' });
   */
  updateVolumeType(nameOrId: string, changes: VolumeTypeChanges, options: ReadOptions = {}): Promise<VolumeType> {
    return updateResource(this, volumeTypeKind, nameOrId, changes, options);
  }

  /**
   * Deletes a volume type (admins); `{ deleted: false }` when there was none. Cinder refuses a type still in use.
   *
   * @example
   * const { deleted } = await cloud.deleteVolumeType('fast');
   */
  deleteVolumeType(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, volumeTypeKind, nameOrId, options);
  }

  /**
   * Sets extra specs on a volume type (admins), keeping the others; the type as cinder then shows it.
   *
   * @example
   * await cloud.setVolumeTypeExtraSpecs('fast', { volume_backend_name: 'ssd' });
   */
  async setVolumeTypeExtraSpecs(nameOrId: string, extraSpecs: Record<string, string>, options: ReadOptions = {}): Promise<VolumeType> {
    const cinder = await this.service('block-storage', options.signal);
    const type = await getRaw(this, volumeTypeKind, nameOrId, options);
    await cinder.post(`/types/${encodeURIComponent(type.id)}/extra_specs`, { extra_specs: extraSpecs }, { signal: options.signal });
    return getResource(this, volumeTypeKind, type.id, options);
  }

  /**
   * Removes extra specs from a volume type (admins); keys it does not have are skipped.
   *
   * @example
   * await cloud.unsetVolumeTypeExtraSpecs('fast', ['volume_backend_name']);
   */
  async unsetVolumeTypeExtraSpecs(nameOrId: string, keys: readonly string[], options: ReadOptions = {}): Promise<VolumeType> {
    const cinder = await this.service('block-storage', options.signal);
    const type = await getRaw(this, volumeTypeKind, nameOrId, options);
    for (const key of keys) {
      await cinder.request('DELETE', `/types/${encodeURIComponent(type.id)}/extra_specs/${encodeURIComponent(key)}`, { signal: options.signal, okStatuses: [404] });
    }
    return getResource(this, volumeTypeKind, type.id, options);
  }

  /**
   * Volume backups, filtered by name, status or volume id.
   *
   * @example
   * for await (const b of cloud.listVolumeBackups({ filters: { status: 'available' } })) console.log(b.name, b.size);
   */
  listVolumeBackups(options: ListOptions<VolumeBackupFilters> = {}): AsyncIterable<VolumeBackup> {
    return listResources(this, volumeBackupKind, options);
  }

  /**
   * A volume backup by name or id, or `undefined`.
   *
   * @example
   * await cloud.findVolumeBackup('nightly')
   */
  findVolumeBackup(nameOrId: string, options: ReadOptions = {}): Promise<VolumeBackup | undefined> {
    return findResource(this, volumeBackupKind, nameOrId, options);
  }

  /**
   * A volume backup by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * const backup = await cloud.getVolumeBackup('nightly');
   */
  getVolumeBackup(nameOrId: string, options: ReadOptions = {}): Promise<VolumeBackup> {
    return getResource(this, volumeBackupKind, nameOrId, options);
  }

  /**
   * Backs up a volume (full, or `incremental`; of one of its `snapshot`s; `force` for one in use) and waits until
   * the backup is `available`. A cloud without a cinder-backup service raises `UnsupportedError`, found before
   * anything is made where the cloud can tell (os-services for admins, the project's failed backups otherwise).
   *
   * @example
   * const backup = await cloud.createVolumeBackup({ volume: 'data', name: 'nightly' });
   */
  createVolumeBackup(options: backups.CreateVolumeBackupOptions): Operation<VolumeBackup, { id: string }> {
    return backups.createVolumeBackup(this, options);
  }

  /**
   * Renames a backup, changes its description (cinder 3.9) or its properties (3.43).
   *
   * @example
   * await cloud.updateVolumeBackup('nightly', { description: 'kept 30 days' });
   */
  updateVolumeBackup(nameOrId: string, changes: VolumeBackupChanges, options: ReadOptions = {}): Promise<VolumeBackup> {
    return updateResource(this, volumeBackupKind, nameOrId, changes, options);
  }

  /**
   * Restores a backup to a new volume (or over an existing, `available` one) and waits until that volume is
   * `available`; the volume.
   *
   * @example
   * const volume = await cloud.restoreVolumeBackup('nightly', { name: 'data-restored' });
   */
  restoreVolumeBackup(nameOrId: string, options: backups.RestoreVolumeBackupOptions = {}): Operation<Volume, { id: string; backupId: string }> {
    return backups.restoreVolumeBackup(this, nameOrId, options);
  }

  /**
   * Deletes a backup and waits until it is gone; `{ deleted: false }` when there was none. Cinder refuses a backup
   * that incremental ones depend on (delete those first).
   *
   * @example
   * await cloud.deleteVolumeBackup('nightly');
   */
  deleteVolumeBackup(nameOrId: string, options: ChangeOptions = {}): Operation<DeleteResult, { id: string }> {
    return deleteAndWait(this, volumeBackupKind, nameOrId, options);
  }

  /**
   * Cinder's attachment records (cinder 3.27 and later; `UnsupportedError` before any request on older clouds),
   * filtered by volume, server or status. Attach and detach with `attachVolume`/`detachVolume` (through nova).
   *
   * @example
   * for await (const a of cloud.listVolumeAttachments({ filters: { volumeId: volume.id } })) console.log(a.serverId, a.attachMode);
   */
  listVolumeAttachments(options: ListOptions<BlockStorageAttachmentFilters> = {}): AsyncIterable<BlockStorageAttachment> {
    return listResources(this, blockStorageAttachmentKind, options);
  }

  /**
   * One cinder attachment record by id (cinder 3.27 and later); `NotFoundError`.
   *
   * @example
   * const a = await cloud.getVolumeAttachment(volume.attachments[0].attachmentId);
   */
  getVolumeAttachment(id: string, options: ReadOptions = {}): Promise<BlockStorageAttachment> {
    return getResource(this, blockStorageAttachmentKind, id, options);
  }
}
