/**
 * The Cloud's image calls (glance v2, or v1 on old clouds).
 */
import type { Image } from '../../resources/image/image-model.js';
import * as images from '../images.js';
import { imageKind } from '../../resources/image/image.js';
import { deleteAndWait, type ChangeOptions, type DeleteResult } from '../../verbs/change-resources.js';
import type { Operation } from '../operation.js';
import { ComputeMethods, type ReadOptions } from './compute-methods.js';

/**
 * Image calls of the {@link Cloud}.
 *
 * @example
 * const image = await cloud.getImage('cirros');
 */
export class ImageMethods extends ComputeMethods {
  /**
   * Images, newest first.
   *
   * @example
   * for await (const i of cloud.listImages({ name: 'cirros' })) console.log(i.id, i.status);
   */
  listImages(options: images.ListImagesOptions = {}): AsyncIterable<Image> {
    return images.listImages(this, options);
  }

  /**
   * An image by name or id, or `undefined`.
   *
   * @example
   * await cloud.findImage('cirros')
   */
  findImage(nameOrId: string, options: ReadOptions = {}): Promise<Image | undefined> {
    return images.findImage(this, nameOrId, options);
  }

  /**
   * An image by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getImage('cirros')
   */
  getImage(nameOrId: string, options: ReadOptions = {}): Promise<Image> {
    return images.getImage(this, nameOrId, options);
  }

  /**
   * Uploads an image file or bytes (glance v2, v1 on old clouds) and waits until it is active.
   *
   * @example
   * await cloud.uploadImage({ name: 'mine', file: 'disk.raw' })
   */
  uploadImage(options: images.UploadImageOptions): Promise<Image> {
    return images.uploadImage(this, options);
  }

  /**
   * Deletes an image by name or id and waits until glance no longer has it; `{ deleted: false }` when it was
   * already gone (the delete still succeeds). A protected image is refused by glance (`ForbiddenError`).
   *
   * @example
   * const { deleted } = await cloud.deleteImage('mine');
   */
  deleteImage(nameOrId: string | { id: string }, options: ChangeOptions = {}): Operation<DeleteResult, { id: string }> {
    return deleteAndWait(this, imageKind, typeof nameOrId === 'string' ? nameOrId : nameOrId.id, options);
  }
}
