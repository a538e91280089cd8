/**
 * Image updates: name, properties (set and remove), tags, visibility, protection, minimum disk and RAM — a JSON
 * patch on glance v2, `x-image-meta-*` headers on v1 — and deactivate/reactivate (glance v2.3+).
 */
import { UnsupportedError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { majorVersion } from '../resources/gates.js';
import type { Image } from '../resources/image/image-model.js';
import { glanceLabel, requireGlance } from '../services/image/glance-version.js';
import { buildImagePatch, imageActionV2, imageV1UpdateHeaders, patchImageV2, updateImageV1, type UpdateImageChanges } from '../services/image/image-update.js';
import { showImageV2 } from '../services/image/images-v2.js';
import type { CloudScope } from './cloud-context.js';
import { getImage } from './images.js';

export type { UpdateImageChanges } from '../services/image/image-update.js';

/** Options of {@link Cloud.updateImage}, {@link Cloud.deactivateImage} and {@link Cloud.reactivateImage}. */
export interface UpdateImageOptions {
  signal?: AbortSignal;
}

/** What v1 cannot change, as an UnsupportedError before any request. */
async function checkV1(glance: ServiceClient, changes: UpdateImageChanges, signal?: AbortSignal): Promise<void> {
  const feature = changes.tags !== undefined || changes.addTags?.length || changes.removeTags?.length ? 'image tags' : changes.visibility === 'shared' || changes.visibility === 'community' ? `visibility "${changes.visibility}"` : undefined;
  if (feature) throw new UnsupportedError({ feature, service: 'image', have: await glanceLabel(glance, signal), need: feature === 'image tags' ? 'v2' : 'v2.5' });
}

/**
 * Changes an image found by name or id; the updated image. Only what changes is sent (nothing at all when
 * nothing would change).
 *
 * @example
 * await updateImage(cloud, 'cirros', { properties: { os_distro: 'cirros' }, addTags: ['base'], protected: true });
 */
export async function updateImage(cloud: CloudScope, nameOrId: string, changes: UpdateImageChanges, options: UpdateImageOptions = {}): Promise<Image> {
  const glance = await cloud.service('image', options.signal);
  const { signal } = options;
  if (majorVersion(glance) === 1) {
    await checkV1(glance, changes, signal);
    const current = await getImage(cloud, nameOrId, { signal });
    const headers = imageV1UpdateHeaders(current, changes);
    return Object.keys(headers).length ? updateImageV1(glance, current.id, headers, signal) : current;
  }
  if (changes.visibility === 'shared' || changes.visibility === 'community') await requireGlance(glance, 5, `visibility "${changes.visibility}"`, signal);
  const found = await getImage(cloud, nameOrId, { signal });
  // The patch is worked out against the image as it is now, never a cached copy.
  const current = (await showImageV2(glance, found.id, signal, true)) ?? found;
  const ops = buildImagePatch(current, changes);
  return ops.length ? patchImageV2(glance, current.id, ops, signal) : current;
}

async function imageAction(cloud: CloudScope, nameOrId: string, action: 'deactivate' | 'reactivate', options: UpdateImageOptions): Promise<Image> {
  const { signal } = options;
  const glance = await cloud.service('image', signal);
  await requireGlance(glance, 3, `image ${action === 'deactivate' ? 'deactivation' : 'reactivation'}`, signal);
  const image = await getImage(cloud, nameOrId, { signal });
  await imageActionV2(glance, image.id, action, signal);
  return (await showImageV2(glance, image.id, signal, true)) ?? image;
}

/**
 * Deactivates an image (glance v2.3+): it stays listed but its data cannot be downloaded or booted from, until
 * reactivated. Glance's policy decides who may (often admins only: a `ForbiddenError` otherwise); an older
 * glance raises `UnsupportedError` before any request.
 *
 * @example
 * const image = await deactivateImage(admin, 'cirros'); // image.status === 'deactivated'
 */
export function deactivateImage(cloud: CloudScope, nameOrId: string, options: UpdateImageOptions = {}): Promise<Image> {
  return imageAction(cloud, nameOrId, 'deactivate', options);
}

/**
 * Reactivates a deactivated image (glance v2.3+); see {@link deactivateImage}.
 *
 * @example
 * const image = await reactivateImage(admin, 'cirros'); // image.status === 'active'
 */
export function reactivateImage(cloud: CloudScope, nameOrId: string, options: UpdateImageOptions = {}): Promise<Image> {
  return imageAction(cloud, nameOrId, 'reactivate', options);
}
