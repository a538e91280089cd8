/** `canopy volume snapshot list|show|create|set|delete` (also `volume-snapshot …`). */
import type { VolumeSnapshot } from '../../resources/block-storage/volume-snapshot.js';
import { defineResourceCli } from '../resource-cli.js';

/** The volume snapshot commands. */
export const volumeSnapshotCli = defineResourceCli<VolumeSnapshot>({
  words: ['volume', 'snapshot'],
  summary: 'volume snapshots',
  columns: [
    { header: 'ID', value: (s) => s.id },
    { header: 'Name', value: (s) => s.name },
    { header: 'Description', value: (s) => s.description ?? '' },
    { header: 'Status', value: (s) => s.status },
    { header: 'Size', value: (s) => s.size },
    { header: 'Created At', value: (s) => s.createdAt ?? '', long: true },
    { header: 'Volume', field: 'volume_id', value: (s) => s.volumeId, long: true },
    { header: 'Properties', value: (s) => s.metadata, long: true },
    { header: 'Progress', field: 'os-extended-snapshot-attributes:progress', value: (s) => s.progress ?? '', in: 'show' },
    { header: 'Updated At', value: (s) => s.updatedAt ?? '', in: 'show' },
  ],
  list: {
    // --volume takes a name or an id, like openstackclient's; the SDK sends volume_id and checks it on old releases.
    async call(cloud, { filters, limit }) {
      const { volume, ...rest } = filters as { volume?: string; name?: string; status?: string };
      const volumeId = volume === undefined ? undefined : (await cloud.getVolume(volume)).id;
      return cloud.listVolumeSnapshots({ filters: { ...rest, ...(volumeId !== undefined ? { volumeId } : {}) }, ...(limit !== undefined ? { limit } : {}) });
    },
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only snapshots with this name' },
      status: { type: 'string', value: 'STATUS', description: 'only snapshots in this status (available, error, …)' },
      volume: { type: 'string', value: 'NAME|ID', description: 'only the snapshots of this volume' },
    },
  },
  show: (cloud, nameOrId) => cloud.getVolumeSnapshot(nameOrId),
  create: {
    summary: 'snapshot a volume and wait until the snapshot is available (--volume is required)',
    flags: {
      volume: { type: 'string', value: 'NAME|ID', description: 'the volume to snapshot', required: true },
      force: { type: 'boolean', description: 'snapshot a volume that is attached (in-use)' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      property: { type: 'string', value: 'KEY=VALUE', option: 'metadata', parse: 'properties', description: 'a property (repeatable)' },
    },
    call: (cloud, { name, options, wait }) => cloud.createVolumeSnapshot({ ...(options as { volume: string }), name, ...wait }),
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
    },
    call: (cloud, nameOrId, changes) => cloud.updateVolumeSnapshot(nameOrId, changes),
  },
  example: [
    ['volume', 'create', 'snap-source', '--size', '1'],
    ['volume', 'snapshot', 'create', 'nightly', '--volume', 'snap-source', '--description', 'before the upgrade'],
  ],
  delete: { call: (cloud, nameOrId, { wait }) => cloud.deleteVolumeSnapshot(nameOrId, wait) },
});
