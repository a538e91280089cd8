/**
 * Simulated glance: the era's version list (300 on `/`), v2 images (create queued, upload to
 * active, list newest first with a relative `next` link, show, delete, download) and a minimal v1
 * on the eras that still have it.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('image', handleImage, req, res));
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import { imageCreateProblem, imageExtras } from './image-extras.js';
import { glanceMinorOf, imageData, imageInfo, resolveImports } from './image-data.js';
import { imageMembers, listedForMember, memberOf } from './image-members.js';
import { handleImageV1 } from './image-v1.js';
import { imageSchema } from './image-schemas.js';
import { resolveImages } from './images.js';
import type { ImageRecord } from './state.js';
import { digest, isoSeconds, uuid } from './util.js';

function versions(core: SimCore): unknown[] {
  return core.facts.glance.versions.map(([id, status]) => ({ id, status, links: [{ rel: 'self', href: `${core.roots.image}/${id.startsWith('v1') ? 'v1' : 'v2'}/` }] }));
}

function imageView(core: SimCore, image: ImageRecord): Record<string, unknown> {
  const view: Record<string, unknown> = { ...image.properties };
  Object.assign(view, {
    name: image.name, disk_format: image.diskFormat, container_format: image.containerFormat, visibility: image.visibility, size: image.size,
    virtual_size: image.size, status: image.status, checksum: image.checksum, protected: image.protected, min_ram: image.minRam, min_disk: image.minDisk,
    owner: image.owner,
  });
  if (core.facts.glance.hashes) Object.assign(view, { os_hidden: false, os_hash_algo: image.hash ? 'sha512' : null, os_hash_value: image.hash });
  Object.assign(view, {
    id: image.id, created_at: isoSeconds(image.createdAt), updated_at: isoSeconds(image.updatedAt), tags: image.tags, self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`, schema: '/v2/schemas/image',
  });
  return view;
}

const LIST_CONTROLS = new Set(['size', 'limit', 'marker', 'sort', 'sort_key', 'sort_dir', 'member_status', 'tag', 'size_min', 'size_max', 'name', 'status', 'visibility', 'owner', 'disk_format', 'container_format', 'os_hidden']);

/** Glance's list filters beyond the basic ones (tags, sizes, any property) and its sorting (default created_at desc). */
function filterImages(q: URLSearchParams, input: ImageRecord[]): ImageRecord[] | { message: string } {
  let images = input;
  for (const tag of q.getAll('tag')) images = images.filter((i) => i.tags.includes(tag));
  const size = q.get('size');
  if (size !== null) images = images.filter((i) => String(i.size) === size);
  const sizeMin = q.get('size_min');
  if (sizeMin !== null) images = images.filter((i) => (i.size ?? -1) >= Number(sizeMin));
  const sizeMax = q.get('size_max');
  if (sizeMax !== null) images = images.filter((i) => i.size !== null && i.size <= Number(sizeMax));
  for (const key of new Set(q.keys())) {
    if (LIST_CONTROLS.has(key)) continue;
    const want = q.get(key);
    images = images.filter((i) => i.properties[key] === want);
  }
  const keys: Array<[string, number]> = [];
  const sort = q.get('sort');
  if (sort !== null) {
    for (const part of sort.split(',')) {
      const [key = '', dir = 'desc'] = part.split(':');
      if (dir !== 'asc' && dir !== 'desc') return { message: `Invalid sort direction: ${dir}` };
      keys.push([key, dir === 'asc' ? 1 : -1]);
    }
  } else {
    const sortKeys = q.getAll('sort_key');
    const dirs = q.getAll('sort_dir');
    sortKeys.forEach((key, index) => keys.push([key, (dirs[index] ?? dirs[0] ?? 'desc') === 'asc' ? 1 : -1]));
  }
  if (!keys.some(([key]) => key === 'created_at')) keys.push(['created_at', keys.length === 0 ? -1 : keys[0]?.[1] ?? -1]);
  const field = (i: ImageRecord, key: string): string | number => {
    switch (key) {
      case 'created_at': return i.createdAt;
      case 'updated_at': return i.updatedAt;
      case 'size': return i.size ?? -1;
      case 'name': return i.name ?? '';
      case 'id': return i.id;
      case 'status': return i.status;
      case 'disk_format': return i.diskFormat ?? '';
      case 'container_format': return i.containerFormat ?? '';
      case 'min_ram': return i.minRam;
      case 'min_disk': return i.minDisk;
      default: return i.properties[key] ?? '';
    }
  };
  return [...images].sort((a, b) => {
    for (const [key, dir] of keys) {
      const x = field(a, key);
      const y = field(b, key);
      if (x !== y) return dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    }
    return (keys.find(([key]) => key === 'created_at')?.[1] ?? -1) * (a.seq - b.seq);
  });
}

const KNOWN_FIELDS = new Set(['name', 'disk_format', 'container_format', 'visibility', 'protected', 'min_ram', 'min_disk', 'tags', 'id']);

/**
 * Handles a glance request.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('image', handleImage, req, res));
 */
export function handleImage(ctx: Ctx): Reply {
  const { core, method, path } = ctx;
  const state = core.state;
  if (path === '/' || path === '/versions' || path === '/versions/' || (!/^\/v[12]\//.test(`${path}/`) && method === 'GET')) {
    return { status: path.startsWith('/versions') ? 200 : 300, body: { versions: versions(core) }, noRequestId: true };
  }
  const token = core.tokenOf(ctx);
  if (!token) return core.unauthorized(ctx);
  const projectId = token.projectId;
  const now = ctx.now;
  resolveImages(core, now);
  resolveImports(core, now);
  // A member sees a shared image by id whatever its status; lists show it once accepted (see below).
  const visible = (image: ImageRecord | undefined) => image && (image.visibility === 'public' || image.visibility === 'community' || image.owner === projectId || memberOf(image, projectId) !== undefined);
  const notFound = (id: string) => core.errorReply('image', 404, undefined, `No image found with ID ${id}`);
  if (path.startsWith('/v1/')) return handleImageV1(core, ctx, projectId);
  const schema = /^\/v2\/schemas\/(.+)$/.exec(path);
  if (schema && method === 'GET') {
    const body = imageSchema(schema[1] ?? '');
    return body ? { status: 200, body } : core.errorReply('image', 404, undefined, 'The resource could not be found.');
  }
  const info = imageInfo(core, ctx);
  if (info) return info;
  if (path === '/v2/images' && method === 'GET') {
    const q = ctx.query;
    const memberStatus = q.get('member_status');
    let images = [...state.images.values()].filter((i) => (memberOf(i, projectId) && i.owner !== projectId ? listedForMember(i, projectId, memberStatus) : visible(i)));
    for (const key of ['name', 'status', 'visibility', 'owner', 'disk_format', 'container_format']) {
      const want = q.get(key);
      if (want === null) continue;
      images = images.filter((i) => String(imageView(core, i)[key]) === want);
    }
    const filteredImages = filterImages(q, images);
    if (!Array.isArray(filteredImages)) return core.errorReply('image', 400, undefined, filteredImages.message);
    images = filteredImages;
    const marker = q.get('marker');
    if (marker !== null) {
      const index = images.findIndex((i) => i.id === marker);
      if (index < 0) return core.errorReply('image', 400, undefined, `marker ${marker} not found`);
      images = images.slice(index + 1);
    }
    const limitText = q.get('limit');
    const limit = limitText === null ? 25 : Math.min(1000, Number(limitText));
    if (!Number.isInteger(limit) || limit < 0) return core.errorReply('image', 400, undefined, 'limit param must be an integer');
    const page = images.slice(0, limit);
    const firstParams = new URLSearchParams(q);
    firstParams.delete('marker');
    const firstQuery = firstParams.toString();
    const body: Record<string, unknown> = { images: page.map((i) => imageView(core, i)), first: `/v2/images${firstQuery ? `?${firstQuery}` : ''}`, schema: '/v2/schemas/images' };
    const last = page[page.length - 1];
    if (last && page.length === limit) {
      firstParams.set('marker', last.id);
      body.next = `/v2/images?${firstParams.toString()}`;
    }
    return { status: 200, body };
  }
  if (path === '/v2/images' && method === 'POST') {
    const spec = (ctx.body ?? {}) as Record<string, unknown>;
    const invalid = imageCreateProblem(core, spec);
    if (invalid) return invalid;
    if (core.shouldFail('image.create')) return core.errorReply('image', 500, undefined, 'The server has either erred or is incapable of performing the requested operation.');
    const properties: Record<string, string> = {};
    for (const [key, value] of Object.entries(spec)) if (!KNOWN_FIELDS.has(key)) properties[key] = String(value);
    const image: ImageRecord = {
      id: typeof spec.id === 'string' ? spec.id : uuid(core.rng), name: typeof spec.name === 'string' ? spec.name : null, status: 'queued',
      visibility: typeof spec.visibility === 'string' ? spec.visibility : glanceMinorOf(core) >= 5 ? 'shared' : 'private', owner: projectId, diskFormat: (spec.disk_format as string | undefined) ?? null,
      containerFormat: (spec.container_format as string | undefined) ?? null, size: null, checksum: null, hash: null, createdAt: now, updatedAt: now,
      minRam: Number(spec.min_ram ?? 0), minDisk: Number(spec.min_disk ?? 0), protected: spec.protected === true, tags: Array.isArray(spec.tags) ? spec.tags.map(String) : [],
      properties, seq: state.seq++,
    };
    state.images.set(image.id, image);
    const headers: Record<string, string> = { Location: `${core.roots.image}/v2/images/${image.id}` };
    if (core.facts.glance.importMethods) headers['Openstack-Image-Import-Methods'] = 'glance-direct,web-download,copy-image';
    return { status: 201, body: imageView(core, image), headers };
  }
  const sub = /^\/v2\/images\/([^/]+)/.exec(path);
  if (sub && !path.endsWith('/file') && (method === 'PATCH' || /^\/v2\/images\/[^/]+\/(tags|actions)\//.test(path))) {
    const image = state.images.get(sub[1] ?? '');
    if (!visible(image) || !image) return notFound(sub[1] ?? '');
    const reply = imageExtras(core, ctx, image, projectId, (i) => imageView(core, i));
    if (reply) return reply;
  }
  if (sub) {
    const image = state.images.get(sub[1] ?? '');
    const reply = image && visible(image) ? (imageData(core, ctx, image, projectId) ?? imageMembers(core, ctx, image, projectId)) : undefined;
    if (reply) return reply;
  }
  const file = match('/v2/images/:id/file', path);
  if (file) {
    const image = state.images.get(file.id ?? '');
    if (!visible(image) || !image) return notFound(file.id ?? '');
    if (method === 'PUT') {
      if (image.owner !== projectId) return core.errorReply('image', 403, undefined, 'You are not permitted to upload data to this image.');
      if (image.status !== 'queued') return core.errorReply('image', 409, undefined, `Image status transition from ${image.status} to saving is not allowed`);
      if (core.shouldFail('image.upload')) return core.errorReply('image', 500, undefined, 'Error in store configuration. Adding images to store is disabled.');
      image.data = ctx.raw.toString('base64');
      image.size = ctx.raw.length;
      image.checksum = digest('md5', ctx.raw);
      image.hash = digest('sha512', ctx.raw);
      image.status = 'active';
      image.updatedAt = now;
      return { status: 204 };
    }
  }
  const one = match('/v2/images/:id', path);
  if (one) {
    const image = state.images.get(one.id ?? '');
    if (!visible(image) || !image) return notFound(one.id ?? '');
    if (method === 'GET') return { status: 200, body: imageView(core, image) };
    if (method === 'DELETE') {
      if (image.owner !== projectId) return core.errorReply('image', 403, undefined, 'You are not permitted to delete this image.');
      if (image.protected) return core.errorReply('image', 403, undefined, `Image ${image.id} is protected and cannot be deleted.`);
      state.images.delete(image.id);
      return { status: 204 };
    }
  }
  return core.errorReply('image', 404, undefined, 'The resource could not be found.');
}
