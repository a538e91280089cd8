/**
 * Nova's admin flavor routes: create (`POST /flavors`), delete, the description (`PUT /flavors/{id}`, 2.55+),
 * extra specs (`/flavors/{id}/os-extra_specs[/{key}]`) and project access to private flavors
 * (`GET /flavors/{id}/os-flavor-access`, `addTenantAccess`/`removeTenantAccess` actions). A member gets nova's
 * policy 403; reading extra specs is open to anyone who sees the flavor.
 *
 * @example
 * const reply = flavorAdmin(req); if (reply) return reply;
 */
import { match, type Reply } from '../core.js';
import type { FlavorRecord } from '../state.js';
import { pyRepr, uuid } from '../util.js';
import { flavorView, isAdmin, visibleFlavor } from './flavors.js';
import { at, err, type NovaRequest, ok } from './request.js';

const policy = (req: NovaRequest, rule: string) => err(req, 403, `Policy doesn't allow os_compute_api:${rule} to be performed.`);
const notFound = (req: NovaRequest, id: string) => err(req, 404, `Flavor ${id} could not be found.`);

function accessView(f: FlavorRecord) {
  return { flavor_access: (f.access ?? []).map((tenant) => ({ flavor_id: f.id, tenant_id: tenant })) };
}

function createFlavor(req: NovaRequest): Reply {
  if (!isAdmin(req)) return policy(req, 'os-flavor-manage:create');
  const spec = (req.ctx.body as { flavor?: Record<string, unknown> } | undefined)?.flavor;
  const bad = (field: string, why: string) => err(req, 400, `Invalid input for field/attribute ${field}. Value: ${pyRepr(spec?.[field])}. ${why}`);
  if (!spec || typeof spec.name !== 'string' || !spec.name.trim()) return err(req, 400, "Invalid input for field/attribute flavor. 'name' is a required property");
  for (const field of ['ram', 'vcpus']) if (!Number.isInteger(spec[field]) || (spec[field] as number) < 1) return bad(field, `${pyRepr(spec[field])} is less than the minimum of 1`);
  for (const field of ['disk', 'OS-FLV-EXT-DATA:ephemeral', 'swap']) {
    if (spec[field] !== undefined && (!Number.isInteger(spec[field]) || (spec[field] as number) < 0)) return bad(field, `${pyRepr(spec[field])} is less than the minimum of 0`);
  }
  if (spec.disk === undefined) return err(req, 400, "Invalid input for field/attribute flavor. 'disk' is a required property");
  if (spec.description !== undefined && !at(req, '2.55')) return err(req, 400, "Invalid input for field/attribute flavor. Additional properties are not allowed ('description' was unexpected)");
  const flavors = req.core.state.flavors;
  const id = spec.id === undefined || spec.id === null ? uuid(req.core.rng) : String(spec.id);
  if (flavors.has(id)) return err(req, 409, `Flavor with ID ${id} already exists.`);
  if ([...flavors.values()].some((f) => f.name === spec.name)) return err(req, 409, `Flavor with name ${spec.name} already exists.`);
  const isPublic = spec['os-flavor-access:is_public'] === undefined ? true : Boolean(spec['os-flavor-access:is_public']);
  flavors.set(id, {
    id, name: spec.name, ram: spec.ram as number, vcpus: spec.vcpus as number, disk: spec.disk as number,
    swap: (spec.swap as number | undefined) ?? 0, ephemeral: (spec['OS-FLV-EXT-DATA:ephemeral'] as number | undefined) ?? 0, isPublic,
    description: typeof spec.description === 'string' ? spec.description : null, extraSpecs: {}, access: [],
  });
  return ok(req, 200, { flavor: flavorView(req, id, true) });
}

function extraSpecs(req: NovaRequest, f: FlavorRecord, key: string | undefined): Reply {
  const m = req.ctx.method;
  const specs = (f.extraSpecs ??= {});
  if (m === 'GET') {
    if (key === undefined) return ok(req, 200, { extra_specs: { ...specs } });
    return key in specs ? ok(req, 200, { [key]: specs[key] }) : err(req, 404, `Flavor ${f.id} has no extra specs with key ${key}.`);
  }
  if (!isAdmin(req)) return policy(req, `os-flavor-extra-specs:${m === 'DELETE' ? 'delete' : m === 'PUT' ? 'update' : 'create'}`);
  if (m === 'DELETE' && key !== undefined) {
    if (!(key in specs)) return err(req, 404, `Flavor ${f.id} has no extra specs with key ${key}.`);
    delete specs[key];
    return ok(req, 200);
  }
  const body = (req.ctx.body ?? {}) as Record<string, unknown>;
  const given = (key === undefined ? body.extra_specs : body) as Record<string, unknown> | undefined;
  if (!given || typeof given !== 'object' || Object.values(given).some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    return err(req, 400, `Invalid input for field/attribute extra_specs. Value: ${pyRepr(given)}. 'extra_specs' is a required property`);
  }
  if (key !== undefined && (Object.keys(given).length !== 1 || !(key in given))) return err(req, 400, 'Request body and URI mismatch');
  for (const [k, v] of Object.entries(given)) specs[k] = String(v);
  return ok(req, 200, key === undefined ? { extra_specs: Object.fromEntries(Object.entries(given).map(([k, v]) => [k, String(v)])) } : { [key]: String(given[key]) });
}

function flavorAction(req: NovaRequest, f: FlavorRecord): Reply {
  const body = (req.ctx.body ?? {}) as Record<string, { tenant?: unknown } | undefined>;
  const action = Object.keys(body)[0] ?? '';
  if (action !== 'addTenantAccess' && action !== 'removeTenantAccess') return err(req, 400, `There is no such action: ${action}`);
  if (!isAdmin(req)) return policy(req, `os-flavor-access:${action === 'addTenantAccess' ? 'add_tenant_access' : 'remove_tenant_access'}`);
  const tenant = body[action]?.tenant;
  if (typeof tenant !== 'string' || !tenant) return err(req, 400, `Invalid input for field/attribute ${action}. 'tenant' is a required property`);
  const access = (f.access ??= []);
  if (action === 'addTenantAccess') {
    if (f.isPublic ?? true) return err(req, 409, 'Can not add access to a public flavor.');
    if (access.includes(tenant)) return err(req, 409, `Flavor access already exists for flavor ${f.id} and project ${tenant} combination.`);
    access.push(tenant);
  } else {
    if (!access.includes(tenant)) return err(req, 404, `Flavor access not found for ${f.id} / ${tenant} combination.`);
    access.splice(access.indexOf(tenant), 1);
  }
  return ok(req, 200, accessView(f));
}

/**
 * The admin flavor routes, or `undefined` for a request that is none of them (list and show are `flavors.ts`).
 *
 * @example
 * return flavorAdmin(req) ?? err(req, 404, 'The resource could not be found.');
 */
export function flavorAdmin(req: NovaRequest): Reply | undefined {
  const { rest } = req;
  const m = req.ctx.method;
  if (rest === '/flavors' && m === 'POST') return createFlavor(req);
  let p = match('/flavors/:id', rest);
  if (p && (m === 'DELETE' || m === 'PUT')) {
    const id = p.id ?? '';
    if (m === 'PUT' && !at(req, '2.55')) return err(req, 405, 'The method specified is not allowed for this resource.');
    if (!isAdmin(req)) return policy(req, `os-flavor-manage:${m === 'PUT' ? 'update' : 'delete'}`);
    const f = req.core.state.flavors.get(id);
    if (!f) return notFound(req, id);
    if (m === 'DELETE') {
      req.core.state.flavors.delete(id);
      return ok(req, 202);
    }
    const description = (req.ctx.body as { flavor?: { description?: unknown } } | undefined)?.flavor?.description;
    if (description !== null && typeof description !== 'string') return err(req, 400, "Invalid input for field/attribute flavor. 'description' is a required property");
    f.description = description;
    return ok(req, 200, { flavor: flavorView(req, id, true) });
  }
  p = match('/flavors/:id/os-extra_specs', rest) ?? match('/flavors/:id/os-extra_specs/:key', rest) ?? match('/flavors/:id/os-flavor-access', rest) ?? match('/flavors/:id/action', rest);
  if (!p) return undefined;
  const f = visibleFlavor(req, p.id ?? '');
  if (!f) return notFound(req, p.id ?? '');
  if (rest.includes('/os-extra_specs')) return extraSpecs(req, f, p.key);
  if (rest.endsWith('/os-flavor-access')) {
    if (m !== 'GET') return err(req, 405, 'The method specified is not allowed for this resource.');
    if (!isAdmin(req)) return policy(req, 'os-flavor-access');
    if (f.isPublic ?? true) return err(req, 404, 'Access list not available for public flavors.');
    return ok(req, 200, accessView(f));
  }
  if (m !== 'POST') return err(req, 405, 'The method specified is not allowed for this resource.');
  return flavorAction(req, f);
}
