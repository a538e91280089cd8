/**
 * Simulated cinder backups (`/backups`, `/backups/detail`, `/backups/{id}`, `…/restore`) on every version, and
 * `os-services` (admins only: the `volumeAdmin` knob). Each era's rules: incremental backups from Kilo, `force`
 * and snapshot backups from Liberty (earlier clouds ignore the keys), rename from 3.9, metadata from 3.43.
 * With the `backupService: false` knob the cloud has no cinder-backup: a create answers 500 (before Pike) or
 * 503 (Pike, Queens), and from Train the create is accepted and the backup fails ("Service not found for
 * creating backup."), after which its delete answers 404 "Service cinder-backup could not be found.", as the
 * real Zed cloud does.
 *
 * @example
 * const reply = routeBackups({ core, ctx, major, mv, base, projectId, userId, sub }); if (reply) return withHeaders(reply);
 */
import { match, type Reply, type SimCore } from './core.js';
import { PROFILES, type ProfileName } from './profiles.js';
import type { BackupRecord, VolumeRecord } from './state.js';
import { compareVersions, microsNoZone, uuid } from './util.js';
import { adminOnly } from './volume-types.js';
import { createVolume, resolveVolume } from './volumes.js';
import { resolveSnapshot, type SnapshotRequest } from './volume-snapshots.js';

/** A cinder request after version and project routing (the same shape snapshots get). */
export type BackupRequest = SnapshotRequest;

const since = (core: SimCore, release: ProfileName) => PROFILES.indexOf(core.facts.name) >= PROFILES.indexOf(release);
const fail = (core: SimCore, status: number, message: string): Reply => core.errorReply('volume', status, undefined, message);
const NO_SERVICE = 'Service cinder-backup could not be found.';

function resolveBackup(b: BackupRecord, now: number): void {
  while (b.timeline.length > 0 && (b.timeline[0]?.at ?? Infinity) <= now) {
    const step = b.timeline.shift();
    if (!step) break;
    b.status = step.status;
    b.updatedAt = step.at;
    if (step.effect === 'gone') b.gone = true;
  }
}

function live(req: BackupRequest): BackupRecord[] {
  return [...req.core.state.backups.values()].filter((b) => {
    resolveBackup(b, req.ctx.now);
    return b.projectId === req.projectId && !b.gone;
  });
}

function liveVolume(req: BackupRequest, id: unknown): VolumeRecord | undefined {
  const v = typeof id === 'string' ? req.core.state.volumes.get(id) : undefined;
  if (v) resolveVolume(v, req.ctx.now);
  return v && !v.gone && v.projectId === req.projectId ? v : undefined;
}

function view(req: BackupRequest, b: BackupRecord, all: BackupRecord[]): Record<string, unknown> {
  const at = (version: string) => req.major === 'v3' && compareVersions(req.mv, version) >= 0;
  const out: Record<string, unknown> = {
    id: b.id, name: b.name, description: b.description, status: b.status, size: b.size, volume_id: b.volumeId, container: b.container,
    availability_zone: 'nova', fail_reason: b.failReason, object_count: b.status === 'available' ? 1 : 0, created_at: microsNoZone(b.createdAt),
    links: [{ rel: 'self', href: `${req.base}/backups/${b.id}` }],
  };
  if (since(req.core, 'kilo')) out.is_incremental = b.incremental;
  // Liberty added these; the first profile after it is Mitaka.
  if (since(req.core, 'mitaka')) {
    out.has_dependent_backups = all.some((x) => x.parentId === b.id);
    out.snapshot_id = b.snapshotId;
    out.updated_at = b.updatedAt === null ? null : microsNoZone(b.updatedAt);
    out.data_timestamp = microsNoZone(b.createdAt);
  }
  if (at('3.43')) out.metadata = b.metadata;
  if (at('3.56')) out.user_id = b.userId;
  return out;
}

function createBackup(req: BackupRequest): Reply {
  const { core, ctx } = req;
  const spec = (ctx.body as { backup?: Record<string, unknown> } | undefined)?.backup;
  if (!spec || typeof spec !== 'object') return fail(core, 400, "Missing required element 'backup' in request body.");
  const volume = liveVolume(req, spec.volume_id);
  if (!volume) return fail(core, 404, `Volume ${String(spec.volume_id)} could not be found.`);
  const liberty = since(core, 'mitaka');
  const force = liberty && (spec.force === true || spec.force === 'true');
  const snapshotId = liberty && typeof spec.snapshot_id === 'string' ? spec.snapshot_id : null;
  if (snapshotId) {
    const snapshot = core.state.snapshots.get(snapshotId);
    if (snapshot) resolveSnapshot(snapshot, ctx.now);
    if (!snapshot || snapshot.gone || snapshot.projectId !== req.projectId) return fail(core, 404, `Snapshot ${snapshotId} could not be found.`);
    if (snapshot.volumeId !== volume.id) return fail(core, 400, `Invalid volume: Volume ${volume.id} does not match with snapshot.volume_id ${snapshot.volumeId}.`);
  } else if (volume.status === 'in-use' && liberty) {
    if (!force) return fail(core, 400, 'Invalid volume: Backing up an in-use volume must use the force flag.');
  } else if (volume.status !== 'available') {
    return fail(core, 400, `Invalid volume: Volume to be backed up must be available${liberty ? ` or in-use, but the current status is "${volume.status}".` : ''}`);
  }
  const serviceUp = core.knobs.backupService !== false;
  if (!serviceUp && !since(core, 'train')) return fail(core, since(core, 'pike') ? 503 : 500, NO_SERVICE);
  const incremental = since(core, 'kilo') && (spec.incremental === true || spec.incremental === 'true');
  let parentId: string | null = null;
  if (incremental) {
    const parents = live(req).filter((b) => b.volumeId === volume.id).sort((a, b) => b.createdAt - a.createdAt);
    const parent = parents[0];
    if (!parent) return fail(core, 400, 'Invalid backup: No backups available to do an incremental backup.');
    if (parent.status !== 'available') return fail(core, 400, 'Invalid backup: The parent backup must be available for incremental backup.');
    parentId = parent.id;
  }
  const now = ctx.now;
  const failing = !serviceUp || core.shouldFail('backup.create');
  const backup: BackupRecord = {
    id: uuid(core.rng), volumeId: volume.id, snapshotId, name: typeof spec.name === 'string' ? spec.name : null,
    description: typeof spec.description === 'string' ? spec.description : null, size: volume.size, projectId: req.projectId, userId: req.userId,
    status: 'creating', timeline: [{ at: now + core.shortMs, status: failing ? 'error' : 'available' }], createdAt: now, updatedAt: null,
    incremental, parentId, container: typeof spec.container === 'string' ? spec.container : 'volumebackups',
    failReason: serviceUp ? (failing ? 'simulated backup failure' : null) : 'Service not found for creating backup.',
    metadata: compareVersions(req.mv, '3.43') >= 0 && spec.metadata && typeof spec.metadata === 'object' ? (spec.metadata as Record<string, string>) : {},
  };
  core.state.backups.set(backup.id, backup);
  if (serviceUp && !snapshotId) {
    const back = volume.status;
    volume.status = 'backing-up';
    volume.timeline = [{ at: now + core.shortMs, status: back }];
  }
  return { status: 202, body: { backup: { id: backup.id, name: backup.name, links: [{ rel: 'self', href: `${req.base}/backups/${backup.id}` }] } } };
}

function restoreBackup(req: BackupRequest, backup: BackupRecord): Reply {
  const { core, ctx } = req;
  const spec = ((ctx.body as { restore?: Record<string, unknown> } | undefined)?.restore ?? {}) as Record<string, unknown>;
  if (backup.status !== 'available') return fail(core, 400, 'Invalid backup: Backup status must be available');
  let volume: VolumeRecord | undefined;
  if (spec.volume_id !== undefined && spec.volume_id !== null) {
    volume = liveVolume(req, spec.volume_id);
    if (!volume) return fail(core, 404, `Volume ${String(spec.volume_id)} could not be found.`);
    if (volume.status !== 'available') return fail(core, 400, 'Invalid volume: Volume to be restored to must be available');
    if (backup.size > volume.size) return fail(core, 400, `Invalid volume: volume size ${volume.size} is too small to restore backup of size ${backup.size}.`);
  }
  if (core.knobs.backupService === false) return fail(core, 404, NO_SERVICE);
  const now = ctx.now;
  if (!volume) {
    volume = createVolume(core, {
      size: backup.size, name: typeof spec.name === 'string' ? spec.name : `restore_backup_${backup.id}`, description: 'auto-created_from_restore_from_backup',
      projectId: req.projectId, userId: req.userId,
    }, now);
  }
  volume.status = 'restoring-backup';
  volume.timeline = [{ at: now + core.shortMs, status: core.shouldFail('backup.restore') ? 'error_restoring' : 'available' }];
  backup.status = 'restoring';
  backup.timeline = [{ at: now + core.shortMs, status: 'available' }];
  return { status: 202, body: { restore: { backup_id: backup.id, volume_id: volume.id, volume_name: volume.name } } };
}

function listBackups(req: BackupRequest, detail: boolean): Reply {
  const q = req.ctx.query;
  const all = live(req);
  const out = all
    .filter((b) => (q.get('name') === null || b.name === q.get('name')) && (q.get('status') === null || b.status === q.get('status'))
      && (q.get('volume_id') === null || b.volumeId === q.get('volume_id')))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  return { status: 200, body: { backups: out.map((b) => (detail ? view(req, b, all) : { id: b.id, name: b.name, links: [{ rel: 'self', href: `${req.base}/backups/${b.id}` }] })) } };
}

/**
 * Handles `/backups…` and `/os-services` below a cinder project; undefined for other paths.
 *
 * @example
 * routeBackups(req)
 */
export function routeBackups(req: BackupRequest): Reply | undefined {
  const { core, ctx, sub } = req;
  const method = ctx.method;
  if (sub === '/os-services' && method === 'GET') {
    const refused = adminOnly(core, ctx, 'volume_extension:services:index');
    if (refused) return refused;
    const updated = microsNoZone(ctx.now);
    const services = [
      { binary: 'cinder-scheduler', host: 'sim' }, { binary: 'cinder-volume', host: 'sim@fake' },
      ...(core.knobs.backupService === false ? [] : [{ binary: 'cinder-backup', host: 'sim' }]),
    ].map((s) => ({ ...s, zone: 'nova', status: 'enabled', state: 'up', updated_at: updated }));
    const binary = ctx.query.get('binary');
    return { status: 200, body: { services: services.filter((s) => binary === null || s.binary === binary) } };
  }
  if ((sub === '/backups' || sub === '/backups/detail') && method === 'GET') return listBackups(req, sub.endsWith('/detail'));
  if (sub === '/backups' && method === 'POST') return createBackup(req);
  const p = match('/backups/:id', sub) ?? match('/backups/:id/restore', sub);
  if (!p?.id || p.id === 'detail') return undefined;
  const all = live(req);
  const backup = all.find((b) => b.id === p.id);
  if (!backup) return fail(core, 404, `Backup ${p.id} could not be found.`);
  if (sub.endsWith('/restore')) return method === 'POST' ? restoreBackup(req, backup) : undefined;
  if (method === 'GET') return { status: 200, body: { backup: view(req, backup, all) } };
  if (method === 'PUT') {
    if (req.major !== 'v3' || compareVersions(req.mv, '3.9') < 0) return fail(core, 404, 'The resource could not be found.');
    const spec = ((ctx.body as { backup?: Record<string, unknown> } | undefined)?.backup ?? {}) as Record<string, unknown>;
    if (typeof spec.name === 'string') backup.name = spec.name;
    if (typeof spec.description === 'string') backup.description = spec.description;
    if (compareVersions(req.mv, '3.43') >= 0 && spec.metadata && typeof spec.metadata === 'object') backup.metadata = spec.metadata as Record<string, string>;
    backup.updatedAt = ctx.now;
    return { status: 200, body: { backup: view(req, backup, all) } };
  }
  if (method === 'DELETE') {
    if (backup.status !== 'available' && backup.status !== 'error') return fail(core, 400, 'Invalid backup: Backup status must be available or error');
    if (all.some((b) => b.parentId === backup.id)) return fail(core, 400, 'Invalid backup: Incremental backups exist for this backup.');
    if (core.knobs.backupService === false) return fail(core, 404, NO_SERVICE);
    backup.status = 'deleting';
    backup.updatedAt = ctx.now;
    backup.timeline = [{ at: ctx.now + core.shortMs, status: 'deleted', effect: 'gone' }];
    return { status: 202 };
  }
  return undefined;
}
