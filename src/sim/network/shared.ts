/**
 * What the simulated neutron routes share: the request after token and version checks, neutron's
 * error replies, standard attributes, request bodies, quotas, and list/show replies with neutron's
 * filters, `fields=` selection and (from Newton) pagination links.
 *
 * @example
 * return listReply(req.ctx, 'ports', views);
 */
import type { Ctx, Reply, SimCore } from '../core.js';
import type { NeutronFailure } from '../networking.js';
import type { NetworkRecord, SimState } from '../state.js';
import { isoSeconds } from '../util.js';
import { quotaIsSet, quotaLimit } from '../quotas.js';

/** A JSON object. */
export type Json = Record<string, unknown>;

/** A neutron request after token and version checks. */
export interface NetReq {
  ctx: Ctx;
  core: SimCore;
  state: SimState;
  projectId: string;
  now: number;
  /** the path below `/v2.0`, e.g. `/ports/abc` */
  rest: string;
  method: string;
}

/** Whether the project sees a network: its own, shared or external ones. */
export function visibleNetwork(req: NetReq, n: NetworkRecord | undefined): n is NetworkRecord {
  return Boolean(n && (n.projectId === req.projectId || n.shared || n.external));
}

/** A NeutronError reply from a model failure. */
export function fail(core: SimCore, failure: NeutronFailure): Reply {
  return core.errorReply('network', failure.status, failure.type, failure.message);
}

/** A neutron 404 of the given type. */
export function notFound(core: SimCore, type: string, message: string): Reply {
  return core.errorReply('network', 404, type, message);
}


/** Adds tenant/project ids and, from Mitaka/Newton, the standard attributes. */
export function standard(core: SimCore, view: Json, record: { projectId: string; createdAt: number; updatedAt?: number; revision?: number; description?: string; tags?: string[] }): Json {
  const neutron = core.facts.neutron;
  view.tenant_id = record.projectId;
  if (neutron?.standardAttributes) {
    view.description = view.description ?? record.description ?? '';
    Object.assign(view, { tags: [...(record.tags ?? [])], created_at: isoSeconds(record.createdAt), updated_at: isoSeconds(record.updatedAt ?? record.createdAt), revision_number: record.revision ?? 0 });
  }
  if (neutron?.projectId) view.project_id = record.projectId;
  return view;
}

const CONTROL_PARAMS = new Set(['limit', 'marker', 'page_reverse', 'fields', 'sort_key', 'sort_dir', 'fixed_ips', 'tags', 'tags-any', 'not-tags', 'not-tags-any']);

/** Neutron's tag filters: `tags=a,b` (all), `tags-any`, `not-tags`, `not-tags-any`. */
function tagsMatch(query: URLSearchParams, view: Json): boolean {
  const tags = Array.isArray(view.tags) ? view.tags.map(String) : [];
  const wanted = (key: string) => query.getAll(key).flatMap((v) => v.split(',')).filter(Boolean);
  const all = wanted('tags');
  const any = wanted('tags-any');
  const notAll = wanted('not-tags');
  const notAny = wanted('not-tags-any');
  if (all.length > 0 && !all.every((t) => tags.includes(t))) return false;
  if (any.length > 0 && !any.some((t) => tags.includes(t))) return false;
  if (notAll.length > 0 && notAll.every((t) => tags.includes(t))) return false;
  if (notAny.length > 0 && notAny.some((t) => tags.includes(t))) return false;
  return true;
}

/** Applies neutron filters (`name=`, `router:external=True`, `device_id=`…) and, when enabled, pagination. */
export function listReply(ctx: Ctx, collection: string, views: Json[]): Reply {
  const { core, query } = ctx;
  let items = views.filter((view) => {
    if (!tagsMatch(query, view)) return false;
    for (const key of new Set(query.keys())) {
      if (CONTROL_PARAMS.has(key) || !(key in view)) continue;
      const wanted = query.getAll(key).map((v) => v.toLowerCase());
      const actual = view[key];
      const text = Array.isArray(actual) ? actual.map(String) : [String(actual).toLowerCase()];
      if (!wanted.some((w) => text.some((t) => t.toLowerCase() === w))) return false;
    }
    return true;
  });
  items.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const body: Json = {};
  const limitText = query.get('limit');
  if (core.facts.neutron?.pagination && limitText !== null) {
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) return core.errorReply('network', 400, 'BadRequest', `Bad limit request: Limit must be an integer 0 or greater and not '${limitText}'.`);
    const marker = query.get('marker');
    if (marker) items = items.filter((item) => String(item.id) > marker);
    if (limit > 0) items = items.slice(0, limit);
    const params = new URLSearchParams(query);
    params.delete('marker');
    params.delete('page_reverse');
    const base = `${core.roots.network}/v2.0/${collection}?${params.toString()}`;
    const links: Json[] = [];
    const last = items[items.length - 1];
    const first = items[0];
    if (last && limit > 0 && items.length === limit) links.push({ rel: 'next', href: `${base}&marker=${String(last.id)}` });
    links.push({ rel: 'previous', href: first ? `${base}&marker=${String(first.id)}&page_reverse=True` : `${base}&page_reverse=True` });
    body[collection.replace(/-/g, '_')] = items;
    body[`${collection.replace(/-/g, '_')}_links`] = links;
    return { status: 200, body };
  }
  body[collection.replace(/-/g, '_')] = items;
  return { status: 200, body };
}


/** The resource object of a request body (`{"port": {…}}`), if any. */
export function bodyOf(ctx: Ctx, key: string): Json | undefined {
  const value = (ctx.body as Json | undefined)?.[key];
  return typeof value === 'object' && value !== null ? (value as Json) : undefined;
}

/** Neutron's 409 OverQuota when a quota knob is reached. */
export function overQuota(core: SimCore, projectId: string, resource: 'network' | 'floatingip'): Reply | undefined {
  const knob = resource === 'network' ? core.knobs.quotas?.networks : core.knobs.quotas?.floatingips;
  const quota = knob !== undefined || quotaIsSet(core, 'network', projectId, resource) ? quotaLimit(core, 'network', projectId, resource) : undefined;
  if (quota === undefined || quota < 0) return undefined;
  const used = resource === 'network'
    ? [...core.state.networks.values()].filter((n) => n.projectId === projectId).length
    : [...core.state.floatingIps.values()].filter((f) => f.projectId === projectId && !f.deleted).length;
  return used >= quota ? core.errorReply('network', 409, 'OverQuota', `Quota exceeded for resources: ['${resource}'].`) : undefined;
}
