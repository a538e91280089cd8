/**
 * Simulated cinder volume types (`/types`, every API version): members list and show them; type management
 * (create, update, delete, extra specs) is an admin call, refused with cinder's policy 403 unless the
 * `volumeAdmin` knob is on. Also the lookup a volume create or retype does by type name or id.
 *
 * @example
 * const reply = routeVolumeTypes(core, ctx, sub); if (reply) return withHeaders(reply);
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { VolumeTypeRecord } from './state.js';
import { uuid } from './util.js';
import { isAdminToken } from './quotas.js';

const fail = (core: SimCore, status: number, message: string): Reply => core.errorReply('volume', status, undefined, message);

/**
 * The type a volume create or retype names (by name or id), or undefined.
 *
 * @example
 * const type = findVolumeType(core, 'fast');
 */
export function findVolumeType(core: SimCore, nameOrId: string): VolumeTypeRecord | undefined {
  const types = [...core.state.volumeTypes.values()];
  return types.find((t) => t.id === nameOrId) ?? types.find((t) => t.name === nameOrId);
}

/** cinder's 404 for a type named in a create or retype. */
export function volumeTypeNotFound(core: SimCore, name: string): Reply {
  return fail(core, 404, `Volume type with name ${name} could not be found.`);
}

/** cinder's policy refusal for a member (the `admin` user, or anyone with the `volumeAdmin` knob, may). */
export function adminOnly(core: SimCore, ctx: Ctx, rule: string): Reply | undefined {
  const token = core.tokenOf(ctx);
  if (core.knobs.volumeAdmin || (token && isAdminToken(core, token))) return undefined;
  return fail(core, 403, `Policy doesn't allow ${rule} to be performed.`);
}

function view(t: VolumeTypeRecord): Record<string, unknown> {
  return { id: t.id, name: t.name, is_public: t.isPublic, 'os-volume-type-access:is_public': t.isPublic, description: t.description, extra_specs: t.extraSpecs };
}

/**
 * Handles `/types…` below a cinder project; undefined when `sub` is not a type path.
 *
 * @example
 * const reply = routeVolumeTypes(core, ctx, sub); if (reply) return withHeaders(reply);
 */
export function routeVolumeTypes(core: SimCore, ctx: Ctx, sub: string): Reply | undefined {
  const { method } = ctx;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (sub === '/types' && method === 'GET') {
    const isPublic = ctx.query.get('is_public');
    const types = [...core.state.volumeTypes.values()].filter((t) => isPublic === null || String(t.isPublic) === isPublic.toLowerCase());
    return { status: 200, body: { volume_types: types.map((t) => view(t)) } };
  }
  if (sub === '/types' && method === 'POST') {
    const refused = adminOnly(core, ctx, 'volume_extension:types_manage');
    if (refused) return refused;
    const spec = body.volume_type as Record<string, unknown> | undefined;
    if (!spec || typeof spec.name !== 'string' || !spec.name.trim()) return fail(core, 400, 'Invalid input received: Volume type name can not be empty.');
    if ([...core.state.volumeTypes.values()].some((t) => t.name === spec.name)) return fail(core, 409, `Volume Type ${spec.name} already exists.`);
    const type: VolumeTypeRecord = {
      id: uuid(core.rng), name: spec.name, description: typeof spec.description === 'string' ? spec.description : null,
      isPublic: spec['os-volume-type-access:is_public'] !== false && spec.is_public !== false, extraSpecs: (spec.extra_specs as Record<string, string> | undefined) ?? {},
    };
    core.state.volumeTypes.set(type.id, type);
    return { status: 200, body: { volume_type: view(type) } };
  }
  const p = match('/types/:id', sub) ?? match('/types/:id/extra_specs', sub) ?? match('/types/:id/extra_specs/:key', sub);
  if (!p || p.id === undefined) return undefined;
  const type = p.id === 'default' ? findVolumeType(core, '__DEFAULT__') : core.state.volumeTypes.get(p.id);
  if (!type) return fail(core, 404, `Volume type ${p.id} could not be found.`);
  if (sub === `/types/${p.id}`) {
    if (method === 'GET') return { status: 200, body: { volume_type: view(type) } };
    const refused = adminOnly(core, ctx, 'volume_extension:types_manage');
    if (refused) return refused;
    if (method === 'PUT') {
      const spec = (body.volume_type ?? {}) as Record<string, unknown>;
      if (typeof spec.name === 'string') type.name = spec.name;
      if (typeof spec.description === 'string') type.description = spec.description;
      if (typeof spec.is_public === 'boolean') type.isPublic = spec.is_public;
      return { status: 200, body: { volume_type: view(type) } };
    }
    if (method === 'DELETE') {
      const inUse = [...core.state.volumes.values()].some((v) => !v.gone && v.volumeType === type.name);
      if (inUse) return fail(core, 400, `Target volume type is still in use.`);
      core.state.volumeTypes.delete(type.id);
      return { status: 202 };
    }
    return undefined;
  }
  if (method === 'GET' && p.key === undefined) return { status: 200, body: { extra_specs: type.extraSpecs } };
  const refused = adminOnly(core, ctx, 'volume_extension:types_extra_specs:create');
  if (refused) return refused;
  if (method === 'POST' && p.key === undefined) {
    const specs = body.extra_specs as Record<string, string> | undefined;
    if (!specs || typeof specs !== 'object') return fail(core, 400, 'Malformed request body');
    type.extraSpecs = { ...type.extraSpecs, ...specs };
    return { status: 200, body: { extra_specs: specs } };
  }
  if (method === 'DELETE' && p.key !== undefined) {
    if (!(p.key in type.extraSpecs)) return fail(core, 404, `Volume Type ${type.id} has no extra specs with key ${p.key}.`);
    const { [p.key]: _gone, ...rest } = type.extraSpecs;
    type.extraSpecs = rest;
    return { status: 202 };
  }
  return undefined;
}
