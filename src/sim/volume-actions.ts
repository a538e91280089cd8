/**
 * Simulated cinder volume actions beyond `os-set_bootable`: `os-extend` (available volumes on every version;
 * attached ones from 3.42), `os-retype` (to a type by name or id, with a migration policy) and
 * `os-update_readonly_flag` (shown as the `readonly` metadata key). Extend and retype pass through
 * `extending`/`retyping` on the volume's timeline; the `volume.extend` failure knob ends an extend in
 * `error_extending`, as cinder's driver failures do.
 *
 * @example
 * const reply = volumeAction(core, ctx, sub, mine, mv); if (reply) return withHeaders(reply);
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { VolumeRecord } from './state.js';
import { compareVersions } from './util.js';
import { findVolumeType, volumeTypeNotFound } from './volume-types.js';

const bad = (core: SimCore, message: string): Reply => core.errorReply('volume', 400, undefined, message);

function truthy(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.toLowerCase();
  if (['true', 't', '1', 'yes', 'y', 'on'].includes(text)) return true;
  if (['false', 'f', '0', 'no', 'n', 'off'].includes(text)) return false;
  return undefined;
}

/** The status a volume goes back to after an extend or retype. */
const settled = (v: VolumeRecord): string => (v.attachments.length > 0 ? 'in-use' : 'available');

function extend(core: SimCore, ctx: Ctx, volume: VolumeRecord, spec: unknown, mv: string): Reply {
  const newSize = Number((spec as { new_size?: unknown } | null)?.new_size);
  if (!Number.isInteger(newSize)) return bad(core, `Invalid input for field/attribute new_size. Value: ${String((spec as { new_size?: unknown } | null)?.new_size)}.`);
  const inUseAllowed = compareVersions(mv, '3.42') >= 0;
  const allowed = inUseAllowed ? ['available', 'in-use'] : ['available'];
  if (!allowed.includes(volume.status)) {
    return bad(core, `Invalid volume: Volume ${volume.id} status must be ${allowed.map((s) => `'${s}'`).join(' or ')} to extend, currently ${volume.status}.`);
  }
  if (newSize <= volume.size) return bad(core, `Invalid input received: New size for extend must be greater than current size. (current: ${volume.size}, extended: ${newSize}).`);
  const failing = core.shouldFail('volume.extend');
  const back = volume.status;
  volume.status = 'extending';
  volume.updatedAt = ctx.now;
  volume.timeline = [failing ? { at: ctx.now + core.shortMs, status: 'error_extending' } : { at: ctx.now + core.shortMs, status: back, set: { size: newSize } }];
  return { status: 202 };
}

function retype(core: SimCore, ctx: Ctx, volume: VolumeRecord, spec: unknown): Reply {
  const body = (spec ?? {}) as { new_type?: unknown; migration_policy?: unknown };
  if (typeof body.new_type !== 'string') return bad(core, "Invalid input for field/attribute os-retype. 'new_type' is a required property");
  const policy = body.migration_policy ?? 'never';
  if (policy !== 'never' && policy !== 'on-demand') return bad(core, `Invalid input received: Migration policy must be "never" or "on-demand", not ${String(policy)}.`);
  const type = findVolumeType(core, body.new_type);
  if (!type) return volumeTypeNotFound(core, body.new_type);
  const current = volume.volumeType ?? (findVolumeType(core, '__DEFAULT__') ? '__DEFAULT__' : null);
  if (!['available', 'in-use'].includes(volume.status) || current === type.name) {
    return bad(core, 'Invalid volume: Retype needs volume to be in available or in-use state, not be part of an active migration or a consistency group, requested type has to be different that the one from the volume, and for in-use volumes front-end qos specs cannot change.');
  }
  volume.status = 'retyping';
  volume.updatedAt = ctx.now;
  volume.timeline = [{ at: ctx.now + core.shortMs, status: settled(volume), set: { volumeType: type.name } }];
  return { status: 202 };
}

/**
 * Handles `POST /volumes/{id}/action` for extend, retype and the read-only flag; undefined for other paths and
 * actions (left to `volumeExtras`).
 *
 * @example
 * volumeAction(core, ctx, '/volumes/v/action', mine, '3.70');
 */
export function volumeAction(core: SimCore, ctx: Ctx, sub: string, mine: VolumeRecord[], mv: string): Reply | undefined {
  const p = match('/volumes/:id/action', sub);
  if (!p || ctx.method !== 'POST') return undefined;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const known = ['os-extend', 'os-retype', 'os-update_readonly_flag'].find((k) => k in body);
  if (!known) return undefined;
  const volume = mine.find((v) => v.id === p.id);
  if (!volume) return core.errorReply('volume', 404, undefined, `Volume ${p.id} could not be found.`);
  if (known === 'os-extend') return extend(core, ctx, volume, body[known], mv);
  if (known === 'os-retype') return retype(core, ctx, volume, body[known]);
  const flag = truthy((body[known] as { readonly?: unknown } | null)?.readonly);
  if (flag === undefined) return bad(core, "Invalid input for field/attribute readonly. Value: None. None is not of type 'boolean'");
  volume.readonly = flag;
  volume.updatedAt = ctx.now;
  return { status: 202 };
}
