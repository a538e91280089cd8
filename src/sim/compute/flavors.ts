/**
 * Nova flavors: list (summary or detail), show.
 *
 * @example
 * if (rest === '/flavors' && m === 'GET') return listFlavors(req, false);
 */
import type { Reply } from '../core.js';
import { at, err, type NovaRequest, ok } from './request.js';

function flavorLinks(req: NovaRequest, id: string): unknown[] {
  return [{ rel: 'self', href: `${req.apiBase}/flavors/${id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/flavors/${id}` }];
}

function flavorView(req: NovaRequest, id: string, detail: boolean): Record<string, unknown> {
  const f = req.core.state.flavors.get(id);
  if (!f) return {};
  const view: Record<string, unknown> = { id: f.id, name: f.name };
  if (detail) {
    Object.assign(view, {
      ram: f.ram, disk: f.disk, swap: at(req, '2.75') ? 0 : '', 'OS-FLV-EXT-DATA:ephemeral': 0, 'OS-FLV-DISABLED:disabled': false, vcpus: f.vcpus,
      'os-flavor-access:is_public': true, rxtx_factor: 1,
    });
  }
  view.links = flavorLinks(req, f.id);
  if (at(req, '2.55')) view.description = null;
  if (detail && at(req, '2.61')) view.extra_specs = {};
  return view;
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
  let flavors = [...req.core.state.flavors.values()];
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
  if (!req.core.state.flavors.has(id)) return err(req, 404, `Flavor ${id} could not be found.`);
  return ok(req, 200, { flavor: flavorView(req, id, true) });
}
