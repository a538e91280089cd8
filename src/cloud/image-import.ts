/**
 * `importImage`: glance's interoperable import where the cloud offers it (`GET /v2/info/import`, v2.6+):
 * `glance-direct` (stage the bytes, then import) for local data, `web-download` (glance fetches a URL itself)
 * for a `uri`; otherwise a plain upload (the URL fetched here and streamed through). The wait for `active`
 * joins the shared waiting engine (image kind). A record whose import failed is deleted.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CanopyError, ResourceFailedError, UnsupportedError } from '../errors/index.js';
import type { StreamBody } from '../http/service-client.js';
import { imageKind } from '../resources/image/image.js';
import { majorVersion } from '../resources/gates.js';
import { runOperation } from '../operations/run-operation.js';
import type { Image } from '../resources/image/image-model.js';
import { glanceLabel, glanceMinor } from '../services/image/glance-version.js';
import { putImageData, stageImageData, startImageImport } from '../services/image/image-data.js';
import { createImageV2, deleteImageV2, importMethodsV2 } from '../services/image/images-v2.js';
import { waitForResource } from '../verbs/wait-for-resource.js';
import type { CloudScope } from './cloud-context.js';
import { uploadImage, type ImageMetadataOptions } from './images.js';
import type { Operation } from './operation.js';

/** Options of {@link Cloud.importImage}: the image's metadata and where its data comes from (`file`, `data` or `uri`). */
export interface ImportImageOptions extends ImageMetadataOptions {
  name: string;
  /** A local file, streamed (never loaded whole). */
  file?: string;
  /** The data itself. */
  data?: Uint8Array | Blob;
  /** A URL glance fetches itself (`web-download`); where the cloud lacks it, fetched here and uploaded. */
  uri?: string;
  /** Insist on an import method; default `web-download` for `uri`, `glance-direct` for local data. */
  method?: 'glance-direct' | 'web-download';
  /** Upload plainly when the cloud has no such import method (default true); false raises `UnsupportedError`. */
  fallback?: boolean;
  /** Default `raw`. */
  diskFormat?: string;
  signal?: AbortSignal;
  /** Limit for the wait until `active`, ms (default 10 minutes). */
  timeoutMs?: number;
}

/** Which way the data went: an import method, or `upload` when the cloud had none to offer. */
export type ImportPath = 'glance-direct' | 'web-download' | 'upload';

/** The bytes of a local source as a repeatable stream. */
async function localStream(options: ImportImageOptions): Promise<Omit<StreamBody, 'onBytes'>> {
  if (options.file !== undefined) {
    const file = options.file;
    return { source: () => createReadStream(file), length: (await stat(file)).size };
  }
  const data = options.data;
  if (data instanceof Blob) return { source: () => data.stream(), length: data.size };
  if (data instanceof Uint8Array) return { source: () => (async function* () { yield data; })(), length: data.byteLength };
  throw new CanopyError('importImage needs `file`, `data` or `uri`');
}

/** The image is done: active, or back to queued with glance's failed-import mark. */
const settled = (image: Image) => image.status === 'active' || (image.status === 'queued' && image.properties.os_glance_failed_import !== undefined && image.properties.os_glance_failed_import !== '');

/**
 * Creates an image and brings its data in by the best way the cloud offers, as a task-recorded operation:
 * `accepted` is the queued record, progress events carry `path` (`glance-direct`, `web-download`, `upload`) and,
 * while bytes go out, `bytes`/`totalBytes`.
 *
 * @example
 * const image = await importImage(cloud, { name: 'debian-12', uri: 'https://cloud.debian.org/…/debian-12.qcow2', diskFormat: 'qcow2' });
 */
export function importImage(cloud: CloudScope, options: ImportImageOptions): Operation<Image, Image> {
  const { signal } = options;
  return runOperation<Image, Image>(cloud, { task: 'image.import', resourceKind: 'image', waitFor: { status: 'active' }, timeoutMs: options.timeoutMs, signal }, async ({ task, control, accepted }) => {
    if ([options.file, options.data, options.uri].filter((v) => v !== undefined).length !== 1) throw new CanopyError('importImage needs exactly one of `file`, `data` or `uri`');
    const glance = await cloud.service('image', signal);
    const wanted = options.method ?? (options.uri !== undefined ? 'web-download' : 'glance-direct');
    const v1 = majorVersion(glance) === 1;
    const offered = v1 || (await glanceMinor(glance, signal)) < 6 ? [] : await importMethodsV2(glance, signal);
    const path: ImportPath = offered.includes(wanted) ? wanted : 'upload';
    if (path === 'upload' && options.fallback === false) throw new UnsupportedError({ feature: `image import by ${wanted}`, service: 'image', have: await glanceLabel(glance, signal), need: offered.length ? `${wanted} in /v2/info/import (offered: ${offered.join(', ')})` : 'v2.6 with interoperable import' });
    const progress = (step: string, extra: { bytes?: number; totalBytes?: number; status?: string } = {}) => control.progress({ taskId: task.id, step, path, ...extra });
    const fetched = options.uri !== undefined && path === 'upload' ? await task.step('fetch', () => fetchSource(options.uri as string, signal)) : undefined;
    if (v1) {
      const image = await task.step('upload', () => uploadImage(cloud, { ...metadata(options), ...(fetched ? { data: fetched.source as ReadableStream<Uint8Array> } : options.file !== undefined ? { file: options.file } : { data: options.data as Uint8Array }), signal }));
      accepted(image.id, image);
      return image;
    }
    const meta = metadata(options);
    const { image: queued } = await task.step('create', async (step) => {
      const created = await createImageV2(glance, { ...(meta.properties ?? {}), name: meta.name, disk_format: meta.diskFormat, container_format: meta.containerFormat, visibility: meta.visibility, min_disk: meta.minDiskGb, min_ram: meta.minRamMb, tags: meta.tags }, signal);
      step.resource(created.image.id);
      return created;
    });
    accepted(queued.id, queued);
    try {
      if (path === 'web-download') {
        await task.step('import', () => startImageImport(glance, queued.id, { name: 'web-download', uri: options.uri as string }, signal));
      } else {
        const source = fetched ?? (await localStream(options));
        const stream: StreamBody = { ...source, onBytes: (bytes) => progress(path === 'upload' ? 'upload' : 'stage', { bytes, ...(source.length !== undefined ? { totalBytes: source.length } : {}) }) };
        if (path === 'glance-direct') {
          await task.step('stage', () => stageImageData(glance, queued.id, stream, signal));
          await task.step('import', () => startImageImport(glance, queued.id, { name: 'glance-direct' }, signal));
        } else {
          await task.step('upload', () => putImageData(glance, queued.id, stream, signal));
        }
      }
      const done = (await task.step('wait', () =>
        waitForResource(cloud, imageKind, queued.id, { status: settled, timeoutMs: options.timeoutMs, signal, notBefore: Date.now(), onProgress: (p) => progress('wait', p.status ? { status: p.status } : {}) }),
      )) as Image;
      if (done.status !== 'active') throw new ResourceFailedError({ resourceType: 'image', resourceId: queued.id, status: done.status, fault: { message: `the ${path} import failed (os_glance_failed_import: ${String(done.properties.os_glance_failed_import)})` } });
      return done;
    } catch (error) {
      await deleteImageV2(glance, queued.id).catch((cleanupError: unknown) => cloud.logger.warn('could not delete the image whose import failed', { id: queued.id, error: String(cleanupError) }));
      throw error;
    }
  });
}

/** The metadata fields with their defaults. */
function metadata(options: ImportImageOptions) {
  return {
    name: options.name,
    diskFormat: options.diskFormat ?? 'raw',
    containerFormat: options.containerFormat ?? 'bare',
    visibility: options.visibility ?? 'private',
    ...(options.minDiskGb !== undefined ? { minDiskGb: options.minDiskGb } : {}),
    ...(options.minRamMb !== undefined ? { minRamMb: options.minRamMb } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.properties ? { properties: options.properties } : {}),
  };
}

/** A URL's body as a one-shot stream, for the upload fallback of `web-download`. */
async function fetchSource(uri: string, signal?: AbortSignal): Promise<Omit<StreamBody, 'onBytes'>> {
  const response = await fetch(uri, signal ? { signal } : {});
  if (!response.ok || !response.body) throw new CanopyError(`could not fetch ${uri}: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? NaN);
  return { source: response.body, ...(Number.isFinite(length) ? { length } : {}) };
}
