/**
 * Simulated glance v1 (the eras that still have it): lists (`/v1/images`, `/detail`), create with metadata in
 * `x-image-meta-*` headers and the data in the body (`POST /v1/images`), update by headers (`PUT /v1/images/{id}`,
 * properties merged unless `x-glance-registry-purge-props: true`), `HEAD` answering with headers, `GET` with
 * the data, delete, and sharing (`/v1/images/{id}/members[/{member}]`, `/v1/shared-images/{member}`; v1 members
 * have no status: sharing is immediate).
 *
 * @example
 * if (ctx.path.startsWith('/v1/')) return handleImageV1(core, ctx, projectId);
 */
import { type Ctx, header, match, type Reply, type SimCore } from './core.js';
import type { ImageRecord } from './state.js';
import { digest, uuid } from './util.js';

const v1Time = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '');

function record(i: ImageRecord, detail: boolean): Record<string, unknown> {
  return {
    id: i.id, name: i.name, disk_format: i.diskFormat, container_format: i.containerFormat, size: i.size, checksum: i.checksum,
    ...(detail ? { status: i.status, is_public: i.visibility === 'public', owner: i.owner, min_ram: i.minRam, min_disk: i.minDisk, protected: i.protected, deleted: false, deleted_at: null,
      created_at: v1Time(i.createdAt), updated_at: v1Time(i.updatedAt), properties: i.properties } : {}),
  };
}

function metaHeaders(i: ImageRecord): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Image-Meta-Id': i.id, 'X-Image-Meta-Name': i.name ?? '', 'X-Image-Meta-Status': i.status, 'X-Image-Meta-Size': String(i.size ?? 0),
    'X-Image-Meta-Is_public': i.visibility === 'public' ? 'True' : 'False', 'X-Image-Meta-Protected': i.protected ? 'True' : 'False', 'X-Image-Meta-Deleted': 'False',
    'X-Image-Meta-Min_ram': String(i.minRam), 'X-Image-Meta-Min_disk': String(i.minDisk), 'X-Image-Meta-Owner': i.owner,
    'X-Image-Meta-Created_at': v1Time(i.createdAt), 'X-Image-Meta-Updated_at': v1Time(i.updatedAt),
  };
  if (i.checksum) headers['X-Image-Meta-Checksum'] = i.checksum;
  if (i.diskFormat) headers['X-Image-Meta-Disk_format'] = i.diskFormat;
  if (i.containerFormat) headers['X-Image-Meta-Container_format'] = i.containerFormat;
  for (const [key, value] of Object.entries(i.properties)) headers[`X-Image-Meta-Property-${key}`] = value;
  return headers;
}

/** Applies `x-image-meta-*` request headers to a record. */
function applyMeta(image: ImageRecord, ctx: Ctx): void {
  if (header(ctx.headers, 'x-glance-registry-purge-props')?.toLowerCase() === 'true') image.properties = {};
  for (const [name, raw] of Object.entries(ctx.headers)) {
    const value = Array.isArray(raw) ? (raw[0] ?? '') : String(raw ?? '');
    if (name.startsWith('x-image-meta-property-')) {
      image.properties[name.slice('x-image-meta-property-'.length)] = value;
      continue;
    }
    if (!name.startsWith('x-image-meta-')) continue;
    const truthy = value.toLowerCase() === 'true';
    switch (name.slice('x-image-meta-'.length)) {
      case 'name': image.name = value; break;
      case 'disk_format': image.diskFormat = value; break;
      case 'container_format': image.containerFormat = value; break;
      case 'is_public': image.visibility = truthy ? 'public' : 'private'; break;
      case 'protected': image.protected = truthy; break;
      case 'min_ram': image.minRam = Number(value); break;
      case 'min_disk': image.minDisk = Number(value); break;
      default: break;
    }
  }
}

function fillData(image: ImageRecord, data: Buffer, now: number): void {
  image.data = data.toString('base64');
  image.size = data.length;
  image.checksum = digest('md5', data);
  image.status = 'active';
  image.updatedAt = now;
}

const plain404: Reply = { status: 404, raw: '404 Not Found\n\nThe resource could not be found.\n\n   ', contentType: 'text/plain; charset=UTF-8' };

/**
 * Handles a glance v1 request (the caller checked the token).
 *
 * @example
 * handleImageV1(core, ctx, projectId);
 */
export function handleImageV1(core: SimCore, ctx: Ctx, projectId: string): Reply {
  const { method, path, now } = ctx;
  const state = core.state;
  if (!core.facts.glance.v1) return core.errorReply('image', 404, undefined, 'The resource could not be found.');
  const visible = (i: ImageRecord | undefined): i is ImageRecord => Boolean(i && (i.visibility === 'public' || i.owner === projectId || i.members?.some((m) => m.memberId === projectId)));
  if ((path === '/v1/images' || path === '/v1/images/detail') && method === 'GET') {
    const name = ctx.query.get('name');
    const images = [...state.images.values()].filter(visible).filter((i) => name === null || i.name === name);
    return { status: 200, body: { images: ctx.query.get('marker') ? [] : images.map((i) => record(i, path.endsWith('detail'))) } };
  }
  if (path === '/v1/images' && method === 'POST') {
    const image: ImageRecord = {
      id: uuid(core.rng), name: null, status: 'queued', visibility: 'private', owner: projectId, diskFormat: null, containerFormat: null, size: null, checksum: null, hash: null,
      createdAt: now, updatedAt: now, minRam: 0, minDisk: 0, protected: false, tags: [], properties: {}, seq: state.seq++,
    };
    applyMeta(image, ctx);
    if (ctx.raw.length > 0) fillData(image, ctx.raw, now);
    state.images.set(image.id, image);
    return { status: 201, body: { image: record(image, true) }, headers: { Location: `${core.roots.image}/v1/images/${image.id}` } };
  }
  const shared = match('/v1/shared-images/:member', path);
  if (shared && method === 'GET') {
    const images = [...state.images.values()].filter((i) => i.members?.some((m) => m.memberId === shared.member));
    return { status: 200, body: { shared_images: images.map((i) => ({ image_id: i.id, can_share: Boolean(i.members?.find((m) => m.memberId === shared.member)?.canShare) })) } };
  }
  const members = match('/v1/images/:id/members', path);
  const member = match('/v1/images/:id/members/:member', path);
  const one = match('/v1/images/:id', path);
  const image = state.images.get(members?.id ?? member?.id ?? one?.id ?? '');
  if (!visible(image)) return plain404;
  const owner = image.owner === projectId;
  if (members && method === 'GET') return { status: 200, body: { members: (image.members ?? []).map((m) => ({ member_id: m.memberId, can_share: m.canShare })) } };
  if (member && (method === 'PUT' || method === 'DELETE')) {
    if (!owner) return core.errorReply('image', 403, undefined, 'No permission to share that image');
    const list = (image.members ??= []);
    const found = list.find((m) => m.memberId === member.member);
    if (method === 'DELETE') {
      if (!found) return plain404;
      image.members = list.filter((m) => m !== found);
      return { status: 204 };
    }
    const canShare = Boolean((ctx.body as { member?: { can_share?: unknown } } | undefined)?.member?.can_share);
    if (found) found.canShare = canShare;
    else list.push({ memberId: member.member ?? '', status: 'accepted', canShare, createdAt: now, updatedAt: now });
    return { status: 204 };
  }
  if (!one) return plain404;
  if (method === 'HEAD') return { status: 200, headers: metaHeaders(image), raw: '', contentType: 'text/html; charset=UTF-8' };
  if (method === 'GET') {
    if (image.status === 'deactivated') return core.errorReply('image', 403, undefined, 'The requested image has been deactivated. Image data download is forbidden.');
    return { status: 200, headers: metaHeaders(image), raw: Buffer.from(image.data ?? '', 'base64'), contentType: 'application/octet-stream' };
  }
  if (method === 'PUT') {
    if (!owner) return core.errorReply('image', 403, undefined, 'Forbidden to update image.');
    applyMeta(image, ctx);
    if (ctx.raw.length > 0) {
      if (image.status !== 'queued') return core.errorReply('image', 409, undefined, 'Cannot upload to an unqueued image');
      fillData(image, ctx.raw, now);
    }
    image.updatedAt = now;
    return { status: 200, body: { image: record(image, true) } };
  }
  if (method === 'DELETE') {
    if (!owner) return core.errorReply('image', 403, undefined, 'Forbidden to delete image.');
    if (image.protected) return core.errorReply('image', 403, undefined, 'Image is protected');
    state.images.delete(image.id);
    return { status: 200 };
  }
  return plain404;
}
