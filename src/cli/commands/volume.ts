/** `canopy volume attach|detach`: the volume's own verbs (list/show/create/delete are generated: ../resources/volume.ts). */
import type { Volume } from '../../cloud/volumes.js';
import { optionalFlag, positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { formatRecord } from '../output.js';
import { startProgress, type Progress } from '../progress.js';
import { withCloud } from '../with-cloud.js';

async function withProgress<T>(progress: Progress, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    progress.stop();
  }
}

/**
 * `volume attach|detach` (the generated `volume` group adds them to list/show/create/delete); they print the
 * volume with `fields()` (those of `volume show`).
 *
 * @example
 * commands: volumeActionCommands(() => showFields(volumeCli))
 */
export function volumeActionCommands(fields: () => Record<string, (v: Volume) => unknown>): Record<string, CommandSpec> {
  return {
    attach: {
      summary: 'attach a volume to a server and wait until in-use',
      args: 'VOLUME SERVER',
      flags: { device: { type: 'string', value: 'PATH', description: 'device name to ask for, e.g. /dev/vdb (default: nova picks)' } },
      run: (ctx, args, values) => {
        const [volume, server] = positionals(args, ['VOLUME', 'SERVER'], 'volume attach') as [string, string];
        return withCloud(ctx, async (cloud) => {
          const target = await cloud.getServer(server);
          const progress = startProgress(ctx, `volume attach ${volume}`);
          const result = await withProgress(progress, (await import('../../cloud/volumes.js')).attachVolume(cloud, target, volume, { device: optionalFlag(values, 'device'), timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', status: p.status }) }));
          ctx.stdout(formatRecord(ctx.options, result.volume, fields()));
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
          const result = await withProgress(progress, (await import('../../cloud/volumes.js')).detachVolume(cloud, target, volume, { timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', status: p.status }) }));
          ctx.stdout(formatRecord(ctx.options, result, fields()));
        });
      },
    },
  };
}
