/**
 * `os-volume_attachments`: attaching and detaching cinder volumes, with cinder's statuses moving
 * along (reserved → attaching → in-use, detaching → available).
 *
 * @example
 * if (m === 'POST') return attachVolume(req, serverId);
 */
import type { Reply } from '../core.js';
import type { ServerRecord } from '../state.js';
import { uuid } from '../util.js';
import { resolveVolume } from '../volumes.js';
import { at, err, findServer, type NovaRequest, notFoundServer, ok } from './request.js';

function attachmentView(req: NovaRequest, server: ServerRecord, a: ServerRecord['attachments'][number], list: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = list && at(req, '2.89') ? {} : { id: a.volumeId };
  Object.assign(view, { serverId: server.id, volumeId: a.volumeId, device: a.device });
  if (list && at(req, '2.89')) Object.assign(view, { volumeId: a.volumeId, serverId: server.id, device: a.device });
  if (at(req, '2.70')) view.tag = null;
  if (at(req, '2.79')) view.delete_on_termination = false;
  if (list && at(req, '2.89')) Object.assign(view, { attachment_id: a.attachmentId, bdm_uuid: a.bdmUuid });
  return view;
}

/** The vm states nova attaches and detaches volumes in; shelved servers from 2.20. */
function attachableStates(req: NovaRequest): string[] {
  const states = ['active', 'paused', 'stopped', 'suspended', 'resized', 'soft-delete'];
  return at(req, '2.20') ? [...states, 'shelved', 'shelved_offloaded'] : states;
}

/**
 * `GET /servers/{id}/os-volume_attachments/{volume_id}`.
 *
 * @example
 * showAttachment(req, serverId, volumeId);
 */
export function showAttachment(req: NovaRequest, id: string, volumeId: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const attachment = server.attachments.find((a) => a.volumeId === volumeId);
  if (!attachment) return err(req, 404, `Volume ${volumeId} is not attached to instance ${id}.`);
  return ok(req, 200, { volumeAttachment: attachmentView(req, server, attachment, true) });
}

/**
 * `GET /servers/{id}/os-volume_attachments`.
 *
 * @example
 * listAttachments(req, serverId);
 */
export function listAttachments(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  return ok(req, 200, { volumeAttachments: server.attachments.map((a) => attachmentView(req, server, a, true)) });
}

export function attachVolume(req: NovaRequest, id: string): Reply {
  const { core, ctx } = req;
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const volumeId = (ctx.body as { volumeAttachment?: { volumeId?: string } } | undefined)?.volumeAttachment?.volumeId;
  const volume = core.state.volumes.get(volumeId ?? '');
  if (volume) resolveVolume(volume, ctx.now);
  if (!volume || volume.gone || volume.projectId !== req.projectId) return err(req, 404, `Volume ${volumeId} could not be found.`);
  if (!attachableStates(req).includes(server.vmState)) return err(req, 409, `Cannot 'attach_volume' instance ${server.id} while it is in vm_state ${server.vmState}`);
  if (volume.status !== 'available') return err(req, 400, `Invalid volume: volume ${volume.id} status must be available, but current status is: ${volume.status}`);
  const device = `/dev/sd${String.fromCharCode(98 + server.attachments.length)}`;
  const attachment = { volumeId: volume.id, device, attachmentId: uuid(core.rng), bdmUuid: uuid(core.rng), attachedAt: ctx.now + core.shortMs };
  server.attachments.push(attachment);
  volume.pendingAttachment = { ...attachment, serverId: server.id };
  volume.status = 'reserved';
  volume.updatedAt = ctx.now;
  volume.timeline = [{ at: ctx.now + core.shortMs / 2, status: 'attaching' }, { at: ctx.now + core.shortMs, status: 'in-use', effect: 'attach' }];
  return ok(req, 200, { volumeAttachment: attachmentView(req, server, attachment, false) });
}

export function detachVolume(req: NovaRequest, id: string, volumeId: string): Reply {
  const { core, ctx } = req;
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const attachment = server.attachments.find((a) => a.volumeId === volumeId);
  if (!attachment) return err(req, 404, `Volume ${volumeId} is not attached to instance ${id}.`);
  const volume = core.state.volumes.get(volumeId);
  if (volume) {
    resolveVolume(volume, ctx.now);
    if (volume.status !== 'in-use') return err(req, 400, `Invalid volume: Volume ${volumeId} status must be in-use, but current status is: ${volume.status}`);
    volume.status = 'detaching';
    volume.updatedAt = ctx.now;
    volume.timeline = [{ at: ctx.now + core.shortMs, status: 'available', effect: 'detach' }];
  }
  server.attachments = server.attachments.filter((a) => a !== attachment);
  return ok(req, 202);
}
