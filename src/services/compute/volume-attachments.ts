/**
 * Nova's volume attachment REST calls (`/servers/{id}/os-volume_attachments`). The attach answer and the list
 * entries differ (README note 34: `id` in the answer; `attachment_id`/`bdm_uuid` in the list from 2.89).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from './parse-body.js';

const rawAttachmentSchema = lazySchema(() => z.looseObject({
  volumeId: z.string(),
  serverId: z.string(),
  device: z.string().nullish(),
  attachment_id: z.string().optional(),
  tag: z.string().nullish(),
}));

/**
 * A volume attached to a server, as nova reports it.
 *
 * @example
 * const a: ServerVolumeAttachment = await attachVolumeRest(nova, serverId, { volumeId }); // { device: '/dev/sdb', … }
 */
export interface ServerVolumeAttachment {
  serverId: string;
  volumeId: string;
  /** Guest device, e.g. `/dev/vdb`; nova may ignore a requested one. */
  device?: string;
  /** Cinder attachment id (list entries, 2.89+). */
  attachmentId?: string;
  tag?: string;
}

function normalize(raw: z.infer<typeof rawAttachmentSchema>): ServerVolumeAttachment {
  return { serverId: raw.serverId, volumeId: raw.volumeId, device: raw.device ?? undefined, attachmentId: raw.attachment_id, tag: raw.tag ?? undefined };
}

/**
 * Attaches a volume to a server (nova answers 200; the volume then goes reserved → attaching → in-use).
 *
 * @example
 * await attachVolumeRest(nova, serverId, { volumeId, device: '/dev/vdb' });
 */
export async function attachVolumeRest(client: ServiceClient, serverId: string, input: { volumeId: string; device?: string; tag?: string; deleteOnTermination?: boolean }, signal?: AbortSignal): Promise<ServerVolumeAttachment> {
  const volumeAttachment: Record<string, unknown> = { volumeId: input.volumeId };
  if (input.device !== undefined) volumeAttachment.device = input.device;
  if (input.tag !== undefined && client.supports('2.49')) volumeAttachment.tag = input.tag;
  if (input.deleteOnTermination !== undefined && client.supports('2.79')) volumeAttachment.delete_on_termination = input.deleteOnTermination;
  const body = await client.post(`/servers/${encodeURIComponent(serverId)}/os-volume_attachments`, { volumeAttachment }, { signal });
  return normalize(parseBody(z.looseObject({ volumeAttachment: rawAttachmentSchema }), body, { service: 'compute', what: 'POST /servers/{id}/os-volume_attachments' }).volumeAttachment);
}

/**
 * The volumes attached to a server.
 *
 * @example
 * const attached = await listVolumeAttachmentsRest(nova, serverId);
 */
export async function listVolumeAttachmentsRest(client: ServiceClient, serverId: string, signal?: AbortSignal): Promise<ServerVolumeAttachment[]> {
  const body = await client.get(`/servers/${encodeURIComponent(serverId)}/os-volume_attachments`, { signal });
  return parseBody(z.looseObject({ volumeAttachments: z.array(rawAttachmentSchema) }), body, { service: 'compute', what: 'GET /servers/{id}/os-volume_attachments' }).volumeAttachments.map(normalize);
}

/**
 * Detaches a volume from a server (202); `false` when nova says it is not attached (404).
 *
 * @example
 * await detachVolumeRest(nova, serverId, volumeId);
 */
export async function detachVolumeRest(client: ServiceClient, serverId: string, volumeId: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/servers/${encodeURIComponent(serverId)}/os-volume_attachments/${encodeURIComponent(volumeId)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}
