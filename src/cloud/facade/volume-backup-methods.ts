/**
 * Block storage beyond volumes of the {@link Cloud}: backups, volume types and attachments.
 */
import { NetworkPrimitiveMethods } from './network-primitive-methods.js';

/**
 * Block storage beyond volumes of the {@link Cloud}: backups, volume types and attachments.
 *
 * @example
 * for await (const t of cloud.listVolumeTypes()) console.log(t.name);
 */
export class VolumeBackupMethods extends NetworkPrimitiveMethods {}
