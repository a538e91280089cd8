/**
 * `canopy object list|show|upload|download|copy|set|delete|url` (object storage). Uploads and downloads draw
 * their progress (bytes, segments) on a terminal. The SDK is reached only through the `cloud` each command gets.
 */
import type { ObjectEntry, ObjectInfo } from '../../object-store/objects.js';
import { optionalFlag, positionals, positiveNumber, repeatedFlag } from '../args.js';
import type { CliContext } from '../cli-context.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { collect, formatOutput, formatRecord, type Column } from '../output.js';
import { humanBytes as human, startProgress } from '../progress.js';
import { withCloud } from '../with-cloud.js';

const FIELDS: Record<string, (o: ObjectInfo) => unknown> = {
  container: (o) => o.container,
  name: (o) => o.name,
  bytes: (o) => o.bytes,
  etag: (o) => o.etag ?? '',
  content_type: (o) => o.contentType ?? '',
  last_modified: (o) => o.lastModified ?? '',
  large_object: (o) => o.largeObject ?? '',
  properties: (o) => o.metadata,
};

const LIST_COLUMNS: Column<ObjectEntry>[] = [
  { header: 'Name', value: (o) => o.name },
  { header: 'Bytes', value: (o) => (o.directory ? '' : (o.bytes ?? '')), long: true },
  { header: 'Hash', value: (o) => o.etag ?? '', long: true },
  { header: 'Content Type', value: (o) => (o.directory ? 'directory' : (o.contentType ?? '')), long: true },
  { header: 'Last Modified', value: (o) => o.lastModified ?? '', long: true },
];

type Transfer = { step: string; bytes?: number; totalBytes?: number; segments?: number; totalSegments?: number };

/** Runs a transfer with its bytes (and segments) drawn on a terminal. */
async function withProgress<T>(ctx: CliContext, label: string, op: PromiseLike<T> & { onProgress(fn: (p: Transfer) => void): unknown }): Promise<T> {
  const progress = startProgress(ctx, label);
  op.onProgress((p) => {
    const segments = p.totalSegments ? ` · segment ${p.segments ?? 0}/${p.totalSegments}` : '';
    progress.update({ step: p.step, status: `${human(p.bytes)} of ${human(p.totalBytes)}${segments}` });
  });
  try {
    return await op;
  } finally {
    progress.stop();
  }
}

function properties(values: Record<string, unknown>, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of repeatedFlag(values, flag)) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--${flag} takes KEY=VALUE, got "${item}"`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

function record(row: Record<string, unknown>): Record<string, (r: Record<string, unknown>) => unknown> {
  return Object.fromEntries(Object.keys(row).map((k) => [k, (r: Record<string, unknown>) => r[k]]));
}

/** The `object` subcommands. */
export const OBJECT_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'list the objects of a container (--delimiter / shows "directories")',
    args: 'CONTAINER',
    flags: {
      prefix: { type: 'string', value: 'PREFIX', description: 'only names starting with PREFIX' },
      delimiter: { type: 'string', value: 'CHAR', description: 'group names below CHAR into directory entries' },
      long: { type: 'boolean', description: 'bytes, hash, content type and date too' },
    },
    run: (ctx, args, values) => {
      const [container] = positionals(args, ['CONTAINER'], 'object list') as [string];
      return withCloud(ctx, async (cloud) => {
        const rows = await collect(cloud.listObjects(container, { prefix: optionalFlag(values, 'prefix'), delimiter: optionalFlag(values, 'delimiter') }));
        ctx.stdout(formatOutput(ctx.options, rows, LIST_COLUMNS.filter((c) => !c.long || values.long)));
      });
    },
  },
  show: {
    summary: "an object's size, ETag, content type, metadata and large-object kind",
    args: 'CONTAINER OBJECT',
    flags: {},
    run: (ctx, args) => {
      const [container, name] = positionals(args, ['CONTAINER', 'OBJECT'], 'object show') as [string, string];
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.getObject(container, name), FIELDS)));
    },
  },
  upload: {
    summary: 'upload a file (large files in segments sent in parallel; run it again after a crash to resume)',
    args: 'CONTAINER FILE',
    flags: {
      name: { type: 'string', value: 'OBJECT', description: 'the object name (default: FILE as given)' },
      'segment-size': { type: 'string', value: 'BYTES', description: 'segment files larger than this (default 64 MiB)' },
      concurrency: { type: 'string', value: 'N', description: 'segments sent at once (default 6)' },
      'use-dlo': { type: 'boolean', description: 'a dynamic large object (X-Object-Manifest) instead of SLO' },
      'no-segments': { type: 'boolean', description: 'one PUT whatever the size (refused above max_file_size)' },
      'content-type': { type: 'string', value: 'TYPE', description: 'Content-Type (default: guessed by Swift from the name)' },
      property: { type: 'string', value: 'KEY=VALUE', multiple: true, description: 'a metadata key (repeatable)' },
    },
    run: (ctx, args, values) => {
      const [container, file] = positionals(args, ['CONTAINER', 'FILE'], 'object upload') as [string, string];
      const name = optionalFlag(values, 'name') ?? file.replace(/^\.\//, '');
      const segmentSize = positiveNumber(values, 'segment-size');
      const concurrency = positiveNumber(values, 'concurrency');
      return withCloud(ctx, async (cloud) => {
        const op = cloud.uploadObject(container, name, {
          path: file,
          ...(segmentSize ? { segmentSize } : {}),
          ...(concurrency ? { concurrency } : {}),
          largeObject: values['no-segments'] ? 'none' : values['use-dlo'] ? 'dlo' : 'auto',
          ...(optionalFlag(values, 'content-type') ? { contentType: optionalFlag(values, 'content-type') } : {}),
          metadata: properties(values, 'property'),
        });
        const stored = await withProgress(ctx, `object upload ${name}`, op);
        ctx.stdout(formatRecord(ctx.options, stored, { ...FIELDS, segments: () => stored.segments, segments_reused: () => stored.segmentsReused }));
      });
    },
  },
  download: {
    summary: "save an object to a file, checked against its ETag (a large object's segments several at once)",
    args: 'CONTAINER OBJECT',
    flags: {
      file: { type: 'string', value: 'PATH', description: 'where to write it (default: the object name)' },
      concurrency: { type: 'string', value: 'N', description: 'segments fetched at once (default 6)' },
    },
    run: (ctx, args, values) => {
      const [container, name] = positionals(args, ['CONTAINER', 'OBJECT'], 'object download') as [string, string];
      const path = optionalFlag(values, 'file') ?? name.split('/').pop() ?? name;
      const concurrency = positiveNumber(values, 'concurrency');
      return withCloud(ctx, async (cloud) => {
        const result = await withProgress(ctx, `object download ${name}`, cloud.downloadObject(container, name, { path, ...(concurrency ? { concurrency } : {}) }));
        const row = { container, name, file: path, bytes: result.bytes, verified: result.verified };
        ctx.stdout(formatRecord(ctx.options, row, record(row)));
      });
    },
  },
  copy: {
    summary: 'copy an object on the server (no data through this machine)',
    args: 'CONTAINER OBJECT DEST_CONTAINER [DEST_OBJECT]',
    flags: { property: { type: 'string', value: 'KEY=VALUE', multiple: true, description: 'metadata of the copy (repeatable)' } },
    run: (ctx, args, values) => {
      if (args.length !== 3 && args.length !== 4) throw new UsageError('object copy takes CONTAINER OBJECT DEST_CONTAINER [DEST_OBJECT]');
      const [container, name, destContainer, destName] = args as [string, string, string, string | undefined];
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.copyObject({ container, name }, { container: destContainer, name: destName ?? name }, { metadata: properties(values, 'property') }), FIELDS)));
    },
  },
  set: {
    summary: "change an object's metadata (others kept), content type or expiry",
    args: 'CONTAINER OBJECT',
    flags: {
      property: { type: 'string', value: 'KEY=VALUE', multiple: true, description: 'set a metadata key (repeatable)' },
      'unset-property': { type: 'string', value: 'KEY', multiple: true, description: 'remove a metadata key (repeatable)' },
      'content-type': { type: 'string', value: 'TYPE', description: 'a new Content-Type' },
      'delete-after': { type: 'string', value: 'SECONDS', description: 'Swift deletes it after this many seconds' },
    },
    run: (ctx, args, values) => {
      const [container, name] = positionals(args, ['CONTAINER', 'OBJECT'], 'object set') as [string, string];
      const metadata: Record<string, string | null> = { ...properties(values, 'property'), ...Object.fromEntries(repeatedFlag(values, 'unset-property').map((k) => [k, null])) };
      const deleteAfter = positiveNumber(values, 'delete-after');
      return withCloud(ctx, async (cloud) =>
        ctx.stdout(formatRecord(ctx.options, await cloud.updateObject(container, name, { metadata, ...(optionalFlag(values, 'content-type') ? { contentType: optionalFlag(values, 'content-type') } : {}), ...(deleteAfter ? { deleteAfterSeconds: deleteAfter } : {}) }), FIELDS)),
      );
    },
  },
  delete: {
    summary: 'delete objects (a large object with its segments); --prefix deletes every object under it (bulk delete)',
    args: 'CONTAINER [OBJECT…]',
    flags: {
      prefix: { type: 'string', value: 'PREFIX', description: 'delete every object whose name starts with PREFIX' },
      'keep-segments': { type: 'boolean', description: "leave a large object's segments" },
    },
    run: (ctx, args, values) => {
      const [container, ...names] = args;
      const prefix = optionalFlag(values, 'prefix');
      if (!container || (names.length === 0) === (prefix === undefined)) throw new UsageError('object delete takes CONTAINER OBJECT… or CONTAINER --prefix PREFIX');
      return withCloud(ctx, async (cloud) => {
        if (prefix !== undefined) {
          const result = await cloud.deleteObjects(container, { prefix });
          ctx.stdout(formatRecord(ctx.options, { container, prefix, ...result }, record({ container, prefix, ...result })));
          return;
        }
        const rows: Array<{ object: string; deleted: boolean }> = [];
        for (const name of names) rows.push({ object: name, ...(await cloud.deleteObject(container, name, { segments: !values['keep-segments'] })) });
        ctx.stdout(formatOutput(ctx.options, rows, [
          { header: 'OBJECT', value: (r) => r.object },
          { header: 'RESULT', value: (r) => (r.deleted ? 'deleted' : 'not found (nothing to do)') },
        ]));
      });
    },
  },
  url: {
    summary: 'a temp URL: a signed link that works without a token until it expires (--set-key sets the key first)',
    args: 'CONTAINER OBJECT',
    flags: {
      method: { type: 'string', value: 'METHOD', description: 'GET (default), HEAD, PUT, POST or DELETE' },
      expires: { type: 'string', value: 'SECONDS', description: 'lifetime in seconds (default 3600)' },
      prefix: { type: 'boolean', description: 'sign for every object whose name starts with OBJECT' },
      digest: { type: 'string', value: 'DIGEST', description: 'sha1, sha256 or sha512 (default: the strongest the cluster allows)' },
      'set-key': { type: 'string', value: 'KEY', description: "set the container's temp-URL key to KEY first" },
    },
    run: (ctx, args, values) => {
      const [container, name] = positionals(args, ['CONTAINER', 'OBJECT'], 'object url') as [string, string];
      const expires = positiveNumber(values, 'expires');
      const key = optionalFlag(values, 'set-key');
      return withCloud(ctx, async (cloud) => {
        if (key !== undefined) await cloud.setTempUrlKey(key, { container });
        const url = await cloud.createTempUrl(container, name, { method: optionalFlag(values, 'method') ?? 'GET', ...(expires ? { expiresInSeconds: expires } : {}), prefix: Boolean(values.prefix), ...(optionalFlag(values, 'digest') ? { digest: optionalFlag(values, 'digest') } : {}) });
        const row: Record<string, unknown> = { ...url };
        ctx.stdout(formatRecord(ctx.options, row, record(row)));
      });
    },
  },
};
