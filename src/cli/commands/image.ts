/** `canopy image list|upload|delete`. */
import { deleteImage, listImages, uploadImage, type Image } from '../../cloud/images.js';
import { optionalFlag, positionals, requiredFlag } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { collect, formatOutput, formatRecord, type Column } from '../output.js';
import { startProgress } from '../progress.js';
import { withCloud } from '../with-cloud.js';

const IMAGE_COLUMNS: Column<Image>[] = [
  { header: 'ID', value: (i) => i.id },
  { header: 'NAME', value: (i) => i.name },
  { header: 'STATUS', value: (i) => i.status },
  { header: 'VISIBILITY', value: (i) => i.visibility },
  { header: 'SIZE', value: (i) => i.size ?? '' },
];

const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;

/** The `image` subcommands. */
export const IMAGE_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'list images',
    flags: {},
    run: (ctx, args) => {
      positionals(args, [], 'image list');
      return withCloud(ctx, async (cloud) => ctx.stdout(formatOutput(ctx.options, await collect(listImages(cloud)), IMAGE_COLUMNS)));
    },
  },
  upload: {
    summary: 'upload an image from a file (--file is required)',
    args: 'NAME',
    flags: {
      file: { type: 'string', value: 'PATH', description: 'the image data (required)' },
      'disk-format': { type: 'string', value: 'FORMAT', description: 'qcow2 (default), raw, vmdk, …' },
      'container-format': { type: 'string', value: 'FORMAT', description: 'bare (default), ovf, …' },
      visibility: { type: 'string', value: 'VISIBILITY', description: 'private (default), shared, community or public' },
    },
    run: (ctx, args, values) => {
      const [name] = positionals(args, ['NAME'], 'image upload') as [string];
      const file = requiredFlag(values, 'file', 'image upload');
      const visibility = optionalFlag(values, 'visibility');
      if (visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(visibility)) throw new UsageError(`--visibility takes ${VISIBILITIES.join('|')}, got "${visibility}"`);
      return withCloud(ctx, async (cloud) => {
        const progress = startProgress(ctx, `image upload ${name}`);
        try {
          const image = await uploadImage(cloud, {
            name,
            file,
            diskFormat: optionalFlag(values, 'disk-format'),
            containerFormat: optionalFlag(values, 'container-format'),
            visibility: visibility as (typeof VISIBILITIES)[number] | undefined,
            timeoutMs: ctx.options.timeoutMs,
            onProgress: (p) => progress.update({ step: p.stage, status: p.image?.status ?? '' }),
          });
          progress.stop();
          ctx.stdout(formatRecord(ctx.options, image, Object.fromEntries(IMAGE_COLUMNS.map((c) => [c.header.toLowerCase(), c.value]))));
        } catch (error) {
          progress.stop();
          throw error;
        }
      });
    },
  },
  delete: {
    summary: 'delete an image (gone already is fine)',
    args: 'NAME|ID',
    flags: {},
    run: (ctx, args) => {
      const [name] = positionals(args, ['NAME|ID'], 'image delete') as [string];
      return withCloud(ctx, async (cloud) => {
        const deleted = await deleteImage(cloud, name);
        ctx.stdout(formatRecord(ctx.options, { image: name, deleted }, { image: (r) => r.image, deleted: (r) => r.deleted }));
      });
    },
  },
};
