/**
 * Image data and sharing of the {@link Cloud}: download, import, members, updates.
 */
import type { Image } from '../../resources/image/image-model.js';
import { downloadImage, type DownloadImageOptions, type DownloadImageResult } from '../image-download.js';
import { importImage, type ImportImageOptions } from '../image-import.js';
import * as members from '../image-members.js';
import * as updates from '../image-updates.js';
import type { DeleteResult } from '../../verbs/change-resources.js';
import type { Operation } from '../operation.js';
import { VolumeBackupMethods } from './volume-backup-methods.js';

/**
 * Image data and sharing of the {@link Cloud}: download, import, members, updates.
 *
 * @example
 * await cloud.downloadImage('cirros', { path: '/tmp/cirros.img' });
 */
export class ImageTransferMethods extends VolumeBackupMethods {
  /**
   * Downloads an image's data to a file (`path`) or a stream, chunk by chunk, verifying it against glance's
   * `os_hash_value` (or MD5 `checksum`; a mismatch is a `ChecksumMismatchError` and no file is left). A body that
   * breaks off is continued with `Range` where glance supports it (Pike and later; older glance sends it again
   * from the start), and a `<path>.part` left by an interrupted call is continued. Progress events carry `bytes`
   * and `totalBytes`. Glance v1 and v2. To continue a download in another process, call this again with the
   * same `path` (`serialize()`/`resume()` only go on waiting for the image itself).
   *
   * @example
   * const op = cloud.downloadImage('cirros', { path: 'cirros.img' });
   * op.onProgress((p) => console.log(`${p.bytes} of ${p.totalBytes}`));
   * const { bytes, verified } = await op; // verified: { algorithm: 'sha512', value: '…' }
   */
  downloadImage(nameOrId: string, options: DownloadImageOptions): Operation<DownloadImageResult, Image> {
    return downloadImage(this, nameOrId, options);
  }

  /**
   * Changes an image: name, properties (set and `removeProperties`), tags (`tags`, `addTags`, `removeTags`),
   * visibility, protection, minimum disk and RAM. Glance v2 gets one JSON patch of what differs; v1 gets
   * `x-image-meta-*` headers (no tags there, and no `shared`/`community`: `UnsupportedError`, as is `shared`
   * before glance v2.5).
   *
   * @example
   * await cloud.updateImage('golden', { properties: { os_distro: 'debian' }, removeProperties: ['build'], addTags: ['prod'], protected: true });
   */
  updateImage(nameOrId: string, changes: updates.UpdateImageChanges, options: updates.UpdateImageOptions = {}): Promise<Image> {
    return updates.updateImage(this, nameOrId, changes, options);
  }

  /**
   * Deactivates an image (glance v2.3+): still listed, but not downloadable or bootable until reactivated.
   * Glance's policy decides who may (`ForbiddenError` otherwise); older glance raises `UnsupportedError`.
   *
   * @example
   * await admin.deactivateImage('golden'); // status 'deactivated'
   */
  deactivateImage(nameOrId: string, options: updates.UpdateImageOptions = {}): Promise<Image> {
    return updates.deactivateImage(this, nameOrId, options);
  }

  /**
   * Reactivates a deactivated image (glance v2.3+).
   *
   * @example
   * await admin.reactivateImage('golden'); // status 'active'
   */
  reactivateImage(nameOrId: string, options: updates.UpdateImageOptions = {}): Promise<Image> {
    return updates.reactivateImage(this, nameOrId, options);
  }

  /**
   * Shares an image with a project (its id). On glance v2.5+ a `private` image is made `shared` first (glance
   * shares only those; `share: false` to refuse). The membership is `pending` until the project accepts
   * ({@link ImageTransferMethods.updateImageMember}); v1 shares at once.
   *
   * @example
   * const member = await cloud.addImageMember('golden', otherProjectId); // status 'pending'
   */
  addImageMember(nameOrId: string, projectId: string, options: members.AddImageMemberOptions = {}): Promise<members.ImageMember> {
    return members.addImageMember(this, nameOrId, projectId, options);
  }

  /**
   * Stops sharing an image with a project; `{ deleted: false }` when it was not a member.
   *
   * @example
   * await cloud.removeImageMember('golden', otherProjectId);
   */
  removeImageMember(nameOrId: string, projectId: string, options: members.ImageMemberOptions = {}): Promise<DeleteResult> {
    return members.removeImageMember(this, nameOrId, projectId, options);
  }

  /**
   * The projects an image is shared with, and their answers (the owner sees all; a member sees itself).
   *
   * @example
   * for await (const m of cloud.listImageMembers('golden')) console.log(m.memberId, m.status);
   */
  listImageMembers(nameOrId: string, options: members.ImageMemberOptions = {}): AsyncIterable<members.ImageMember> {
    return members.listImageMembers(this, nameOrId, options);
  }

  /**
   * The consumer's side of sharing: accept or reject an image shared with this cloud's project (by image id:
   * until accepted, it is not listed by name). Glance v1 has no member status (`UnsupportedError`).
   *
   * @example
   * await consumer.updateImageMember(imageId, { status: 'accepted' });
   */
  updateImageMember(nameOrId: string, changes: members.UpdateImageMemberChanges, options: members.ImageMemberOptions = {}): Promise<members.ImageMember> {
    return members.updateImageMember(this, nameOrId, changes, options);
  }

  /**
   * Creates an image and brings its data in the best way the cloud offers: interoperable import where
   * `/v2/info/import` lists it (`glance-direct` for `file`/`data`, `web-download` for `uri`), else a plain upload
   * (a `uri` is then fetched here and streamed through). Waits until `active` on the shared engine; an image
   * whose import failed is deleted. Progress events say the `path` taken and the bytes sent.
   *
   * @example
   * const image = await cloud.importImage({ name: 'debian-12', file: 'debian-12.qcow2', diskFormat: 'qcow2' });
   */
  importImage(options: ImportImageOptions): Operation<Image, Image> {
    return importImage(this, options);
  }
}
