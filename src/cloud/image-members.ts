/**
 * Image sharing: the owner adds and removes member projects, the member accepts or rejects (glance v2). On
 * glance v2.5+ only images with visibility `shared` have members, so adding a member to a `private` image makes
 * it `shared` first (unless `share: false`). Glance v1 shares at once and has no member status.
 */
import { UnsupportedError } from '../errors/index.js';
import { majorVersion } from '../resources/gates.js';
import { glanceLabel, glanceMinor } from '../services/image/glance-version.js';
import { addImageMemberRaw, listImageMembersRaw, removeImageMemberRaw, setImageMemberStatus, type ImageMember } from '../services/image/image-members.js';
import { patchImageV2 } from '../services/image/image-update.js';
import type { DeleteResult } from '../verbs/change-resources.js';
import type { CloudScope } from './cloud-context.js';
import { getImage } from './images.js';

export type { ImageMember } from '../services/image/image-members.js';

/** Options of {@link Cloud.addImageMember}. */
export interface AddImageMemberOptions {
  /** Make a `private` image `shared` first, where glance (v2.5+) shares only those (default true). */
  share?: boolean;
  signal?: AbortSignal;
}

/** Options of the other member calls. */
export interface ImageMemberOptions {
  signal?: AbortSignal;
}

/** Changes of {@link Cloud.updateImageMember}: the consumer's answer. */
export interface UpdateImageMemberChanges {
  status: 'accepted' | 'rejected' | 'pending';
  /** The member project; default the cloud's own project (the consumer answering for itself). */
  member?: string;
}

/**
 * Shares an image with a project (by project id); the membership (`pending` on v2 until the project accepts).
 *
 * @example
 * const member = await addImageMember(cloud, 'golden', otherProjectId); // member.status === 'pending'
 */
export async function addImageMember(cloud: CloudScope, nameOrId: string, projectId: string, options: AddImageMemberOptions = {}): Promise<ImageMember> {
  const { signal } = options;
  const glance = await cloud.service('image', signal);
  const image = await getImage(cloud, nameOrId, { signal });
  if (majorVersion(glance) !== 1 && options.share !== false && image.visibility === 'private' && (await glanceMinor(glance, signal)) >= 5) {
    await patchImageV2(glance, image.id, [{ op: 'replace', path: '/visibility', value: 'shared' }], signal);
  }
  return addImageMemberRaw(glance, image.id, projectId, signal);
}

/**
 * Stops sharing an image with a project; `{ deleted: false }` when it was not a member (still a success).
 *
 * @example
 * const { deleted } = await removeImageMember(cloud, 'golden', otherProjectId);
 */
export async function removeImageMember(cloud: CloudScope, nameOrId: string, projectId: string, options: ImageMemberOptions = {}): Promise<DeleteResult> {
  const { signal } = options;
  const glance = await cloud.service('image', signal);
  const image = await getImage(cloud, nameOrId, { signal });
  const deleted = await removeImageMemberRaw(glance, image.id, projectId, signal);
  return deleted ? { deleted, id: projectId } : { deleted };
}

/**
 * The projects an image is shared with (the owner sees every member; a member sees itself).
 *
 * @example
 * for await (const m of listImageMembers(cloud, 'golden')) console.log(m.memberId, m.status);
 */
export async function* listImageMembers(cloud: CloudScope, nameOrId: string, options: ImageMemberOptions = {}): AsyncIterable<ImageMember> {
  const { signal } = options;
  const glance = await cloud.service('image', signal);
  const image = await getImage(cloud, nameOrId, { signal });
  yield* await listImageMembersRaw(glance, image.id, signal);
}

/**
 * The consumer's side: accepts (or rejects, or resets to pending) an image shared with this project. Use the
 * image id: a shared image is not listed by name until accepted. Glance v1 has no member status
 * (`UnsupportedError`).
 *
 * @example
 * await updateImageMember(consumer, imageId, { status: 'accepted' });
 */
export async function updateImageMember(cloud: CloudScope, nameOrId: string, changes: UpdateImageMemberChanges, options: ImageMemberOptions = {}): Promise<ImageMember> {
  const { signal } = options;
  const glance = await cloud.service('image', signal);
  if (majorVersion(glance) === 1) throw new UnsupportedError({ feature: 'image member status', service: 'image', have: await glanceLabel(glance, signal), need: 'v2' });
  const image = await getImage(cloud, nameOrId, { signal });
  const member = changes.member ?? (await cloud.auth(signal)).projectId;
  if (!member) throw new UnsupportedError({ feature: 'image member status without a project scope', service: 'image' });
  return setImageMemberStatus(glance, image.id, member, changes.status, signal);
}
