/**
 * Glance image members (sharing an image with other projects): v2 `/v2/images/{id}/members[/{member}]` with a
 * status the consumer sets (`pending` → `accepted`/`rejected`), v1 `/v1/images/{id}/members[/{member}]` without
 * one (sharing is immediate there).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { majorVersion } from '../../resources/gates.js';
import { parseBody } from '../compute/parse-body.js';
import { utcTimestamp } from '../../resources/image/image-model.js';

/**
 * One project an image is shared with.
 *
 * @example
 * const member: ImageMember = { imageId: 'b39b…', memberId: '1ef0…', status: 'pending' };
 */
export interface ImageMember {
  imageId: string;
  /** The project the image is shared with. */
  memberId: string;
  /** `pending`, `accepted` or `rejected` (v1 has no status: `accepted`). */
  status: string;
  createdAt?: string;
  updatedAt?: string;
  /** v1 only: whether the member may share the image further. */
  canShare?: boolean;
}

const memberV2 = lazySchema(() => z.looseObject({ member_id: z.string(), image_id: z.string(), status: z.string(), created_at: z.string().nullish(), updated_at: z.string().nullish() }));
const membersV2 = z.looseObject({ members: z.array(memberV2) });
const membersV1 = lazySchema(() => z.looseObject({ members: z.array(z.looseObject({ member_id: z.string(), can_share: z.boolean().nullish() })) }));

function fromV2(raw: z.infer<typeof memberV2>): ImageMember {
  const createdAt = utcTimestamp(raw.created_at);
  const updatedAt = utcTimestamp(raw.updated_at);
  return { imageId: raw.image_id, memberId: raw.member_id, status: raw.status, ...(createdAt ? { createdAt } : {}), ...(updatedAt ? { updatedAt } : {}) };
}

const isV1 = (client: ServiceClient) => majorVersion(client) === 1;
const membersPath = (imageId: string) => `/images/${encodeURIComponent(imageId)}/members`;

/**
 * The members of an image (the owner sees all; a member sees itself).
 *
 * @example
 * const members = await listImageMembersRaw(glance, imageId);
 */
export async function listImageMembersRaw(client: ServiceClient, imageId: string, signal?: AbortSignal): Promise<ImageMember[]> {
  const body = await client.get(membersPath(imageId), { signal, fresh: true });
  if (isV1(client)) return parseBody(membersV1, body, { service: 'image', what: 'GET /v1/images/{id}/members' }).members.map((m) => ({ imageId, memberId: m.member_id, status: 'accepted', canShare: m.can_share === true }));
  return parseBody(membersV2, body, { service: 'image', what: 'GET /v2/images/{id}/members' }).members.map(fromV2);
}

/**
 * Shares an image with a project (`POST` on v2, answered `pending`; `PUT …/members/{member}` on v1).
 *
 * @example
 * await addImageMemberRaw(glance, imageId, projectId);
 */
export async function addImageMemberRaw(client: ServiceClient, imageId: string, memberId: string, signal?: AbortSignal): Promise<ImageMember> {
  if (isV1(client)) {
    await client.request('PUT', `${membersPath(imageId)}/${encodeURIComponent(memberId)}`, { json: { member: { can_share: false } }, signal });
    return { imageId, memberId, status: 'accepted', canShare: false };
  }
  const body = await client.post(membersPath(imageId), { member: memberId }, { signal });
  return fromV2(parseBody(memberV2, body, { service: 'image', what: 'POST /v2/images/{id}/members' }));
}

/**
 * Stops sharing an image with a project; `false` when it was not a member (404).
 *
 * @example
 * await removeImageMemberRaw(glance, imageId, projectId);
 */
export async function removeImageMemberRaw(client: ServiceClient, imageId: string, memberId: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `${membersPath(imageId)}/${encodeURIComponent(memberId)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}

/**
 * Sets a membership's status (v2; only the member project itself may).
 *
 * @example
 * await setImageMemberStatus(glance, imageId, myProjectId, 'accepted');
 */
export async function setImageMemberStatus(client: ServiceClient, imageId: string, memberId: string, status: string, signal?: AbortSignal): Promise<ImageMember> {
  const body = await client.put(`${membersPath(imageId)}/${encodeURIComponent(memberId)}`, { status }, { signal });
  return fromV2(parseBody(memberV2, body, { service: 'image', what: 'PUT /v2/images/{id}/members/{member}' }));
}
