/** `canopy volume set|extend|retype`: the volume changes of the SDK (`updateVolume`, flags, `extendVolume`, `retypeVolume`). */
import type { Volume } from '../../cloud/volumes.js';
import { optionalFlag, positionals, positiveNumber, repeatedFlag, requiredFlag } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { formatRecord } from '../output.js';
import { startProgress } from '../progress.js';
import { withCloud } from '../with-cloud.js';

const FIELDS: Record<string, (v: Volume) => unknown> = {
  id: (v) => v.id,
  name: (v) => v.name,
  description: (v) => v.description ?? '',
  status: (v) => v.status,
  size: (v) => v.size,
  type: (v) => v.volumeType ?? '',
  bootable: (v) => v.bootable,
  read_only: (v) => v.readOnly,
  properties: (v) => v.metadata,
};

function properties(values: Record<string, unknown>): Record<string, string> | undefined {
  const pairs = repeatedFlag(values, 'property');
  if (pairs.length === 0) return undefined;
  return Object.fromEntries(pairs.map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--property takes KEY=VALUE, got "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}

/** The volume change subcommands, merged into `canopy volume`. */
export const VOLUME_CHANGE_COMMANDS: Record<string, CommandSpec> = {
  set: {
    summary: 'change a volume: name, description, properties (added to the others), bootable, read-only',
    args: 'VOLUME',
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
      property: { type: 'string', multiple: true, value: 'KEY=VALUE', description: 'a property to add or change (repeatable)' },
      bootable: { type: 'boolean', negatable: true, description: 'mark the volume bootable (--no-bootable: not)' },
      'read-only': { type: 'boolean', negatable: true, description: 'make the volume read-only (--no-read-only: writable)' },
    },
    run: (ctx, args, values) => {
      const [ref] = positionals(args, ['VOLUME'], 'volume set') as [string];
      return withCloud(ctx, async (cloud) => {
        let volume = await cloud.getVolume(ref);
        const added = properties(values);
        const name = optionalFlag(values, 'name');
        const description = optionalFlag(values, 'description');
        if (name !== undefined || description !== undefined || added) {
          // cinder shows its own readonly/attached_mode keys among the properties; they are not the user's to send.
          const { readonly: _r, attached_mode: _a, ...own } = volume.metadata;
          volume = await cloud.updateVolume(volume.id, { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}), ...(added ? { metadata: { ...own, ...added } } : {}) });
        }
        if (typeof values.bootable === 'boolean') volume = await cloud.setVolumeBootable(volume.id, values.bootable);
        if (typeof values['read-only'] === 'boolean') volume = await cloud.setVolumeReadOnly(volume.id, values['read-only']);
        ctx.stdout(formatRecord(ctx.options, volume, FIELDS));
      });
    },
  },
  extend: {
    summary: 'grow a volume and wait until cinder shows the new size (an attached volume needs cinder 3.42)',
    args: 'VOLUME',
    flags: { size: { type: 'string', value: 'GIB', description: 'the new size in GiB (required)' } },
    run: (ctx, args, values) => {
      const [ref] = positionals(args, ['VOLUME'], 'volume extend') as [string];
      const size = positiveNumber(values, 'size');
      if (size === undefined) throw new UsageError('volume extend needs --size');
      return withCloud(ctx, async (cloud) => {
        const progress = startProgress(ctx, `volume extend ${ref}`);
        try {
          const volume = await cloud.extendVolume(ref, { size, timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', ...(p.status ? { status: p.status } : {}) }) });
          ctx.stdout(formatRecord(ctx.options, volume, FIELDS));
        } finally {
          progress.stop();
        }
      });
    },
  },
  retype: {
    summary: "change a volume's type and wait until cinder shows it",
    args: 'VOLUME',
    flags: {
      type: { type: 'string', value: 'NAME|ID', description: 'the new volume type (required)' },
      'migration-policy': { type: 'string', value: 'never|on-demand', description: 'may cinder move the data to another backend (default never)' },
    },
    run: (ctx, args, values) => {
      const [ref] = positionals(args, ['VOLUME'], 'volume retype') as [string];
      const volumeType = requiredFlag(values, 'type', 'volume retype');
      const policy = optionalFlag(values, 'migration-policy');
      if (policy !== undefined && policy !== 'never' && policy !== 'on-demand') throw new UsageError(`--migration-policy takes never or on-demand, got "${policy}"`);
      return withCloud(ctx, async (cloud) => {
        const progress = startProgress(ctx, `volume retype ${ref}`);
        try {
          const volume = await cloud.retypeVolume(ref, { volumeType, ...(policy ? { migrationPolicy: policy } : {}), timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: 'wait', ...(p.status ? { status: p.status } : {}) }) });
          ctx.stdout(formatRecord(ctx.options, volume, FIELDS));
        } finally {
          progress.stop();
        }
      });
    },
  },
};
