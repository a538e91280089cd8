/**
 * The server actions that make images: createImage and createBackup (a glance snapshot saved while
 * the server is in task state `image_snapshot`/`image_backup`; from 2.45 the answer carries
 * `image_id` instead of a Location header), and shelve/unshelve (a `<name>-shelved` snapshot, then
 * SHELVED_OFFLOADED as nova's default `shelved_offload_time = 0` does; the snapshot is deleted on
 * unshelve).
 *
 * @example
 * case 'createImage': return createImage(req, server, arg);
 */
import type { Reply } from '../core.js';
import { createSnapshotImage } from '../images.js';
import type { ServerRecord } from '../state.js';
import { begin, busy, conflict } from './actions.js';
import { recordAction } from './instance-actions.js';
import { at, err, type NovaRequest, ok, pyRepr } from './request.js';

const SNAPSHOT_FROM = ['active', 'stopped', 'paused', 'suspended'];

function invalid(req: NovaRequest, field: string, value: unknown, why: string): Reply {
  return err(req, 400, `Invalid input for field/attribute ${field}. Value: ${pyRepr(value)}. ${why}`);
}

/** Checks a metadata object as nova's schema does (string keys 1–255, string values up to 255). */
export function metadataProblem(req: NovaRequest, field: string, metadata: unknown): Reply | undefined {
  if (metadata === undefined) return undefined;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return invalid(req, field, metadata, `${pyRepr(metadata)} is not of type 'object'`);
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length < 1 || key.length > 255) return invalid(req, field, metadata, `Additional properties are not allowed ('${key}' was unexpected)`);
    if (typeof value !== 'string') return invalid(req, `${field}/${key}`, value, `${pyRepr(value)} is not of type 'string'`);
    if (value.length > 255) return invalid(req, `${field}/${key}`, value, `'${value}' is too long`);
  }
  return undefined;
}

function imageName(req: NovaRequest, action: string, spec: Record<string, unknown>): Reply | string {
  const name = spec.name;
  if (name === undefined) return invalid(req, action, spec, "'name' is a required property");
  if (typeof name !== 'string') return invalid(req, `${action}/name`, name, `${pyRepr(name)} is not of type 'string'`);
  if (name.length > 255) return invalid(req, `${action}/name`, name, `'${name}' is too long`);
  if (name.trim() === '') return invalid(req, `${action}/name`, name, `'${name}' does not match '^(?! )[\\\\S ]*(?<! )$'`);
  return name;
}

function imageCreated(req: NovaRequest, imageId: string): Reply {
  if (at(req, '2.45')) return ok(req, 202, { image_id: imageId });
  return ok(req, 202, undefined, { Location: `${req.core.roots.image}/v2/images/${imageId}` });
}

function snapshot(req: NovaRequest, server: ServerRecord, kind: 'snapshot' | 'backup', name: string, extra: Record<string, string>, rotation?: number): string {
  const { core, ctx } = req;
  const savedAt = ctx.now + core.buildTimeMs;
  const image = createSnapshotImage(core, { server, name, imageType: kind, now: ctx.now, savedAt, extra });
  if (rotation !== undefined) image.rotation = rotation;
  server.pending = { kind: 'transition', endsAt: savedAt, vmState: server.vmState, powerState: server.powerState };
  server.taskState = kind === 'backup' ? 'image_backup' : 'image_snapshot';
  server.updatedAt = ctx.now;
  recordAction(req, server, kind === 'backup' ? 'createBackup' : 'createImage', kind === 'backup' ? 'compute_backup_instance' : 'compute_snapshot_instance', savedAt);
  return image.id;
}

/**
 * `createImage`: snapshots the server into a private glance image.
 *
 * @example
 * createImage(req, server, { name: 'snap', metadata: { purpose: 'test' } });
 */
export function createImage(req: NovaRequest, server: ServerRecord, arg: unknown): Reply {
  const spec = (arg ?? {}) as Record<string, unknown>;
  if (typeof arg !== 'object' || arg === null) return invalid(req, 'createImage', arg, `${pyRepr(arg)} is not of type 'object'`);
  const name = imageName(req, 'createImage', spec);
  if (typeof name !== 'string') return name;
  const problem = metadataProblem(req, 'metadata', spec.metadata);
  if (problem) return problem;
  if (!SNAPSHOT_FROM.includes(server.vmState) || busy(server)) return conflict(req, server, 'createImage');
  return imageCreated(req, snapshot(req, server, 'snapshot', name, (spec.metadata as Record<string, string> | undefined) ?? {}));
}

/**
 * `createBackup`: a snapshot with `backup_type`, keeping the newest `rotation` backups of that type.
 *
 * @example
 * createBackup(req, server, { name: 'b1', backup_type: 'daily', rotation: 2 });
 */
export function createBackup(req: NovaRequest, server: ServerRecord, arg: unknown): Reply {
  if (typeof arg !== 'object' || arg === null) return invalid(req, 'createBackup', arg, `${pyRepr(arg)} is not of type 'object'`);
  const spec = arg as Record<string, unknown>;
  const name = imageName(req, 'createBackup', spec);
  if (typeof name !== 'string') return name;
  for (const required of ['backup_type', 'rotation']) {
    if (spec[required] === undefined) return invalid(req, 'createBackup', spec, `'${required}' is a required property`);
  }
  if (typeof spec.backup_type !== 'string') return invalid(req, 'createBackup/backup_type', spec.backup_type, `${pyRepr(spec.backup_type)} is not of type 'string'`);
  const rotation = typeof spec.rotation === 'string' && /^\d+$/.test(spec.rotation) ? Number(spec.rotation) : spec.rotation;
  if (typeof rotation !== 'number' || !Number.isInteger(rotation) || rotation < 0) return invalid(req, 'createBackup/rotation', spec.rotation, `${pyRepr(spec.rotation)} is not valid under any of the given schemas`);
  const problem = metadataProblem(req, 'metadata', spec.metadata);
  if (problem) return problem;
  if (!SNAPSHOT_FROM.includes(server.vmState) || busy(server)) return conflict(req, server, 'createBackup');
  const extra = { ...((spec.metadata as Record<string, string> | undefined) ?? {}), backup_type: spec.backup_type };
  return imageCreated(req, snapshot(req, server, 'backup', name, extra, rotation));
}

/**
 * `shelve`: snapshot, then SHELVED_OFFLOADED (no host, so no hostId).
 *
 * @example
 * shelve(req, server); // 202
 */
export function shelve(req: NovaRequest, server: ServerRecord): Reply {
  const { core, ctx } = req;
  if (!SNAPSHOT_FROM.includes(server.vmState) || busy(server)) return conflict(req, server, 'shelve');
  const image = createSnapshotImage(core, { server, name: `${server.name}-shelved`, imageType: 'snapshot', now: ctx.now, savedAt: ctx.now + core.shortMs });
  server.shelvedImageId = image.id;
  begin(req, server, { verb: 'shelve', from: [], task: 'shelving', to: 'shelved_offloaded', power: 4, action: 'shelve', event: 'compute_shelve_instance' }, core.shortMs);
  return ok(req, 202);
}

/**
 * `unshelve`: back to ACTIVE; the shelve snapshot is deleted. From 2.77 the body may name an
 * availability zone.
 *
 * @example
 * unshelve(req, server, null); // 202
 */
export function unshelve(req: NovaRequest, server: ServerRecord, arg: unknown): Reply {
  const { core } = req;
  if (arg !== null && arg !== undefined) {
    if (!at(req, '2.77')) return invalid(req, 'unshelve', arg, `${pyRepr(arg)} is not of type 'null'`);
    if (typeof arg !== 'object') return invalid(req, 'unshelve', arg, `${pyRepr(arg)} is not of type 'object', 'null'`);
    const zone = (arg as { availability_zone?: unknown }).availability_zone;
    if (zone !== undefined && zone !== null && zone !== 'nova') return err(req, 400, `The requested availability zone is not available`);
  }
  if (server.vmState !== 'shelved' && server.vmState !== 'shelved_offloaded') return conflict(req, server, 'unshelve');
  if (busy(server)) return conflict(req, server, 'unshelve');
  if (server.shelvedImageId) core.state.images.delete(server.shelvedImageId);
  server.shelvedImageId = null;
  begin(req, server, { verb: 'unshelve', from: [], task: 'unshelving', to: 'active', power: 1, action: 'unshelve', event: 'compute_unshelve_instance' }, core.shortMs);
  return ok(req, 202);
}
