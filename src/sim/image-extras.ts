/**
 * Glance v2 beyond the basic cycle: the JSON-patch update in both media types (RFC 6902
 * `{"op": "replace", "path": "/name"}` and the older `{"replace": "/name"}` form), the checks on
 * create (known disk and container formats, reserved `os_glance_*` properties), image tags, and
 * deactivate/reactivate.
 *
 * @example
 * const reply = imageExtras(core, ctx, projectId); if (reply) return reply;
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { ImageRecord } from './state.js';
import { glanceMinorOf } from './image-data.js';

const DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop'];
const CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'];
const READ_ONLY = new Set(['id', 'status', 'checksum', 'size', 'virtual_size', 'created_at', 'updated_at', 'file', 'self', 'schema', 'owner', 'os_hash_algo', 'os_hash_value', 'direct_url', 'locations']);

/**
 * The 400/403 glance answers for a create body, or undefined.
 *
 * @example
 * imageCreateProblem(core, { disk_format: 'wrong' }); // 400
 */
export function imageCreateProblem(core: SimCore, spec: Record<string, unknown>): Reply | undefined {
  if (spec.disk_format !== undefined && spec.disk_format !== null && !DISK_FORMATS.includes(String(spec.disk_format))) {
    return core.errorReply('image', 400, undefined, `Invalid value '${String(spec.disk_format)}' for parameter 'disk_format': Value ${String(spec.disk_format)} is not one of ${DISK_FORMATS.join(', ')}`);
  }
  if (spec.container_format !== undefined && spec.container_format !== null && !CONTAINER_FORMATS.includes(String(spec.container_format))) {
    return core.errorReply('image', 400, undefined, `Invalid value '${String(spec.container_format)}' for parameter 'container_format': Value ${String(spec.container_format)} is not one of ${CONTAINER_FORMATS.join(', ')}`);
  }
  if (spec.visibility !== undefined && !visibilities(core).includes(String(spec.visibility))) {
    return core.errorReply('image', 400, undefined, `Invalid value '${String(spec.visibility)}' for parameter 'visibility': Value ${String(spec.visibility)} is not one of ${visibilities(core).join(', ')}`);
  }
  const reserved = Object.keys(spec).find((key) => key.startsWith('os_glance'));
  if (reserved) return core.errorReply('image', 403, undefined, `Attribute '${reserved}' is reserved.`);
  return undefined;
}

/** `shared` and `community` arrived with v2.5 (Ocata); before, an image is public or private. */
function visibilities(core: SimCore): string[] {
  return glanceMinorOf(core) >= 5 ? ['public', 'private', 'shared', 'community'] : ['public', 'private'];
}

function applyPatch(core: SimCore, image: ImageRecord, body: unknown): Reply | undefined {
  if (!Array.isArray(body)) return core.errorReply('image', 400, undefined, 'Request body must be a JSON array of operation objects.');
  for (const raw of body as Array<Record<string, unknown>>) {
    const op = typeof raw.op === 'string' ? raw.op : ['add', 'replace', 'remove'].find((name) => name in raw);
    const path = String(typeof raw.op === 'string' ? raw.path : op ? raw[op] : '');
    const key = path.replace(/^\//, '');
    if (!op || !key) return core.errorReply('image', 400, undefined, 'Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.');
    if (key.startsWith('os_glance')) return core.errorReply('image', 403, undefined, `Attribute '${key}' is reserved.`);
    if (READ_ONLY.has(key)) return core.errorReply('image', 403, undefined, `Attribute '${key}' is read-only.`);
    const value = raw.value;
    if (op === 'remove') {
      if (!(key in image.properties)) return core.errorReply('image', 409, undefined, `Property ${key} does not exist.`);
      delete image.properties[key];
      continue;
    }
    switch (key) {
      case 'name': image.name = value === null ? null : String(value); break;
      case 'visibility':
        if (!visibilities(core).includes(String(value))) return core.errorReply('image', 400, undefined, `Invalid value '${String(value)}' for parameter 'visibility': Value ${String(value)} is not one of ${visibilities(core).join(', ')}`);
        image.visibility = String(value);
        break;
      case 'protected': image.protected = value === true; break;
      case 'min_ram': image.minRam = Number(value); break;
      case 'min_disk': image.minDisk = Number(value); break;
      case 'disk_format': image.diskFormat = String(value); break;
      case 'container_format': image.containerFormat = String(value); break;
      case 'tags': image.tags = Array.isArray(value) ? value.map(String) : image.tags; break;
      default: image.properties[key] = String(value);
    }
  }
  return undefined;
}

/**
 * Handles PATCH, tags and deactivate/reactivate for `/v2/images/{id}…`; undefined for other routes.
 *
 * @example
 * imageExtras(core, ctx, projectId, image => view(image));
 */
export function imageExtras(core: SimCore, ctx: Ctx, image: ImageRecord, projectId: string, view: (i: ImageRecord) => Record<string, unknown>): Reply | undefined {
  const { method, path, now } = ctx;
  const owner = image.owner === projectId;
  if (path === `/v2/images/${image.id}` && method === 'PATCH') {
    const type = String(ctx.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!/^application\/openstack-images-v2\.[01]-json-patch$/.test(type)) return core.errorReply('image', 415, undefined, `The request media type ${type} is not supported by this server.`);
    if (!owner) return core.errorReply('image', 403, undefined, 'You are not permitted to modify this image.');
    const problem = applyPatch(core, image, ctx.body);
    if (problem) return problem;
    image.updatedAt = now;
    return { status: 200, body: view(image) };
  }
  const tag = match('/v2/images/:id/tags/:tag', path);
  if (tag && (method === 'PUT' || method === 'DELETE')) {
    if (!owner) return core.errorReply('image', 403, undefined, 'You are not permitted to modify this image.');
    const value = tag.tag ?? '';
    if (method === 'PUT') {
      if (!image.tags.includes(value)) image.tags.push(value);
    } else {
      if (!image.tags.includes(value)) return core.errorReply('image', 404, undefined, `Tag ${value} not found.`);
      image.tags = image.tags.filter((t) => t !== value);
    }
    image.updatedAt = now;
    return { status: 204 };
  }
  const action = match('/v2/images/:id/actions/:action', path);
  // Deactivation arrived with v2.3 (Kilo): older glance has no such route.
  if (action && method === 'POST' && (action.action === 'deactivate' || action.action === 'reactivate') && glanceMinorOf(core) >= 3) {
    if (!owner) return core.errorReply('image', 403, undefined, `You are not permitted to ${action.action} this image.`);
    const from = action.action === 'deactivate' ? ['active', 'deactivated'] : ['active', 'deactivated'];
    if (!from.includes(image.status)) return core.errorReply('image', 400, undefined, `Not allowed to ${action.action} image in status '${image.status}'`);
    image.status = action.action === 'deactivate' ? 'deactivated' : 'active';
    image.updatedAt = now;
    return { status: 204 };
  }
  return undefined;
}
