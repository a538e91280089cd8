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

export function listFlavors(req: NovaRequest, detail: boolean): Reply {
  const ids = [...req.core.state.flavors.keys()].sort();
  return ok(req, 200, { flavors: ids.map((id) => flavorView(req, id, detail)) });
}

export function showFlavor(req: NovaRequest, id: string): Reply {
  if (!req.core.state.flavors.has(id)) return err(req, 404, `Flavor ${id} could not be found.`);
  return ok(req, 200, { flavor: flavorView(req, id, true) });
}
