/**
 * Object storage (Swift) calls of the {@link Cloud}: containers, objects, large uploads, temp URLs.
 */
import { ImageTransferMethods } from './image-transfer-methods.js';

/**
 * Object storage (Swift) calls of the {@link Cloud}: containers, objects, large uploads, temp URLs.
 *
 * @example
 * await cloud.createContainer({ name: 'backups' });
 */
export class ObjectStoreMethods extends ImageTransferMethods {}
