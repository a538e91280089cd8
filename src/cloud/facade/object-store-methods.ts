/**
 * Object storage (Swift) calls of the {@link Cloud}: objects, large uploads, downloads, temp URLs. Containers are
 * in container-methods.ts.
 */
import { NotFoundError } from '../../errors/index.js';
import type { BulkDeleteOptions, BulkDeleteResult } from '../../object-store/bulk-delete.js';
import { downloadObject, type DownloadObjectOptions, type DownloadResult } from '../../object-store/download.js';
import * as objects from '../../object-store/objects.js';
import { createTempUrl, setTempUrlKey, type SetTempUrlKeyOptions, type TempUrl, type TempUrlOptions } from '../../object-store/temp-url.js';
import { uploadObject, type UploadObjectOptions, type UploadResult } from '../../object-store/upload.js';
import type { Operation } from '../operation.js';
import type { ReadOptions } from './compute-methods.js';
import { ContainerMethods } from './container-methods.js';

/**
 * Object storage (Swift) calls of the {@link Cloud}: containers, objects, large uploads, temp URLs.
 *
 * @example
 * await cloud.createContainer({ name: 'backups' });
 * await cloud.uploadObject('backups', 'db.tar', { path: './db.tar' });
 */
export class ObjectStoreMethods extends ContainerMethods {
  /**
   * The objects of a container, page after page; with a `delimiter`, names below it come back as directory
   * entries (`directory: true`).
   *
   * @example
   * for await (const o of cloud.listObjects('logs', { prefix: '2026/', delimiter: '/' })) console.log(o.name, o.bytes);
   */
  listObjects(container: string, options: objects.ListObjectsOptions = {}): AsyncIterable<objects.ObjectEntry> {
    return objects.listObjects(this.objectStore(), container, options);
  }

  /**
   * An object's size, ETag, content type, metadata and large-object kind, or `undefined`.
   *
   * @example
   * const o = await cloud.findObject('backups', 'db.tar');
   */
  findObject(container: string, name: string, options: ReadOptions = {}): Promise<objects.ObjectInfo | undefined> {
    return objects.findObject(this.objectStore(), container, name, options);
  }

  /**
   * An object's metadata; `NotFoundError` when there is none.
   *
   * @example
   * const { bytes, etag, metadata, largeObject } = await cloud.getObject('backups', 'db.tar');
   */
  async getObject(container: string, name: string, options: ReadOptions = {}): Promise<objects.ObjectInfo> {
    const found = await this.findObject(container, name, options);
    if (!found) throw new NotFoundError({ method: 'HEAD', url: `/${container}/${name}`, service: 'object-store' }, { message: `no object "${name}" in container "${container}"` });
    return found;
  }

  /**
   * Uploads a file, bytes or a stream. Above the segment size it becomes a large object: segments sent several
   * at a time (`concurrency`), each checked against its ETag, the manifest last (SLO, or DLO on request or
   * without SLO). Uploading the same file again after a crash reuses the segments already stored. Progress
   * (`bytes`, `segments`) on the Operation.
   *
   * @example
   * const op = cloud.uploadObject('backups', 'db.tar', { path: './db.tar', segmentSize: 32 * 2 ** 20, concurrency: 6 });
   * op.onProgress((p) => console.log(`${p.bytes}/${p.totalBytes} bytes, ${p.segments}/${p.totalSegments} segments`));
   * const stored = await op;
   */
  uploadObject(container: string, name: string, options: UploadObjectOptions): Operation<UploadResult, { container: string; name: string }> {
    return uploadObject(this.objectStore(), container, name, options);
  }

  /**
   * Downloads an object to a file or a stream, never whole in memory, checked against its ETag (a large object
   * segment by segment, its segments fetched several at a time into a file). `range` reads part of it.
   *
   * @example
   * const { bytes, verified } = await cloud.downloadObject('backups', 'db.tar', { path: './db.tar' });
   */
  downloadObject(container: string, name: string, options: DownloadObjectOptions): Operation<DownloadResult, { container: string; name: string }> {
    return downloadObject(this.objectStore(), container, name, options);
  }

  /**
   * Copies an object on the server (the data does not pass through the client).
   *
   * @example
   * await cloud.copyObject({ container: 'backups', name: 'db.tar' }, { container: 'archive', name: 'db-2026-12-05.tar' });
   */
  copyObject(from: { container: string; name: string }, to: { container: string; name: string }, options: objects.CopyObjectOptions = {}): Promise<objects.ObjectInfo> {
    return objects.copyObject(this.objectStore(), from, to, options);
  }

  /**
   * Changes an object's metadata (keys not named are kept; `null` removes one), content type or expiry.
   *
   * @example
   * await cloud.updateObject('backups', 'db.tar', { metadata: { verified: 'yes' } });
   */
  updateObject(container: string, name: string, options: objects.UpdateObjectOptions): Promise<objects.ObjectInfo> {
    return objects.updateObject(this.objectStore(), container, name, options);
  }

  /**
   * Deletes an object (a large object's segments with it unless `segments: false`); `{ deleted: false }` when
   * there was none.
   *
   * @example
   * await cloud.deleteObject('backups', 'db.tar');
   */
  deleteObject(container: string, name: string, options: objects.DeleteObjectOptions = {}): Promise<{ deleted: boolean }> {
    return objects.deleteObject(this.objectStore(), container, name, options);
  }

  /**
   * Deletes every object of a container whose name starts with `prefix` (bulk delete where the cluster has it,
   * else parallel DELETEs).
   *
   * @example
   * const { deleted } = await cloud.deleteObjects('logs', { prefix: '2025/' });
   */
  deleteObjects(container: string, options: BulkDeleteOptions & { prefix: string }): Promise<BulkDeleteResult> {
    const { prefix, ...rest } = options;
    return objects.deleteObjectsWithPrefix(this.objectStore(), container, prefix, rest);
  }

  /**
   * Sets the account's (or a container's) temp-URL key.
   *
   * @example
   * await cloud.setTempUrlKey(randomBytes(32).toString('hex'), { container: 'backups' });
   */
  setTempUrlKey(key: string, options: SetTempUrlKeyOptions = {}): Promise<void> {
    return setTempUrlKey(this.objectStore(), key, options);
  }

  /**
   * A signed URL that reads (or writes, per `method`) an object without a token until it expires; with
   * `prefix: true`, every object whose name starts with `name`.
   *
   * @example
   * const { url } = await cloud.createTempUrl('backups', 'db.tar', { expiresInSeconds: 600 });
   * await fetch(url); // no token needed
   */
  createTempUrl(container: string, name: string, options: TempUrlOptions = {}): Promise<TempUrl> {
    return createTempUrl(this.objectStore(), container, name, options);
  }
}
