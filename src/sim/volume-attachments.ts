/**
 * Simulated cinder attachment records (`/attachments`, `/attachments/detail`, `/attachments/{id}`, 3.27 and
 * later; 404 below, as cinder routes them only from 3.27): one per attachment nova made, read from the volumes.
 *
 * @example
 * const reply = routeAttachments(core, ctx, sub, mine, major, mv); if (reply) return withHeaders(reply);
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { VolumeRecord } from './state.js';
import { compareVersions, microsNoZone } from './util.js';

/**
 * Handles the attachment routes; undefined for other paths.
 *
 * @example
 * routeAttachments(core, ctx, '/attachments/detail', volumes, 'v3', '3.70')
 */
export function routeAttachments(core: SimCore, ctx: Ctx, sub: string, mine: VolumeRecord[], major: string, mv: string): Reply | undefined {
  if (!sub.startsWith('/attachments') || ctx.method !== 'GET') return undefined;
  if (major !== 'v3' || compareVersions(mv, '3.27') < 0) return core.errorReply('volume', 404, undefined, 'The resource could not be found.');
  const records = mine.flatMap((v) => v.attachments.map((a) => ({
    id: a.attachmentId, status: 'attached', instance: a.serverId, volume_id: v.id, attached_at: microsNoZone(a.attachedAt), detached_at: null,
    attach_mode: v.readonly ? 'ro' : 'rw',
  })));
  const q = ctx.query;
  const filtered = records.filter((r) => (q.get('volume_id') === null || r.volume_id === q.get('volume_id')) && (q.get('instance_id') === null || r.instance === q.get('instance_id'))
    && (q.get('status') === null || r.status === q.get('status')));
  if (sub === '/attachments' || sub === '/attachments/detail') {
    const detail = sub.endsWith('/detail');
    return { status: 200, body: { attachments: filtered.map((r) => (detail ? r : { id: r.id, status: r.status, instance: r.instance, volume_id: r.volume_id })) } };
  }
  const p = match('/attachments/:id', sub);
  if (!p) return undefined;
  const one = records.find((r) => r.id === p.id);
  if (!one) return core.errorReply('volume', 404, undefined, `VolumeAttachment ${p.id} could not be found.`);
  return { status: 200, body: { attachment: { ...one, connection_info: {} } } };
}
