/**
 * nova's server tags API (microversion 2.26 and later), as the real service answers it:
 *
 * | request | answer |
 * | --- | --- |
 * | `GET /servers/{id}/tags` | 200 `{"tags": [...]}` |
 * | `PUT /servers/{id}/tags` `{"tags": [...]}` | 200 `{"tags": [...]}`, replacing all |
 * | `DELETE /servers/{id}/tags` | 204 |
 * | `GET /servers/{id}/tags/{tag}` | 204, or 404 when the server lacks it |
 * | `PUT /servers/{id}/tags/{tag}` | 201 with `Location` when added, 204 when it was there |
 * | `DELETE /servers/{id}/tags/{tag}` | 204, or 404 when the server lacks it |
 *
 * Changes need the server ACTIVE, PAUSED, SUSPENDED or STOPPED (409 otherwise, e.g. while it builds). A tag is
 * 1–60 characters without `/` or `,`; a server holds at most 50. Below 2.26 none of these routes exist (the caller
 * answers 404 before coming here).
 *
 * @example
 * const answer = serverTags({ method: 'PUT', tag: undefined, body: { tags: ['web'] }, server, location });
 * // { status: 200, body: { tags: ['web'] } }
 */
import type { ServerRecord } from './state.js';

/** Most tags one server may have (nova's MAX_TAG_COUNT). */
export const MAX_SERVER_TAGS = 50;

/** One tags request, after the caller found the server and checked the microversion. */
export interface ServerTagsRequest {
  method: string;
  /** the `{tag}` segment, decoded; undefined for `/servers/{id}/tags` itself */
  tag: string | undefined;
  body: unknown;
  server: ServerRecord;
  /** the URL of `/servers/{id}/tags` as the client sees it, for the `Location` of an added tag */
  location: string;
  now: number;
}

/** What nova answers; `message` goes into nova's error body when `status` is 400 or more. */
export interface ServerTagsAnswer {
  status: number;
  body?: unknown;
  message?: string;
  headers?: Record<string, string>;
}

const CHANGEABLE_STATES = new Set(['active', 'paused', 'suspended', 'stopped']);

/** Why a tag is invalid, or undefined when nova takes it. */
function tagProblem(tag: unknown): string | undefined {
  if (typeof tag !== 'string') return `${JSON.stringify(tag)} is not of type 'string'`;
  if (tag.length < 1) return `'' is too short`;
  if (tag.length > 60) return `'${tag}' is too long`;
  if (/[,/]/.test(tag)) return `'${tag}' does not match '^[^,/]*$'`;
  return undefined;
}

function invalidState(req: ServerTagsRequest, action: string): ServerTagsAnswer {
  return { status: 409, message: `Cannot '${action}' instance ${req.server.id} while it is in vm_state ${req.server.vmState}` };
}

/**
 * Answers one server tags request.
 *
 * @example
 * serverTags({ method: 'GET', tag: 'web', body: undefined, server, location, now: Date.now() }); // { status: 204 } or 404
 */
export function serverTags(req: ServerTagsRequest): ServerTagsAnswer {
  const { method, tag, server } = req;
  if (method === 'GET') {
    if (tag === undefined) return { status: 200, body: { tags: [...server.tags] } };
    return server.tags.includes(tag) ? { status: 204 } : { status: 404, message: `Server ${server.id} has no tag '${tag}'` };
  }
  if (method !== 'PUT' && method !== 'DELETE') return { status: 405, message: 'The method specified is not allowed for this resource.' };
  const action = `${method === 'PUT' ? 'update' : 'delete'} ${tag === undefined ? 'tags' : 'tag'}`;
  if (!CHANGEABLE_STATES.has(server.vmState)) return invalidState(req, action);

  if (method === 'PUT' && tag === undefined) return replaceAll(req);
  if (method === 'DELETE' && tag === undefined) {
    server.tags = [];
    server.updatedAt = req.now;
    return { status: 204 };
  }
  const one = tag as string;
  if (method === 'DELETE') {
    if (!server.tags.includes(one)) return { status: 404, message: `Instance ${server.id} has no tag '${one}'` };
    server.tags = server.tags.filter((t) => t !== one);
    server.updatedAt = req.now;
    return { status: 204 };
  }
  const problem = tagProblem(one);
  if (problem) return { status: 400, message: `Tag '${one}' is invalid. It must be a non empty string without characters '/' and ','. Validation error message: ${problem}` };
  if (server.tags.length >= MAX_SERVER_TAGS) return { status: 400, message: `The number of tags exceeded the per-server limit ${MAX_SERVER_TAGS}` };
  if (server.tags.includes(one)) return { status: 204 };
  server.tags = [...server.tags, one];
  server.updatedAt = req.now;
  return { status: 201, headers: { Location: `${req.location}/${encodeURIComponent(one)}` } };
}

function replaceAll(req: ServerTagsRequest): ServerTagsAnswer {
  const body = req.body;
  const tags = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).tags : undefined;
  if (!Array.isArray(tags)) return { status: 400, message: "Invalid input for field/attribute tags. Value: None. None is not of type 'array'" };
  if (tags.length > MAX_SERVER_TAGS) return { status: 400, message: `Invalid input for field/attribute tags. Value: ${JSON.stringify(tags)}. ${JSON.stringify(tags)} is too long` };
  for (const [i, tag] of tags.entries()) {
    const problem = tagProblem(tag);
    if (problem) return { status: 400, message: `Invalid input for field/attribute tags[${i}]. Value: ${JSON.stringify(tag)}. ${problem}` };
  }
  req.server.tags = [...new Set(tags as string[])];
  req.server.updatedAt = req.now;
  return { status: 200, body: { tags: [...req.server.tags] } };
}
