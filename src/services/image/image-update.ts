/**
 * Glance image updates: v2 JSON-patch (`PATCH /v2/images/{id}` with the media type glance insists on; plain
 * `application/json` is a 415) and v1 headers (`PUT /v1/images/{id}` with `x-image-meta-*`), plus v2's
 * deactivate/reactivate actions.
 */
import { z } from 'zod';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';
import { normalizeImageV1, normalizeImageV2, rawImageV1Schema, rawImageV2Schema, type Image } from '../../resources/image/image-model.js';

/** The media type of glance v2's image PATCH. */
export const IMAGE_PATCH_MEDIA_TYPE = 'application/openstack-images-v2.1-json-patch';

/**
 * Changes to an image; fields left out stay as they are.
 *
 * @example
 * const changes: UpdateImageChanges = { name: 'cirros-0.6.2', properties: { os_distro: 'cirros' }, removeProperties: ['hw_qemu_guest_agent'], addTags: ['base'] };
 */
export interface UpdateImageChanges {
  name?: string;
  /** Properties to set (added or replaced). Values are strings, as glance keeps them. */
  properties?: Record<string, string>;
  /** Properties to remove (names the image does not have are skipped). */
  removeProperties?: string[];
  /** The whole tag list (v2 only). */
  tags?: string[];
  /** Tags to add (v2 only). */
  addTags?: string[];
  /** Tags to remove (v2 only). */
  removeTags?: string[];
  /** `shared` and `community` need glance v2.5 (Ocata); v1 knows only `public` and `private`. */
  visibility?: 'public' | 'private' | 'shared' | 'community';
  /** A protected image cannot be deleted. */
  protected?: boolean;
  minDiskGb?: number;
  minRamMb?: number;
}

/** One RFC 6902 operation as glance takes it. */
export interface ImagePatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** `~` and `/` in a property name, escaped for a JSON pointer. */
function pointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * The JSON patch that turns `current` into `current` + `changes`: only what differs (`add` for a new property,
 * `replace` for an existing one; removing a property the image lacks is left out, since glance answers it 409).
 *
 * @example
 * buildImagePatch(image, { name: 'b', properties: { os_distro: 'cirros' } })
 * // [{ op: 'replace', path: '/name', value: 'b' }, { op: 'add', path: '/os_distro', value: 'cirros' }]
 */
export function buildImagePatch(current: Image, changes: UpdateImageChanges): ImagePatchOp[] {
  const ops: ImagePatchOp[] = [];
  const raw = current.properties;
  const replace = (path: string, value: unknown, now: unknown) => {
    if (value !== undefined && value !== now) ops.push({ op: 'replace', path, value });
  };
  replace('/name', changes.name, current.name);
  replace('/visibility', changes.visibility, current.visibility);
  replace('/protected', changes.protected, current.protected);
  replace('/min_disk', changes.minDiskGb, current.minDiskGb);
  replace('/min_ram', changes.minRamMb, current.minRamMb);
  for (const [key, value] of Object.entries(changes.properties ?? {})) {
    if (raw[key] !== String(value)) ops.push({ op: key in raw ? 'replace' : 'add', path: pointer(key), value: String(value) });
  }
  for (const key of changes.removeProperties ?? []) if (key in raw && !(key in (changes.properties ?? {}))) ops.push({ op: 'remove', path: pointer(key) });
  if (changes.tags !== undefined || changes.addTags?.length || changes.removeTags?.length) {
    const tags = new Set(changes.tags ?? current.tags);
    for (const t of changes.addTags ?? []) tags.add(t);
    for (const t of changes.removeTags ?? []) tags.delete(t);
    const next = [...tags];
    if (next.length !== current.tags.length || next.some((t, i) => t !== current.tags[i])) ops.push({ op: 'replace', path: '/tags', value: next });
  }
  return ops;
}

/**
 * Applies a JSON patch to a v2 image; the updated image.
 *
 * @example
 * await patchImageV2(glance, id, [{ op: 'replace', path: '/name', value: 'b' }]);
 */
export async function patchImageV2(client: ServiceClient, id: string, ops: ImagePatchOp[], signal?: AbortSignal): Promise<Image> {
  const response = await client.request('PATCH', `/images/${encodeURIComponent(id)}`, { json: ops, headers: { 'Content-Type': IMAGE_PATCH_MEDIA_TYPE }, signal });
  return normalizeImageV2(parseBody(rawImageV2Schema, response.body, { service: 'image', what: 'PATCH /v2/images/{id}' }));
}

/**
 * The `x-image-meta-*` headers of a v1 update. Removing properties sets `x-glance-registry-purge-props: true`
 * and sends every property that stays (v1 replaces the whole set then).
 *
 * @example
 * imageV1UpdateHeaders(image, { name: 'b' }) // { 'x-image-meta-name': 'b' }
 */
export function imageV1UpdateHeaders(current: Image, changes: UpdateImageChanges): Record<string, string> {
  const headers: Record<string, string> = {};
  if (changes.name !== undefined) headers['x-image-meta-name'] = changes.name;
  if (changes.visibility !== undefined) headers['x-image-meta-is_public'] = changes.visibility === 'public' ? 'True' : 'False';
  if (changes.protected !== undefined) headers['x-image-meta-protected'] = changes.protected ? 'True' : 'False';
  if (changes.minDiskGb !== undefined) headers['x-image-meta-min_disk'] = String(changes.minDiskGb);
  if (changes.minRamMb !== undefined) headers['x-image-meta-min_ram'] = String(changes.minRamMb);
  const removing = (changes.removeProperties ?? []).filter((k) => k in current.properties && !(k in (changes.properties ?? {})));
  const properties: Record<string, unknown> = removing.length ? { ...current.properties } : {};
  for (const key of removing) delete properties[key];
  Object.assign(properties, changes.properties ?? {});
  for (const [key, value] of Object.entries(properties)) headers[`x-image-meta-property-${key}`] = String(value);
  if (removing.length) headers['x-glance-registry-purge-props'] = 'true';
  return headers;
}

const imageEnvelopeV1 = z.looseObject({ image: rawImageV1Schema });

/**
 * Updates a v1 image by headers (`PUT /v1/images/{id}`); the updated image.
 *
 * @example
 * await updateImageV1(glance, id, { 'x-image-meta-name': 'b' });
 */
export async function updateImageV1(client: ServiceClient, id: string, headers: Record<string, string>, signal?: AbortSignal): Promise<Image> {
  const response = await client.request('PUT', `/images/${encodeURIComponent(id)}`, { headers, signal });
  return normalizeImageV1(parseBody(imageEnvelopeV1, response.body, { service: 'image', what: 'PUT /v1/images/{id}' }).image);
}

/**
 * `POST /v2/images/{id}/actions/deactivate|reactivate` (204).
 *
 * @example
 * await imageActionV2(glance, id, 'deactivate');
 */
export async function imageActionV2(client: ServiceClient, id: string, action: 'deactivate' | 'reactivate', signal?: AbortSignal): Promise<void> {
  await client.request('POST', `/images/${encodeURIComponent(id)}/actions/${action}`, { signal });
}
