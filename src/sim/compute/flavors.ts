/**
 * Nova flavors: list (summary or detail), show; who sees a private flavor. Admin changes: `flavor-admin.ts`.
 *
 * @example
 * if (rest === '/flavors' && m === 'GET') return listFlavors(req, false);
 */
import type { Reply } from '../core.js';
import type { FlavorRecord } from '../state.js';
import { at, err, type NovaRequest, ok } from './request.js';

function flavorLinks(req: NovaRequest, id: string): unknown[] {
  return [{ rel: 'self', href: `${req.apiBase}/flavors/${id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/flavors/${id}` }];
}

/** A flavor as nova shows it at the request's microversion. */
export function flavorView(req: NovaRequest, id: string, detail: boolean): Record<string, unknown> {
  const f = req.core.state.flavors.get(id);
  if (!f) return {};
  const view: Record<string, unknown> = { id: f.id, name: f.name };
  if (detail) {
    Object.assign(view, {
      ram: f.ram, disk: f.disk, swap: at(req, '2.75') ? (f.swap ?? 0) : f.swap || '', 'OS-FLV-EXT-DATA:ephemeral': f.ephemeral ?? 0, 'OS-FLV-DISABLED:disabled': false, vcpus: f.vcpus,
      'os-flavor-access:is_public': f.isPublic ?? true, rxtx_factor: 1,
    });
  }
  view.links = flavorLinks(req, f.id);
  if (at(req, '2.55')) view.description = f.description ?? null;
  if (detail && at(req, '2.61')) view.extra_specs = { ...f.extraSpecs };
  return view;
}

/** True when the token belongs to the cloud's admin user. */
export function isAdmin(req: NovaRequest): boolean {
  return req.core.state.users.get(req.userId)?.name === 'admin';
}

/** A flavor the caller may see: public, or private with access for the caller's project (admins see all). */
export function visibleFlavor(req: NovaRequest, id: string): FlavorRecord | undefined {
  const f = req.core.state.flavors.get(id);
  if (!f) return undefined;
  return isAdmin(req) || (f.isPublic ?? true) || (f.access ?? []).includes(req.projectId) ? f : undefined;
}

/**
 * `GET /flavors[/detail]` with nova's filters (`minDisk`, `minRam`, `is_public`), sorting
 * (`sort_key`, `sort_dir`, default flavorid ascending) and paging (`limit`, `marker`).
 *
 * @example
 * listFlavors(req, true);
 */
export function listFlavors(req: NovaRequest, detail: boolean): Reply {
  const q = req.ctx.query;
  // Members list the public flavors and the private ones shared with their project; admins choose with
  // is_public (true by default, false, or None for all) — a member's is_public is ignored.
  const asked = (q.get('is_public') ?? 'true').toLowerCase();
  if (!['true', 'false', 'none', '1', '0', 'yes', 'no', 't', 'f'].includes(asked)) return err(req, 400, `Invalid is_public filter [${q.get('is_public')}]`);
  const pub = asked === 'none' ? undefined : ['true', '1', 'yes', 't'].includes(asked);
  let flavors = [...req.core.state.flavors.values()].filter((f) =>
    isAdmin(req) ? pub === undefined || (f.isPublic ?? true) === pub : (f.isPublic ?? true) || (f.access ?? []).includes(req.projectId));
  for (const [param, field] of [['minDisk', 'disk'], ['minRam', 'ram']] as const) {
    const text = q.get(param);
    if (text === null) continue;
    const min = Number(text);
    if (!Number.isInteger(min) || min < 0) return err(req, 400, `Invalid input for query parameters ${param}. Value: ${text}. '${text}' is not a valid value`);
    flavors = flavors.filter((f) => f[field] >= min);
  }
  const key = q.get('sort_key') ?? 'flavorid';
  const field = key === 'flavorid' || key === 'id' ? 'id' : key === 'memory_mb' ? 'ram' : key === 'root_gb' ? 'disk' : (key as keyof typeof flavors[number]);
  const direction = (q.get('sort_dir') ?? 'asc') === 'desc' ? -1 : 1;
  flavors.sort((a, b) => {
    const x = a[field];
    const y = b[field];
    return direction * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
  const marker = q.get('marker');
  if (marker !== null) {
    const index = flavors.findIndex((f) => f.id === marker);
    if (index < 0) return err(req, 400, `marker [${marker}] not found`);
    flavors = flavors.slice(index + 1);
  }
  const limitText = q.get('limit');
  if (limitText !== null) {
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) return err(req, 400, `Invalid input for query parameters limit. Value: ${limitText}. '${limitText}' does not match '^[0-9]*$'`);
    flavors = flavors.slice(0, limit);
  }
  return ok(req, 200, { flavors: flavors.map((f) => flavorView(req, f.id, detail)) });
}

export function showFlavor(req: NovaRequest, id: string): Reply {
  if (!visibleFlavor(req, id)) return err(req, 404, `Flavor ${id} could not be found.`);
  return ok(req, 200, { flavor: flavorView(req, id, true) });
}
