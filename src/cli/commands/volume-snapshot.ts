/** `canopy volume-snapshot list|show|create|delete`. */
import type { VolumeSnapshot } from '../../resources/block-storage/volume-snapshot.js';
import { optionalFlag, positionals, requiredFlag } from '../args.js';
import { deleteCommand } from '../delete-command.js';
import { withCloud } from '../with-cloud.js';
import type { CommandSpec } from '../command-spec.js';
import { collect, formatOutput, formatRecord } from '../output.js';
import { startProgress } from '../progress.js';

const FIELDS: Record<string, (s: VolumeSnapshot) => unknown> = { id: (s) => s.id, name: (s) => s.name, status: (s) => s.status, size: (s) => s.size, volume: (s) => s.volumeId };

/** The `volume-snapshot` subcommands. */
export const VOLUME_SNAPSHOT_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'list volume snapshots',
    flags: { volume: { type: 'string', value: 'ID', description: 'only the snapshots of this volume' } },
    run: (ctx, args, values) => {
      positionals(args, [], 'volume-snapshot list');
      const volumeId = optionalFlag(values, 'volume');
      return withCloud(ctx, async (cloud) => {
        const snapshots = await collect(cloud.listVolumeSnapshots(volumeId !== undefined ? { filters: { volumeId } } : {}));
        ctx.stdout(formatOutput(ctx.options.format, snapshots, Object.entries(FIELDS).map(([header, value]) => ({ header: header.toUpperCase(), value }))));
      });
    },
  },
  show: {
    summary: 'show one volume snapshot',
    args: 'NAME|ID',
    flags: {},
    run: (ctx, args) => {
      const [name] = positionals(args, ['NAME|ID'], 'volume-snapshot show');
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options.format, await cloud.getVolumeSnapshot(name as string), FIELDS)));
    },
  },
  create: {
    summary: 'snapshot a volume and wait until the snapshot is available (--volume is required)',
    args: 'NAME',
    flags: {
      volume: { type: 'string', value: 'NAME|ID', description: 'the volume to snapshot (required)' },
      force: { type: 'boolean', description: 'snapshot a volume that is attached (in-use)' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
    },
    run: (ctx, args, values) => {
      const [name] = positionals(args, ['NAME'], 'volume-snapshot create');
      const volume = requiredFlag(values, 'volume', 'volume-snapshot create');
      const description = optionalFlag(values, 'description');
      return withCloud(ctx, async (cloud) => {
        const progress = startProgress(ctx, `volume-snapshot create ${name}`);
        try {
          const op = cloud.createVolumeSnapshot({ volume, name: name as string, ...(description !== undefined ? { description } : {}), force: Boolean(values.force), ...(ctx.options.timeoutMs !== undefined ? { timeoutMs: ctx.options.timeoutMs } : {}) });
          op.onProgress((p) => progress.update({ step: p.step, ...(p.status ? { status: p.status } : {}) }));
          const snapshot = await op;
          progress.stop();
          ctx.stdout(formatRecord(ctx.options.format, snapshot, FIELDS));
        } finally {
          progress.stop();
        }
      });
    },
  },
  delete: deleteCommand('volume-snapshot', 'SNAPSHOT', 'delete volume snapshots and wait until gone', (cloud, name, ctx) => cloud.deleteVolumeSnapshot(name, ctx.options.timeoutMs !== undefined ? { timeoutMs: ctx.options.timeoutMs } : {})),
};
