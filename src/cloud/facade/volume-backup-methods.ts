/**
 * Block storage beyond volumes of the {@link Cloud}: backups, volume types and attachments.
 */
import { volumeTypeKind, type VolumeType, type VolumeTypeChanges, type VolumeTypeFilters } from '../../resources/block-storage/volume-type.js';
import { createResource, deleteResource, updateResource, type DeleteResult } from '../../verbs/change-resources.js';
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
}
