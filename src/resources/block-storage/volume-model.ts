/**
 * Cinder's volume records (v1 `display_name`, v2/v3 `name`; `bootable` a string) and the normalized
 * {@link Volume}. Loose schemas: each microversion adds fields (3.70 adds `group_id`, `consumes_quota`, …).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';

/** One attachment inside a volume record. */
export const rawVolumeAttachmentSchema = lazySchema(() => z.looseObject({
  server_id: z.string().nullish(),
  device: z.string().nullish(),
  attachment_id: z.string().nullish(),
}));

/** A volume as cinder's show, list and create return it, at any API version. */
export const rawVolumeSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  display_name: z.string().nullish(),
  description: z.string().nullish(),
  display_description: z.string().nullish(),
  status: z.string(),
  size: z.number(),
  // A string ("true"/"false") on every cinder seen; tolerate a real boolean from look-alikes.
  bootable: z.union([z.string(), z.boolean()]).nullish(),
  attachments: z.array(rawVolumeAttachmentSchema).default([]),
  availability_zone: z.string().nullish(),
  volume_type: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  snapshot_id: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
}));
/** A cinder volume record. */
export type RawVolume = z.infer<typeof rawVolumeSchema>;

/** The `{volume: …}` envelope of show and create. */
export const volumeEnvelopeSchema = z.looseObject({ volume: rawVolumeSchema });

/**
 * A volume, the same on cinder v1, v2 and v3.
 *
 * @example
 * const v: Volume = await createVolume(cloud, { size: 1, name: 'data' }); // { status: 'available', bootable: false, … }
 */
export interface Volume {
  id: string;
  name: string;
  description?: string;
  /** `creating`, `available`, `reserved`, `attaching`, `in-use`, `detaching`, `deleting`, `error`, … */
  status: string;
  /** GiB. */
  size: number;
  bootable: boolean;
  attachments: VolumeAttachment[];
  availabilityZone?: string;
  volumeType?: string;
  /** The volume's properties (cinder also shows its visible admin keys here: `readonly`, `attached_mode`). */
  metadata: Record<string, string>;
  /** True once set read-only (`setVolumeReadOnly`): cinder shows `readonly: "True"` in the metadata. */
  readOnly: boolean;
  /** The snapshot it was created from. */
  snapshotId?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** Where a volume is attached. */
export interface VolumeAttachment {
  serverId: string;
  device?: string;
  /** Cinder's attachment id (new-style attachments, 3.27+). */
  attachmentId?: string;
}

/** Cinder's timestamps carry no zone (`2026-11-23T06:46:56.000000`); they are UTC. */
function utc(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
}

/**
 * The normalized {@link Volume} of a cinder record.
 *
 * @example
 * normalizeVolume({ id: 'v', name: 'data', status: 'available', size: 1, bootable: 'false', attachments: [] }).bootable // false
 */
export function normalizeVolume(raw: RawVolume): Volume {
  return {
    id: raw.id,
    name: raw.name ?? raw.display_name ?? '',
    description: raw.description ?? raw.display_description ?? undefined,
    status: raw.status,
    size: raw.size,
    bootable: raw.bootable === true || (typeof raw.bootable === 'string' && raw.bootable.toLowerCase() === 'true'),
    attachments: raw.attachments
      .filter((a) => a.server_id)
      .map((a) => ({ serverId: a.server_id as string, device: a.device ?? undefined, attachmentId: a.attachment_id ?? undefined })),
    availabilityZone: raw.availability_zone ?? undefined,
    volumeType: raw.volume_type ?? undefined,
    metadata: raw.metadata ?? {},
    readOnly: (raw.metadata?.readonly ?? '').toLowerCase() === 'true',
    snapshotId: raw.snapshot_id ?? undefined,
    createdAt: utc(raw.created_at),
    updatedAt: utc(raw.updated_at),
  };
}
