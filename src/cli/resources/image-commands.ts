/**
 * The image verbs beyond list/show/set/delete: `upload`, `download` (progress in bytes on a terminal), `unset`,
 * `add project` / `remove project` (sharing), `import`, and the `image member list|accept|reject|pending` group.
 * The SDK is reached only through the `cloud` each command gets (lazy loading).
 */
import type { Image } from '../../resources/image/image-model.js';
import type { ImageMember } from '../../cloud/image-members.js';
import { optionalFlag, positionals, repeatedFlag, requiredFlag } from '../args.js';
import type { CliContext } from '../cli-context.js';
import type { CommandGroup, CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { formatOutput, formatRecord, type Column } from '../output.js';
import { humanBytes as human, startProgress } from '../progress.js';
import { withCloud } from '../with-cloud.js';

const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
type Visibility = (typeof VISIBILITIES)[number];

function visibilityOf(values: Record<string, unknown>): Visibility | undefined {
  const visibility = optionalFlag(values, 'visibility');
  if (visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(visibility)) throw new UsageError(`--visibility takes ${VISIBILITIES.join('|')}, got "${visibility}"`);
  return visibility as Visibility | undefined;
}

/** The fields an image command prints (the same as `image show`). */
export type ImageFields = Record<string, (i: Image) => unknown>;

const MEMBER_COLUMNS: Column<ImageMember>[] = [
  { header: 'Image ID', value: (m) => m.imageId },
  { header: 'Member ID', value: (m) => m.memberId },
  { header: 'Status', value: (m) => m.status },
];
const memberFields = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c.header.toLowerCase().replace(/ /g, '_'), c.value]));

/** Runs an SDK operation with its progress drawn on a terminal. */
async function withProgress<T>(ctx: CliContext, label: string, op: PromiseLike<T> & { onProgress?: (fn: (p: { step: string; status?: string; bytes?: number; totalBytes?: number; path?: string }) => void) => unknown }): Promise<T> {
  const progress = startProgress(ctx, label);
  op.onProgress?.((p) => progress.update({ step: p.path ? `${p.step} (${p.path})` : p.step, status: p.bytes !== undefined ? `${human(p.bytes)} of ${human(p.totalBytes)}` : (p.status ?? '') }));
  try {
    return await op;
  } finally {
    progress.stop();
  }
}

/** `image add project IMAGE PROJECT` / `image remove project IMAGE PROJECT`. */
function projectArgs(args: string[], command: string): [string, string] {
  const [word, image, project] = positionals(args, ['project', 'IMAGE', 'PROJECT'], command) as [string, string, string];
  if (word !== 'project') throw new UsageError(`${command} takes: project IMAGE PROJECT`);
  return [image, project];
}

/**
 * The image verbs, given the fields `image show` prints.
 *
 * @example
 * commands: imageCommands(showFields)
 */
export function imageCommands(fields: ImageFields): Record<string, CommandSpec> {
  return {
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
        const visibility = visibilityOf(values);
        return withCloud(ctx, async (cloud) => {
          const progress = startProgress(ctx, `image upload ${name}`);
          try {
            const image = await cloud.uploadImage({ name, file, diskFormat: optionalFlag(values, 'disk-format'), containerFormat: optionalFlag(values, 'container-format'), visibility, timeoutMs: ctx.options.timeoutMs, onProgress: (p) => progress.update({ step: p.stage, status: p.image?.status ?? '' }) });
            progress.stop();
            ctx.stdout(formatRecord(ctx.options, image, fields));
          } finally {
            progress.stop();
          }
        });
      },
    },
    download: {
      summary: "save an image's data to a file, verified by its checksum (continues a FILE.part left by an interrupted download)",
      args: 'NAME|ID',
      flags: {
        file: { type: 'string', value: 'PATH', description: 'where to write the data (required)' },
        'no-resume': { type: 'boolean', description: 'start again instead of continuing FILE.part' },
      },
      run: (ctx, args, values) => {
        const [nameOrId] = positionals(args, ['NAME|ID'], 'image download') as [string];
        const path = requiredFlag(values, 'file', 'image download');
        return withCloud(ctx, async (cloud) => {
          const result = await withProgress(ctx, `image download ${nameOrId}`, cloud.downloadImage(nameOrId, { path, resume: !values['no-resume'], ...(ctx.options.timeoutMs !== undefined ? { timeoutMs: ctx.options.timeoutMs } : {}) }));
          const row = { id: result.image.id, name: result.image.name, file: path, bytes: result.bytes, checksum: result.verified ? `${result.verified.algorithm}:${result.verified.value}` : '', resumed_from: result.resumedFrom };
          ctx.stdout(formatRecord(ctx.options, row, Object.fromEntries(Object.keys(row).map((k) => [k, (r: typeof row) => r[k as keyof typeof row]]))));
        });
      },
    },
    unset: {
      summary: 'remove properties and tags from an image',
      args: 'NAME|ID',
      flags: {
        property: { type: 'string', value: 'KEY', multiple: true, description: 'a property to remove (repeatable)' },
        tag: { type: 'string', value: 'TAG', multiple: true, description: 'a tag to remove (repeatable)' },
      },
      run: (ctx, args, values) => {
        const [nameOrId] = positionals(args, ['NAME|ID'], 'image unset') as [string];
        const removeProperties = repeatedFlag(values, 'property');
        const removeTags = repeatedFlag(values, 'tag');
        if (!removeProperties.length && !removeTags.length) throw new UsageError('image unset needs --property or --tag');
        return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.updateImage(nameOrId, { removeProperties, removeTags }), fields)));
      },
    },
    add: {
      summary: 'share an image with a project: image add project IMAGE PROJECT-ID',
      args: 'project IMAGE PROJECT',
      flags: {},
      run: (ctx, args) => {
        const [image, project] = projectArgs(args, 'image add');
        return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.addImageMember(image, project), memberFields)));
      },
    },
    remove: {
      summary: 'stop sharing an image with a project: image remove project IMAGE PROJECT-ID',
      args: 'project IMAGE PROJECT',
      flags: {},
      run: (ctx, args) => {
        const [image, project] = projectArgs(args, 'image remove');
        return withCloud(ctx, async (cloud) => {
          const { deleted } = await cloud.removeImageMember(image, project);
          ctx.stdout(formatRecord(ctx.options, { image, project, deleted }, { image: (r) => r.image, project: (r) => r.project, deleted: (r) => r.deleted }));
        });
      },
    },
    import: {
      summary: 'create an image by interoperable import (glance-direct for --file, web-download for --uri), or a plain upload where the cloud has none',
      args: 'NAME',
      flags: {
        file: { type: 'string', value: 'PATH', description: 'local data (staged, then imported)' },
        uri: { type: 'string', value: 'URL', description: 'a URL glance fetches itself' },
        method: { type: 'string', value: 'METHOD', description: 'glance-direct or web-download' },
        'no-fallback': { type: 'boolean', description: 'fail instead of uploading plainly when the method is not offered' },
        'disk-format': { type: 'string', value: 'FORMAT', description: 'raw (default), qcow2, …' },
        'container-format': { type: 'string', value: 'FORMAT', description: 'bare (default), …' },
        visibility: { type: 'string', value: 'VISIBILITY', description: 'private (default), shared, community or public' },
      },
      run: (ctx, args, values) => {
        const [name] = positionals(args, ['NAME'], 'image import') as [string];
        const file = optionalFlag(values, 'file');
        const uri = optionalFlag(values, 'uri');
        if ((file === undefined) === (uri === undefined)) throw new UsageError('image import needs exactly one of --file or --uri');
        const method = optionalFlag(values, 'method');
        if (method !== undefined && method !== 'glance-direct' && method !== 'web-download') throw new UsageError(`--method takes glance-direct|web-download, got "${method}"`);
        const visibility = visibilityOf(values);
        return withCloud(ctx, async (cloud) => {
          const op = cloud.importImage({ name, ...(file !== undefined ? { file } : { uri: uri as string }), ...(method ? { method } : {}), fallback: !values['no-fallback'], diskFormat: optionalFlag(values, 'disk-format'), containerFormat: optionalFlag(values, 'container-format'), visibility, ...(ctx.options.timeoutMs !== undefined ? { timeoutMs: ctx.options.timeoutMs } : {}) });
          ctx.stdout(formatRecord(ctx.options, await withProgress(ctx, `image import ${name}`, op), fields));
        });
      },
    },
  };
}

function memberStatusCommand(status: 'accepted' | 'rejected' | 'pending', verb: string): CommandSpec {
  return {
    summary: `${verb} an image shared with your project (the consumer's side; by image id)`,
    args: 'IMAGE-ID',
    flags: {},
    run: (ctx, args) => {
      const [image] = positionals(args, ['IMAGE-ID'], `image member ${verb}`) as [string];
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.updateImageMember(image, { status }), memberFields)));
    },
  };
}

/** `canopy image member list|accept|reject|pending` (also `image-member …`). */
export const IMAGE_MEMBER_GROUP: CommandGroup = {
  summary: 'image members: the projects an image is shared with, and the consumer\'s answer',
  subcommands: {
    list: {
      summary: 'the projects an image is shared with',
      args: 'IMAGE',
      flags: {},
      run: (ctx, args) => {
        const [image] = positionals(args, ['IMAGE'], 'image member list') as [string];
        return withCloud(ctx, async (cloud) => {
          const rows: ImageMember[] = [];
          for await (const m of cloud.listImageMembers(image)) rows.push(m);
          ctx.stdout(formatOutput(ctx.options, rows, MEMBER_COLUMNS));
        });
      },
    },
    accept: memberStatusCommand('accepted', 'accept'),
    reject: memberStatusCommand('rejected', 'reject'),
    pending: memberStatusCommand('pending', 'reset to pending'),
  },
};
