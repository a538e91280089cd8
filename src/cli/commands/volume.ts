/** `canopy volume list|create|attach|detach|delete` (and `set|extend|retype` from volume-changes.ts). */
import { attachVolume, createVolume, deleteVolume, detachVolume, listVolumes, type Volume } from '../../cloud/volumes.js';
import { optionalFlag, positionals, positiveNumber } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { collect, formatOutput, formatRecord, type Column } from '../output.js';
import { startProgress, type Progress } from '../progress.js';
import { withCloud } from '../with-cloud.js';
import { VOLUME_CHANGE_COMMANDS } from './volume-changes.js';

const VOLUME_COLUMNS: Column<Volume>[] = [
  { header: 'ID', value: (v) => v.id },
  { header: 'NAME', value: (v) => v.name },
  { header: 'STATUS', value: (v) => v.status },
  { header: 'SIZE', value: (v) => v.size },
  { header: 'ATTACHED TO', value: (v) => v.attachments.map((a) => `${a.serverId}${a.device ? ` on ${a.device}` : ''}`).join(', ') },
];
const VOLUME_FIELDS = Object.fromEntries(VOLUME_COLUMNS.map((c) => [c.header.toLowerCase().replace(' ', '_'), c.value])) as Record<string, (v: Volume) => unknown>;

async function withProgress<T>(progress: Progress, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    progress.stop();
  }
}

/** The `volume` subcommands. */
export const VOLUME_COMMANDS: Record<string, CommandSpec> = {
  ...VOLUME_CHANGE_COMMANDS,
  list: {
    summary: 'list volumes',
    flags: {},
    run: (ctx, args) => {
      positionals(args, [], 'volume list');
      return withCloud(ctx, async (cloud) => ctx.stdout(formatOutput(ctx.options, await collect(listVolumes(cloud)), VOLUME_COLUMNS)));
    },
  },
  create: {
    summary: 'create a volume and wait until available (--size is required)',
    args: 'NAME',
    flags: {
      size: { type: 'string', value: 'GIB', description: 'size in GiB (required)' },
      description: { type: 'string', value: 'TEXT', description: "the volume's description" },
      wait: { type: 'boolean', negatable: true, description: 'wait until available (default); --no-wait returns once cinder accepted it' },
    },
    run: (ctx, args, values) => {
      const [name] = positionals(args, ['NAME'], 'volume create') as [string];
      const size = positiveNumber(values, 'size') ?? 1;
      return withCloud(ctx, async (cloud) => {
        const progress = startProgress(ctx, `volume create ${name}`);
        progress.update({ step: 'create' });
        const volume = await withProgress(
          progress,
          createVolume(cloud, { name, size, description: optionalFlag(values, 'description'), wait: values.wait !== false, timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', status: p.status }) }),
        );
        ctx.stdout(formatRecord(ctx.options, volume, VOLUME_FIELDS));
      });
    },
  },
  attach: {
    summary: 'attach a volume to a server and wait until in-use',
    args: 'VOLUME SERVER',
    flags: { device: { type: 'string', value: 'PATH', description: 'device name to ask for, e.g. /dev/vdb (default: nova picks)' } },
    run: (ctx, args, values) => {
      const [volume, server] = positionals(args, ['VOLUME', 'SERVER'], 'volume attach') as [string, string];
      return withCloud(ctx, async (cloud) => {
        const target = await cloud.getServer(server);
        const progress = startProgress(ctx, `volume attach ${volume}`);
        const result = await withProgress(progress, attachVolume(cloud, target, volume, { device: optionalFlag(values, 'device'), timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', status: p.status }) }));
        ctx.stdout(formatRecord(ctx.options, result.volume, VOLUME_FIELDS));
      });
    },
  },
  detach: {
    summary: 'detach a volume from a server and wait until available',
    args: 'VOLUME SERVER',
    flags: {},
    run: (ctx, args) => {
      const [volume, server] = positionals(args, ['VOLUME', 'SERVER'], 'volume detach') as [string, string];
      return withCloud(ctx, async (cloud) => {
        const target = await cloud.getServer(server);
        const progress = startProgress(ctx, `volume detach ${volume}`);
        const result = await withProgress(progress, detachVolume(cloud, target, volume, { timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', status: p.status }) }));
        ctx.stdout(formatRecord(ctx.options, result, VOLUME_FIELDS));
      });
    },
  },
  delete: {
    summary: 'delete a volume and wait until gone (gone already is fine)',
    args: 'VOLUME',
    flags: {},
    run: (ctx, args) => {
      const [volume] = positionals(args, ['VOLUME'], 'volume delete') as [string];
      return withCloud(ctx, async (cloud) => {
        const progress = startProgress(ctx, `volume delete ${volume}`);
        const deleted = await withProgress(progress, deleteVolume(cloud, volume, { timeoutMs: ctx.options.timeoutMs }));
        ctx.stdout(formatRecord(ctx.options, { volume, deleted }, { volume: (r) => r.volume, deleted: (r) => r.deleted }));
      });
    },
  },
};
