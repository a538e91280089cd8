/**
 * Cinder beyond create/show/delete: list filters, sorting and paging, volume update, metadata,
 * `os-set_bootable`, and the volume summary (3.12+).
 *
 * @example
 * const reply = volumeExtras(core, ctx, { sub, projectId, mv, volumes }); if (reply) return reply;
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { VolumeRecord } from './state.js';
import { compareVersions } from './util.js';

type Json = Record<string, unknown>;

function bad(core: SimCore, message: string): Reply {
  return core.errorReply('volume', 400, undefined, `Invalid input received: ${message}`);
}

/** A cinder filter value such as `{'Type': 'work'}` or `{"a": "b"}`, read as an object. */
function parseDict(text: string): Record<string, string> | undefined {
  try {
    const value = JSON.parse(text.replace(/'/g, '"')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Filters, sorts (`sort=key:dir,…` or `sort_key`/`sort_dir`, default created_at desc) and pages a
 * volume list the way cinder does for a project member.
 *
 * @example
 * const page = listVolumes(core, ctx, volumes); if (!Array.isArray(page)) return page;
 */
export function listVolumes(core: SimCore, ctx: Ctx, volumes: VolumeRecord[]): VolumeRecord[] | Reply {
  const q = ctx.query;
  let out = volumes;
  const name = q.get('name') ?? q.get('display_name');
  if (name !== null) out = out.filter((v) => v.name === name);
  const status = q.get('status');
  if (status !== null) out = out.filter((v) => v.status === status);
  const bootable = q.get('bootable');
  if (bootable !== null) out = out.filter((v) => String(v.bootable ?? false) === bootable.toLowerCase());
  const zone = q.get('availability_zone');
  if (zone !== null) out = out.filter(() => zone === 'nova');
  const metadata = q.get('metadata');
  if (metadata !== null) {
    const wanted = parseDict(metadata);
    if (!wanted) return bad(core, `metadata ${metadata} is not a dict`);
    out = out.filter((v) => Object.entries(wanted).every(([k, value]) => v.metadata[k] === value));
  }
  const keys: Array<[string, number]> = [];
  const sort = q.get('sort');
  if (sort !== null) {
    for (const part of sort.split(',')) {
      const [key = '', dir = 'desc'] = part.split(':');
      keys.push([key, dir === 'asc' ? 1 : -1]);
    }
  } else if (q.get('sort_key') !== null) {
    keys.push([q.get('sort_key') ?? 'created_at', q.get('sort_dir') === 'asc' ? 1 : -1]);
  }
  keys.push(['created_at', -1], ['id', -1]);
  const field = (v: VolumeRecord, key: string): string | number => {
    switch (key) {
      case 'created_at': return v.createdAt;
      case 'updated_at': return v.updatedAt ?? 0;
      case 'size': return v.size;
      case 'name': case 'display_name': return v.name ?? '';
      case 'status': return v.status;
      default: return v.id;
    }
  };
  out = [...out].sort((a, b) => {
    for (const [key, dir] of keys) {
      const x = field(a, key);
      const y = field(b, key);
      if (x !== y) return dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    }
    return 0;
  });
  const marker = q.get('marker');
  if (marker !== null) {
    const index = out.findIndex((v) => v.id === marker);
    if (index < 0) return core.errorReply('volume', 404, undefined, `Marker ${marker} could not be found.`);
    out = out.slice(index + 1);
  }
  const limit = q.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 0) return bad(core, `Invalid input received: limit must be a non-negative integer`);
    out = out.slice(0, n);
  }
  return out;
}

/**
 * The routes below `/volumes/{id}` besides show and delete, plus `/volumes/summary`; undefined when
 * the request is not one of them.
 *
 * @example
 * volumeExtras(core, ctx, sub, mine, mv, render);
 */
export function volumeExtras(core: SimCore, ctx: Ctx, sub: string, mine: VolumeRecord[], mv: string, render: (v: VolumeRecord) => Json): Reply | undefined {
  const { method } = ctx;
  if (sub === '/volumes/summary' && method === 'GET') {
    if (compareVersions(mv, '3.12') < 0) return undefined;
    const summary: Json = { total_size: mine.reduce((n, v) => n + v.size, 0), total_count: mine.length };
    if (compareVersions(mv, '3.36') >= 0) summary.metadata = Object.fromEntries(mine.flatMap((v) => Object.entries(v.metadata)).map(([k, v]) => [k, [v]]));
    return { status: 200, body: { 'volume-summary': summary } };
  }
  const p = match('/volumes/:id', sub) ?? match('/volumes/:id/action', sub) ?? match('/volumes/:id/metadata', sub) ?? match('/volumes/:id/metadata/:key', sub);
  if (!p) return undefined;
  const volume = mine.find((v) => v.id === p.id);
  if (!volume) return core.errorReply('volume', 404, undefined, `Volume ${p.id} could not be found.`);
  const body = (ctx.body ?? {}) as Json;
  if (sub === `/volumes/${p.id}` && method === 'PUT') {
    const spec = body.volume as Json | undefined;
    if (!spec || typeof spec !== 'object') return bad(core, 'volume is a required property');
    for (const [key, field] of [['name', 'name'], ['display_name', 'name'], ['description', 'description'], ['display_description', 'description']] as const) {
      if (typeof spec[key] === 'string' || spec[key] === null) volume[field] = spec[key] as string | null;
    }
    if (spec.metadata && typeof spec.metadata === 'object') volume.metadata = { ...(spec.metadata as Record<string, string>) };
    volume.updatedAt = ctx.now;
    return { status: 200, body: { volume: render(volume) } };
  }
  if (sub.endsWith('/action') && method === 'POST') {
    if ('os-set_bootable' in body) {
      const value = (body['os-set_bootable'] as { bootable?: unknown } | undefined)?.bootable;
      const flag = typeof value === 'string' ? ['true', 't', '1', 'yes', 'y', 'on'].includes(value.toLowerCase()) : value === true;
      if (value === undefined || (typeof value !== 'boolean' && typeof value !== 'string')) return bad(core, 'Must specify bootable in request.');
      volume.bootable = flag;
      return { status: 200 };
    }
    return bad(core, `Invalid request to volume action.`);
  }
  if (sub.endsWith('/metadata') && sub === `/volumes/${p.id}/metadata`) {
    if (method === 'GET') return { status: 200, body: { metadata: volume.metadata } };
    const metadata = body.metadata;
    if (!metadata || typeof metadata !== 'object') return bad(core, 'Malformed request body');
    if (method === 'POST') volume.metadata = { ...volume.metadata, ...(metadata as Record<string, string>) };
    else if (method === 'PUT') volume.metadata = { ...(metadata as Record<string, string>) };
    else return undefined;
    return { status: 200, body: { metadata: volume.metadata } };
  }
  const key = p.key;
  if (key === undefined) return undefined;
  if (method === 'GET') {
    if (!(key in volume.metadata)) return core.errorReply('volume', 404, undefined, `Volume ${volume.id} has no metadata with key ${key}.`);
    return { status: 200, body: { meta: { [key]: volume.metadata[key] } } };
  }
  if (method === 'PUT') {
    const meta = body.meta as Record<string, string> | undefined;
    if (!meta || typeof meta !== 'object' || !(key in meta)) return bad(core, 'Request body and URI mismatch');
    if (Object.keys(meta).length > 1) return bad(core, 'Request body contains too many items');
    volume.metadata = { ...volume.metadata, [key]: meta[key] as string };
    return { status: 200, body: { meta: { [key]: meta[key] } } };
  }
  if (method === 'DELETE') {
    if (!(key in volume.metadata)) return core.errorReply('volume', 404, undefined, `Volume ${volume.id} has no metadata with key ${key}.`);
    const { [key]: _gone, ...rest } = volume.metadata;
    volume.metadata = rest;
    return { status: 200 };
  }
  return undefined;
}
