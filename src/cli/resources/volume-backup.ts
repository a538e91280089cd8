/** `canopy volume backup list|show|create|set|delete|restore` (also `volume-backup …`). */
import type { Volume } from '../../cloud/volumes.js';
import type { VolumeBackup } from '../../resources/block-storage/volume-backup.js';
import { optionalFlag, positionals } from '../args.js';
import { formatRecord } from '../output.js';
import { startProgress } from '../progress.js';
import { defineResourceCli } from '../resource-cli.js';
import { withCloud } from '../with-cloud.js';

/** The volume backup commands. */
export const volumeBackupCli = defineResourceCli<VolumeBackup>({
  words: ['volume', 'backup'],
  summary: 'volume backups',
  columns: [
    { header: 'ID', value: (b) => b.id },
    { header: 'Name', value: (b) => b.name },
    { header: 'Description', value: (b) => b.description ?? '' },
    { header: 'Status', value: (b) => b.status },
    { header: 'Size', value: (b) => b.size },
    { header: 'Incremental', field: 'is_incremental', value: (b) => b.incremental, long: true },
    { header: 'Volume', field: 'volume_id', value: (b) => b.volumeId, long: true },
    { header: 'Created At', value: (b) => b.createdAt ?? '', long: true },
    { header: 'Snapshot', field: 'snapshot_id', value: (b) => b.snapshotId ?? '', in: 'show' },
    { header: 'Container', value: (b) => b.container ?? '', in: 'show' },
    { header: 'Has Dependent Backups', value: (b) => b.hasDependents, in: 'show' },
    { header: 'Fail Reason', value: (b) => b.failReason ?? '', in: 'show' },
    { header: 'Properties', value: (b) => b.metadata, in: 'show' },
  ],
  list: {
    async call(cloud, { filters, limit }) {
      const { volume, ...rest } = filters as { volume?: string; name?: string; status?: string };
      const volumeId = volume === undefined ? undefined : (await cloud.getVolume(volume)).id;
      return cloud.listVolumeBackups({ filters: { ...rest, ...(volumeId !== undefined ? { volumeId } : {}) }, ...(limit !== undefined ? { limit } : {}) });
    },
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only backups with this name' },
      status: { type: 'string', value: 'STATUS', description: 'only backups in this status (available, error, …)' },
      volume: { type: 'string', value: 'NAME|ID', description: 'only the backups of this volume' },
    },
  },
  show: (cloud, nameOrId) => cloud.getVolumeBackup(nameOrId),
  create: {
    summary: 'back up a volume and wait until the backup is available (--volume is required; UnsupportedError without a backup service)',
    flags: {
      volume: { type: 'string', value: 'NAME|ID', description: 'the volume to back up', required: true },
      snapshot: { type: 'string', value: 'NAME|ID', description: 'back up this snapshot of the volume (cinder v2+)' },
      incremental: { type: 'boolean', description: 'only what changed since the latest backup (cinder v2+)' },
      force: { type: 'boolean', description: 'back up a volume that is attached (in-use; cinder v2+)' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      container: { type: 'string', value: 'NAME', description: "the backup backend's container" },
      property: { type: 'string', value: 'KEY=VALUE', option: 'metadata', parse: 'properties', description: 'a property (repeatable; cinder 3.43)' },
    },
    call: (cloud, { name, options, wait }) => cloud.createVolumeBackup({ ...(options as { volume: string }), name, ...wait }),
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name (cinder 3.9)' },
      description: { type: 'string', value: 'TEXT', description: 'a new description (cinder 3.9)' },
      property: { type: 'string', value: 'KEY=VALUE', option: 'metadata', parse: 'properties', description: 'the properties (repeatable; replaces them; cinder 3.43)' },
    },
    call: (cloud, nameOrId, changes) => cloud.updateVolumeBackup(nameOrId, changes),
  },
  delete: { call: (cloud, nameOrId, { wait }) => cloud.deleteVolumeBackup(nameOrId, wait) },
  commands: {
    restore: {
      summary: 'restore a backup to a new volume (or over --volume) and wait until that volume is available',
      args: 'BACKUP',
      flags: {
        volume: { type: 'string', value: 'NAME|ID', description: 'an existing, available volume to restore over (default: a new one)' },
        name: { type: 'string', value: 'NAME', description: "the new volume's name" },
      },
      run: (ctx, args, values) => {
        const [backup] = positionals(args, ['BACKUP'], 'volume backup restore') as [string];
        const volume = optionalFlag(values, 'volume');
        const name = optionalFlag(values, 'name');
        return withCloud(ctx, async (cloud) => {
          const progress = startProgress(ctx, `volume backup restore ${backup}`);
          try {
            const restored = await cloud.restoreVolumeBackup(backup, { ...(volume ? { volume } : {}), ...(name ? { name } : {}), timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', ...(p.status ? { status: p.status } : {}) }) });
            ctx.stdout(formatRecord(ctx.options, restored, { backup: () => backup, volume_id: (v: Volume) => v.id, name: (v: Volume) => v.name, status: (v: Volume) => v.status, size: (v: Volume) => v.size }));
          } finally {
            progress.stop();
          }
        });
      },
    },
  },
  example: [
    ['volume', 'create', 'app-data', '--size', '1'],
    ['volume', 'backup', 'create', 'nightly', '--volume', 'app-data', '--description', 'before the upgrade'],
  ],
});
