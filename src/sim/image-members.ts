/**
 * Simulated glance image sharing (v2): `GET|POST /v2/images/{id}/members`, `GET|PUT|DELETE …/members/{member}`.
 * The owner adds and removes members; only the member itself sets its status (`pending` → `accepted` /
 * `rejected`). From v2.5 (Ocata) only `shared` images have members; before, any private image does. A member
 * sees the image by id whatever its status, and in lists once accepted (or with `member_status`).
 *
 * @example
 * const reply = imageMembers(core, ctx, image, projectId); if (reply) return reply;
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import { glanceMinorOf } from './image-data.js';
import type { ImageMemberRecord, ImageRecord } from './state.js';
import { isoSeconds } from './util.js';

function memberView(image: ImageRecord, m: ImageMemberRecord): Record<string, unknown> {
  return { member_id: m.memberId, image_id: image.id, status: m.status, created_at: isoSeconds(m.createdAt), updated_at: isoSeconds(m.updatedAt), schema: '/v2/schemas/member' };
}

/**
 * The membership of `projectId` in an image, if any.
 *
 * @example
 * memberOf(image, projectId)?.status // 'pending'
 */
export function memberOf(image: ImageRecord, projectId: string): ImageMemberRecord | undefined {
  return image.members?.find((m) => m.memberId === projectId);
}

/**
 * Whether a list shows an image to a member: accepted (default), or the `member_status` asked for (`all`).
 *
 * @example
 * listedForMember(image, projectId, q.get('member_status'))
 */
export function listedForMember(image: ImageRecord, projectId: string, memberStatus: string | null): boolean {
  const m = memberOf(image, projectId);
  if (!m) return false;
  const want = memberStatus ?? 'accepted';
  return want === 'all' || m.status === want;
}

/**
 * Handles `/v2/images/{id}/members…`; undefined for other routes.
 *
 * @example
 * imageMembers(core, ctx, image, projectId);
 */
export function imageMembers(core: SimCore, ctx: Ctx, image: ImageRecord, projectId: string): Reply | undefined {
  const { method, path, now } = ctx;
  const owner = image.owner === projectId;
  const members = (image.members ??= []);
  if (path === `/v2/images/${image.id}/members`) {
    if (method === 'GET') {
      const visibleMembers = owner ? members : members.filter((m) => m.memberId === projectId);
      return { status: 200, body: { members: visibleMembers.map((m) => memberView(image, m)), schema: '/v2/schemas/members' } };
    }
    if (method !== 'POST') return undefined;
    if (!owner) return core.errorReply('image', 403, undefined, `Not allowed to create members for image ${image.id}.`);
    if (glanceMinorOf(core) >= 5 ? image.visibility !== 'shared' : image.visibility === 'public') {
      return core.errorReply('image', 403, undefined, `Only shared images have members.`);
    }
    const memberId = String((ctx.body as { member?: unknown } | undefined)?.member ?? '');
    if (!memberId) return core.errorReply('image', 400, undefined, 'Member to be added not specified');
    if (memberOf(image, memberId)) return core.errorReply('image', 409, undefined, `Member ${memberId} is duplicated for image ${image.id}`);
    const record: ImageMemberRecord = { memberId, status: 'pending', canShare: false, createdAt: now, updatedAt: now };
    members.push(record);
    return { status: 200, body: memberView(image, record) };
  }
  const one = match('/v2/images/:id/members/:member', path);
  if (!one) return undefined;
  const memberId = one.member ?? '';
  const record = memberOf(image, memberId);
  const missing = () => core.errorReply('image', 404, undefined, `${memberId} not found in the member list of the image ${image.id}.`);
  if (method === 'GET') return record && (owner || memberId === projectId) ? { status: 200, body: memberView(image, record) } : missing();
  if (method === 'DELETE') {
    if (!owner) return core.errorReply('image', 403, undefined, `Not allowed to delete members for image ${image.id}.`);
    if (!record) return missing();
    image.members = members.filter((m) => m !== record);
    return { status: 204 };
  }
  if (method === 'PUT') {
    if (!record) return missing();
    if (memberId !== projectId) return core.errorReply('image', 403, undefined, `Not allowed to update members for image ${image.id}.`);
    const status = String((ctx.body as { status?: unknown } | undefined)?.status ?? '');
    if (!['pending', 'accepted', 'rejected'].includes(status)) return core.errorReply('image', 400, undefined, 'Incorrect request: Status must be "pending", "accepted" or "rejected".');
    record.status = status;
    record.updatedAt = now;
    return { status: 200, body: memberView(image, record) };
  }
  return undefined;
}
