/**
 * Nova's volume proxy (`/os-volumes`, deprecated at 2.35, gone from 2.36): cinder volumes in nova's
 * camelCase shape, created and deleted through cinder's model.
 *
 * @example
 * if (rest.startsWith('/os-volumes') && !at(req, '2.36')) return volumeProxy(req);
 */
import { match, type Reply } from '../core.js';
import type { VolumeRecord } from '../state.js';
import { microsNoZone } from '../util.js';
import { createVolume, resolveVolume } from '../volumes.js';
import { metadataProblem } from './actions-images.js';
import { err, type NovaRequest, ok, pyRepr } from './request.js';

function view(v: VolumeRecord): Record<string, unknown> {
  const attachments = v.attachments.length > 0 ? v.attachments.map((a) => ({ id: a.attachmentId, volumeId: v.id, serverId: a.serverId, device: a.device })) : [{}];
  return {
    id: v.id, status: v.status, size: v.size, availabilityZone: 'nova', createdAt: microsNoZone(v.createdAt), displayName: v.name, displayDescription: v.description,
    volumeType: '__DEFAULT__', snapshotId: null, metadata: v.metadata, attachments,
  };
}

/**
 * Handles `/os-volumes[/detail|/{id}]`.
 *
 * @example
 * volumeProxy(req); // POST /os-volumes {"volume": {"size": 1}} → 200
 */
export function volumeProxy(req: NovaRequest): Reply {
  const { core, ctx, rest } = req;
  const mine = () => [...core.state.volumes.values()].filter((v) => {
    resolveVolume(v, ctx.now);
    return v.projectId === req.projectId && !v.gone;
  });
  if ((rest === '/os-volumes' || rest === '/os-volumes/detail') && ctx.method === 'GET') {
    return ok(req, 200, { volumes: mine().sort((a, b) => b.createdAt - a.createdAt).map(view) });
  }
  if (rest === '/os-volumes' && ctx.method === 'POST') {
    const spec = (ctx.body as { volume?: Record<string, unknown> } | undefined)?.volume;
    if (!spec) return err(req, 400, `Invalid input for field/attribute volume. Value: ${pyRepr(ctx.body ?? null)}. 'volume' is a required property`);
    const size = typeof spec.size === 'string' && /^\d+$/.test(spec.size) ? Number(spec.size) : spec.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) return err(req, 400, `Invalid input for field/attribute size. Value: ${pyRepr(spec.size)}. ${pyRepr(spec.size)} is not valid under any of the given schemas`);
    const problem = metadataProblem(req, 'metadata', spec.metadata);
    if (problem) return problem;
    const volume = createVolume(core, {
      size, name: typeof spec.display_name === 'string' ? spec.display_name : null, description: typeof spec.display_description === 'string' ? spec.display_description : null,
      projectId: req.projectId, userId: req.userId, metadata: spec.metadata as Record<string, string> | undefined,
    }, ctx.now);
    return ok(req, 200, { volume: view(volume) });
  }
  const p = match('/os-volumes/:id', rest);
  const volume = mine().find((v) => v.id === p?.id);
  if (!p || !volume) return err(req, 404, p ? `Volume ${p.id} could not be found.` : 'The resource could not be found.');
  if (ctx.method === 'GET') return ok(req, 200, { volume: view(volume) });
  if (ctx.method === 'DELETE') {
    if (!['available', 'error'].includes(volume.status)) return err(req, 400, `Invalid volume: Volume status must be available or error, but current status is: ${volume.status}`);
    volume.status = 'deleting';
    volume.updatedAt = ctx.now;
    volume.timeline = [{ at: ctx.now + core.shortMs, status: 'deleted', effect: 'gone' }];
    return ok(req, 202);
  }
  return err(req, 405, 'The method specified is not allowed for this resource.');
}
