/**
 * Cinder's own attachment records (`/attachments`, cinder 3.27 and later): one per volume attached to a server
 * through the new-style attach flow that nova uses from Queens on. Read-only here: attaching and detaching go
 * through nova (`attachVolume`/`detachVolume`), which keeps these records. Before 3.27 the layout raises
 * `UnsupportedError` (the volume's own `attachments` field still says where it is attached).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { majorVersion, requireMicroversion } from '../gates.js';
import { UnsupportedError } from '../../errors/index.js';
import { defineResourceKind } from '../resource-kind.js';

/** An attachment as cinder returns it (the summary list has id, status, instance and volume_id only). */
export const rawBlockStorageAttachmentSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  status: z.string(),
  instance: z.string().nullish(),
  volume_id: z.string(),
  attached_at: z.string().nullish(),
  detached_at: z.string().nullish(),
  attach_mode: z.string().nullish(),
}));
/** A cinder attachment record. */
export type RawBlockStorageAttachment = z.infer<typeof rawBlockStorageAttachmentSchema>;

/**
 * A cinder attachment: which server holds a volume, since when, read-write or read-only.
 *
 * @example
 * for await (const a of cloud.listVolumeAttachments({ filters: { volumeId } })) console.log(a.serverId, a.status);
 */
export interface BlockStorageAttachment {
  id: string;
  /** `attached`, `attaching`, `reserved`, `detached`, `error_attaching`, … */
  status: string;
  /** The server (nova instance) holding the volume. */
  serverId?: string;
  volumeId: string;
  attachedAt?: string;
  detachedAt?: string;
  /** `rw` or `ro`. */
  attachMode?: string;
}

/** Filters of `listVolumeAttachments`. */
export interface BlockStorageAttachmentFilters {
  volumeId: string;
  serverId: string;
  status: string;
}

/**
 * The cinder attachment kind.
 *
 * @example
 * const a = await getResource(cloud, blockStorageAttachmentKind, id);
 */
export const blockStorageAttachmentKind = defineResourceKind<RawBlockStorageAttachment, BlockStorageAttachment, never, never, BlockStorageAttachmentFilters>({
  name: 'volume attachment',
  service: 'block-storage',
  schema: rawBlockStorageAttachmentSchema,
  layout: (client) => {
    if (majorVersion(client) < 3) throw new UnsupportedError({ feature: 'cinder attachment records', service: 'block-storage', have: `API v${majorVersion(client)}`, need: '3.27' });
    requireMicroversion(client, '3.27', 'cinder attachment records');
    return { path: '/attachments', listPath: '/attachments/detail', one: 'attachment', many: 'attachments' };
  },
  idIsUuid: true,
  id: (a) => a.id,
  nameOf: () => '',
  normalize: (a) => ({
    id: a.id,
    status: a.status,
    ...(a.instance ? { serverId: a.instance } : {}),
    volumeId: a.volume_id,
    ...(a.attached_at ? { attachedAt: a.attached_at } : {}),
    ...(a.detached_at ? { detachedAt: a.detached_at } : {}),
    ...(a.attach_mode ? { attachMode: a.attach_mode } : {}),
  }),
  filters: {
    volumeId: { param: 'volume_id', matches: (a, v) => a.volume_id === v },
    serverId: { param: 'instance_id', matches: (a, v) => a.instance === v },
    status: { param: 'status', matches: (a, v) => a.status === v },
  },
});
