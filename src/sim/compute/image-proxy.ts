/**
 * Nova's image proxy (`/images`, `/images/detail`, `/images/{id}`, `/images/{id}/metadata[/{key}]`):
 * glance's images in nova's shape (status SAVING/ACTIVE/ERROR/DELETED, progress, minRam/minDisk,
 * metadata, the server a snapshot came from), with nova's filters. Deprecated at 2.35 and gone from
 * 2.36, so the routes answer 404 there.
 *
 * @example
 * if (rest.startsWith('/images') && !at(req, '2.36')) return imageProxy(req);
 */
import { match, type Reply } from '../core.js';
import { visibleImages } from '../images.js';
import type { ImageRecord } from '../state.js';
import { isoSeconds, parseTime } from '../util.js';
import { metadataProblem } from './actions-images.js';
import { metadataQuotaProblem } from './limits.js';
import { err, type NovaRequest, ok } from './request.js';

const STATUS: Record<string, string> = { active: 'ACTIVE', queued: 'SAVING', saving: 'SAVING', uploading: 'SAVING', importing: 'SAVING', deleted: 'DELETED', pending_delete: 'DELETED', killed: 'ERROR' };
const PROGRESS: Record<string, number> = { queued: 25, saving: 50, active: 100 };

function links(req: NovaRequest, id: string): unknown[] {
  return [
    { rel: 'self', href: `${req.apiBase}/images/${id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/images/${id}` },
    { rel: 'alternate', type: 'application/vnd.openstack.image', href: `${req.core.roots.image}/images/${id}` },
  ];
}

function imageView(req: NovaRequest, image: ImageRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: image.id, name: image.name, minRam: image.minRam, minDisk: image.minDisk, metadata: image.properties, created: isoSeconds(image.createdAt),
    updated: isoSeconds(image.updatedAt), status: STATUS[image.status] ?? 'UNKNOWN', progress: PROGRESS[image.status] ?? 0, links: links(req, image.id),
    'OS-EXT-IMG-SIZE:size': image.size,
  };
  const serverId = image.properties.instance_uuid;
  if (serverId) view.server = { id: serverId, links: [{ rel: 'self', href: `${req.apiBase}/servers/${serverId}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/servers/${serverId}` }] };
  return view;
}

function filtered(req: NovaRequest, images: ImageRecord[]): ImageRecord[] | Reply {
  const q = req.ctx.query;
  let out = images;
  const name = q.get('name');
  if (name !== null) out = out.filter((i) => i.name === name);
  const status = q.get('status');
  if (status !== null) out = out.filter((i) => (STATUS[i.status] ?? 'UNKNOWN') === status.toUpperCase());
  const server = q.get('server');
  if (server !== null) out = out.filter((i) => i.properties.instance_uuid === server.replace(/\/$/, '').split('/').pop());
  const type = q.get('type');
  if (type !== null) out = out.filter((i) => i.properties.image_type === type);
  const minRam = q.get('minRam');
  if (minRam !== null) out = out.filter((i) => i.minRam >= Number(minRam));
  const minDisk = q.get('minDisk');
  if (minDisk !== null) out = out.filter((i) => i.minDisk >= Number(minDisk));
  const since = q.get('changes-since');
  if (since !== null) {
    const time = parseTime(since);
    if (time === undefined) return err(req, 400, `Invalid changes-since value`);
    out = out.filter((i) => i.updatedAt >= Math.floor(time / 1000) * 1000);
  }
  out = [...out].sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  const marker = q.get('marker');
  if (marker !== null) {
    const index = out.findIndex((i) => i.id === marker);
    if (index < 0) return err(req, 400, `marker [${marker}] not found`);
    out = out.slice(index + 1);
  }
  const limit = q.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 0) return err(req, 400, 'limit param must be an integer');
    out = out.slice(0, n);
  }
  return out;
}

/**
 * Handles nova's image proxy routes (below 2.36).
 *
 * @example
 * imageProxy(req); // GET /images/detail → { images: [...] }
 */
export function imageProxy(req: NovaRequest): Reply {
  const { core, ctx, rest } = req;
  const images = visibleImages(core, req.projectId, ctx.now);
  if ((rest === '/images' || rest === '/images/detail') && ctx.method === 'GET') {
    const list = filtered(req, images);
    if (!Array.isArray(list)) return list;
    const detail = rest.endsWith('/detail');
    return ok(req, 200, { images: list.map((i) => (detail ? imageView(req, i) : { id: i.id, name: i.name, links: links(req, i.id) })) });
  }
  const p = match('/images/:id', rest) ?? match('/images/:id/metadata', rest) ?? match('/images/:id/metadata/:key', rest);
  const image = images.find((i) => i.id === p?.id);
  if (!p || !image) return err(req, 404, p ? `Image not found.` : 'The resource could not be found.');
  if (rest === `/images/${p.id}`) {
    if (ctx.method === 'GET') return ok(req, 200, { image: imageView(req, image) });
    if (ctx.method === 'DELETE') {
      if (image.owner !== req.projectId) return err(req, 403, `You are not allowed to delete the image.`);
      if (image.protected) return err(req, 403, `Image ${image.id} is protected and cannot be deleted.`);
      core.state.images.delete(image.id);
      return ok(req, 204);
    }
    return err(req, 405, 'The method specified is not allowed for this resource.');
  }
  return imageMetadata(req, image, p.key);
}

function imageMetadata(req: NovaRequest, image: ImageRecord, key: string | undefined): Reply {
  const { ctx } = req;
  const method = ctx.method;
  if (method === 'GET') {
    if (key === undefined) return ok(req, 200, { metadata: image.properties });
    if (!(key in image.properties)) return err(req, 404, `Image ${image.id} has no metadata item ${key}`);
    return ok(req, 200, { meta: { [key]: image.properties[key] } });
  }
  if (image.owner !== req.projectId && method !== 'GET') return err(req, 403, 'You are not authorized to modify this image.');
  if (method === 'DELETE' && key !== undefined) {
    if (!(key in image.properties)) return err(req, 404, `Image ${image.id} has no metadata item ${key}`);
    delete image.properties[key];
    image.updatedAt = ctx.now;
    return ok(req, 204);
  }
  const field = key === undefined ? 'metadata' : 'meta';
  const body = (ctx.body as Record<string, unknown> | undefined)?.[field];
  if (body === undefined) return err(req, 400, `Invalid input for field/attribute ${field}. '${field}' is a required property`);
  const problem = metadataProblem(req, field, body);
  if (problem) return problem;
  const items = body as Record<string, string>;
  if (key !== undefined) {
    if (method !== 'PUT') return err(req, 405, 'The method specified is not allowed for this resource.');
    if (Object.keys(items).length !== 1) return err(req, 400, 'Request body contains too many items');
    if (!(key in items)) return err(req, 400, 'Request body and URI mismatch');
  } else if (method !== 'POST' && method !== 'PUT') {
    return err(req, 405, 'The method specified is not allowed for this resource.');
  }
  const next = method === 'PUT' && key === undefined ? { ...items } : { ...image.properties, ...items };
  const over = metadataQuotaProblem(req, Object.keys(next).length);
  if (over) return over;
  image.properties = next;
  image.updatedAt = ctx.now;
  return ok(req, 200, key === undefined ? { metadata: image.properties } : { meta: { [key]: items[key] } });
}
