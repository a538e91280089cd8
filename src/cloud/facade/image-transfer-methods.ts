/**
 * Image data and sharing of the {@link Cloud}: download, import, members, updates.
 */
import { VolumeBackupMethods } from './volume-backup-methods.js';

/**
 * Image data and sharing of the {@link Cloud}: download, import, members, updates.
 *
 * @example
 * await cloud.downloadImage('cirros', { path: '/tmp/cirros.img' });
 */
export class ImageTransferMethods extends VolumeBackupMethods {}
