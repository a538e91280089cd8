/**
 * The porcelain for images: list, find by name or id, upload a file, delete. Glance v2 (create the record,
 * PUT the data, check it is active) or, on clouds that only have it, glance v1 (one POST with the data).
 */
import { openAsBlob } from 'node:fs';
import { CanopyError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import type { Image } from '../resources/image/image-model.js';
import { createImageV1, deleteImageV1, listImagesV1 } from '../services/image/images-v1.js';
import { createImageV2, deleteImageV2, listImagesV2, showImageV2, uploadImageDataV2 } from '../services/image/images-v2.js';
import { imageKind } from '../resources/image/image.js';
import { waitForResource } from '../verbs/wait-for-resource.js';
import type { CloudScope } from './cloud-context.js';
import { findOne, imageLookup, resolveOne } from './resolve.js';

export type { Image } from '../resources/image/image-model.js';

function isV1(client: ServiceClient): boolean {
  return client.version.replace(/^v/i, '').startsWith('1');
}

/** Filters of {@link Cloud.listImages}. */
export interface ListImagesOptions {
  name?: string;
  status?: string;
  /** v2 only: `public`, `private`, `shared`, `community`, `all`. */
  visibility?: string;
  signal?: AbortSignal;
}

/**
 * Every image the project can see, newest first.
 *
 * @example
 * for await (const image of listImages(cloud, { status: 'active' })) console.log(image.name);
 */
export async function* listImages(cloud: CloudScope, options: ListImagesOptions = {}): AsyncIterable<Image> {
  const glance = await cloud.service('image', options.signal);
  const { visibility, ...common } = options;
  yield* isV1(glance) ? listImagesV1(glance, common) : listImagesV2(glance, { ...common, visibility });
}

/**
 * The image with this id or name, or `undefined`. Several images with that name raise `AmbiguousMatchError`
 * listing them.
 *
 * @example
 * const image = await findImage(cloud, 'cirros');
 */
export async function findImage(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Image | undefined> {
  return findOne(imageLookup(await cloud.service('image', options.signal), options.signal), nameOrId);
}

/**
 * The image with this id or name; `NotFoundError` saying which images exist when there is none.
 *
 * @example
 * const image = await getImage(cloud, 'cirros');
 */
export async function getImage(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Image> {
  return resolveOne(imageLookup(await cloud.service('image', options.signal), options.signal), nameOrId);
}

/** Upload stages reported to {@link UploadImageOptions.onProgress}. */
export interface UploadImageProgress {
  stage: 'created' | 'uploading' | 'uploaded' | 'active';
  image?: Image;
  /** Bytes of data, when known. */
  totalBytes?: number;
}

/**
 * The metadata an uploaded or imported image is created with.
 *
 * @example
 * const meta: ImageMetadataOptions = { visibility: 'shared', tags: ['ci'], properties: { os_distro: 'cirros' } };
 */
export interface ImageMetadataOptions {
  /** Default `bare`. */
  containerFormat?: string;
  /** Default `private`. */
  visibility?: 'public' | 'private' | 'shared' | 'community';
  minDiskGb?: number;
  minRamMb?: number;
  tags?: string[];
  /** Extra image properties (e.g. `{ os_distro: 'cirros' }`). */
  properties?: Record<string, string>;
}

/** Options of {@link Cloud.uploadImage}: the image's metadata and where its data comes from (`file` or `data`). */
export interface UploadImageOptions extends ImageMetadataOptions {
  name: string;
  /** Path of a local file; read as a stream, never loaded whole into memory. */
  file?: string;
  /** The data itself. A stream cannot be retried after a failure; bytes and Blobs can. */
  data?: Uint8Array | Blob | ReadableStream<Uint8Array>;
  /** `qcow2`, `raw`, `vmdk`, `iso`, … (default `qcow2`, or `raw` for in-memory data). */
  diskFormat?: string;
  /** Stops the upload (the half-made image is deleted). */
  signal?: AbortSignal;
  /** Limit for the whole upload, ms (default 1 hour). */
  timeoutMs?: number;
  onProgress?: (progress: UploadImageProgress) => void;
}

async function bodyOf(options: UploadImageOptions): Promise<{ body: BodyInit; size?: number }> {
  if (options.file !== undefined) {
    const blob = await openAsBlob(options.file);
    return { body: blob, size: blob.size };
  }
  const data = options.data;
  if (data instanceof Blob) return { body: data, size: data.size };
  if (data instanceof Uint8Array) return { body: new Blob([data as Uint8Array<ArrayBuffer>]), size: data.byteLength };
  if (data instanceof ReadableStream) return { body: data };
  throw new CanopyError('uploadImage needs `file` (a path) or `data` (bytes, a Blob or a stream)');
}

/**
 * Uploads an image and returns it once glance says `active`. Glance v2: create the record (queued), PUT the
 * data, check the status; when the data step fails the half-made record is deleted, so nothing is left
 * behind. Glance v1: a single POST carrying metadata and data.
 *
 * @example
 * const image = await uploadImage(cloud, { name: 'cirros-0.6', file: './cirros.qcow2', diskFormat: 'qcow2' });
 */
export async function uploadImage(cloud: CloudScope, options: UploadImageOptions): Promise<Image> {
  const timeoutMs = options.timeoutMs ?? 3_600_000;
  const deadline = Date.now() + timeoutMs;
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])]);
  const glance = await cloud.service('image', signal);
  const { body, size } = await bodyOf(options);
  const diskFormat = options.diskFormat ?? (options.file !== undefined ? 'qcow2' : 'raw');
  const containerFormat = options.containerFormat ?? 'bare';
  const visibility = options.visibility ?? 'private';

  if (isV1(glance)) {
    options.onProgress?.({ stage: 'uploading', totalBytes: size });
    const image = await createImageV1(
      glance,
      { name: options.name, diskFormat, containerFormat, isPublic: visibility === 'public', minDiskGb: options.minDiskGb, minRamMb: options.minRamMb, properties: options.properties },
      body,
      { signal, timeoutMs: Math.max(1, deadline - Date.now()) },
    );
    options.onProgress?.({ stage: 'active', image, totalBytes: size });
    return image;
  }

  const { image: queued } = await createImageV2(
    glance,
    { ...(options.properties ?? {}), name: options.name, disk_format: diskFormat, container_format: containerFormat, visibility, min_disk: options.minDiskGb, min_ram: options.minRamMb, tags: options.tags },
    signal,
  );
  options.onProgress?.({ stage: 'created', image: queued, totalBytes: size });
  try {
    options.onProgress?.({ stage: 'uploading', image: queued, totalBytes: size });
    await uploadImageDataV2(glance, queued.id, body, { signal, timeoutMs: Math.max(1, deadline - Date.now()) });
    options.onProgress?.({ stage: 'uploaded', image: queued, totalBytes: size });
    const uploaded = (await showImageV2(glance, queued.id, signal)) ?? queued;
    // Glance may still be checksumming or importing after the PUT: wait for `active` on the shared engine.
    const active =
      uploaded.status === 'active'
        ? uploaded
        : ((await waitForResource(cloud, imageKind, queued.id, { status: 'active', failOn: ['killed', 'deleted', 'deactivated'], timeoutMs: Math.max(1, deadline - Date.now()), signal })) as Image);
    options.onProgress?.({ stage: 'active', image: active, totalBytes: size });
    return active;
  } catch (error) {
    // The record exists but has no (good) data: remove it with a fresh signal, since ours may be aborted.
    await deleteImageV2(glance, queued.id).catch((cleanupError: unknown) => cloud.logger.warn('could not delete the half-uploaded image', { id: queued.id, error: String(cleanupError) }));
    cloud.logger.warn('image upload failed; the queued image was deleted', { id: queued.id, name: options.name });
    throw error;
  }
}

/**
 * Deletes an image by id or name. Succeeds when it is already gone; returns whether this call deleted it.
 *
 * @example
 * await deleteImage(cloud, 'cirros-0.6');
 */
export async function deleteImage(cloud: CloudScope, nameOrId: string | { id: string }, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  const glance = await cloud.service('image', options.signal);
  const id = typeof nameOrId === 'string' ? (await findImage(cloud, nameOrId, options))?.id : nameOrId.id;
  if (!id) return false;
  return isV1(glance) ? deleteImageV1(glance, id, options.signal) : deleteImageV2(glance, id, options.signal);
}
