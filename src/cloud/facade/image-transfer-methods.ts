/**
 * Image data and sharing of the {@link Cloud}: download, import, members, updates.
 */
import type { Image } from '../../services/image/image.js';
import { downloadImage, type DownloadImageOptions, type DownloadImageResult } from '../image-download.js';
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
   * and `totalBytes`. Glance v1 and v2.
   *
   * @example
   * const op = cloud.downloadImage('cirros', { path: 'cirros.img' });
   * op.onProgress((p) => console.log(`${p.bytes} of ${p.totalBytes}`));
   * const { bytes, verified } = await op; // verified: { algorithm: 'sha512', value: '…' }
   */
  downloadImage(nameOrId: string, options: DownloadImageOptions): Operation<DownloadImageResult, Image> {
    return downloadImage(this, nameOrId, options);
  }
}
