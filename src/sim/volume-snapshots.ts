/**
 * Simulated cinder volume snapshots on v1, v2 and v3 (`/snapshots`, `/snapshots/detail`,
 * `/snapshots/{id}`), plus the two rules snapshots impose on volumes: a volume with snapshots cannot
 * be deleted, and a volume can be created from an available snapshot. Messages follow the era of the
 * profile (they changed in Kilo, Mitaka, Newton, Pike, Queens and Zed).
 *
 * @example
 * const reply = routeSnapshots({ ctx, core, major: 'v3', mv: '3.0', base, projectId, userId, sub: '/snapshots' });
 */
import type { Ctx, Reply, SimCore } from './core.js';
import { match } from './core.js';
import { PROFILES, type ProfileName } from './profiles.js';
import type { SnapshotRecord, VolumeRecord } from './state.js';
import { compareVersions, microsNoZone, microsPrecise, pyRepr, uuid } from './util.js';
import { resolveVolume } from './volumes.js';

/** A cinder request after version and project routing. */
export interface SnapshotRequest {
  ctx: Ctx;
  core: SimCore;
  /** 'v1', 'v2' or 'v3' */
  major: string;
  /** the v3 microversion in effect ('3.0' on v1 and v2) */
  mv: string;
  /** `<root>/<major>/<project>`: the base of self and next links */
  base: string;
  projectId: string;
  userId: string;
  /** the path below the project, e.g. `/snapshots/detail` */
  sub: string;
}

/** Whether the profile's release is `release` or newer. */
function since(core: SimCore, release: ProfileName): boolean {
  return PROFILES.indexOf(core.facts.name) >= PROFILES.indexOf(release);
}

const fail = (core: SimCore, status: number, message: string): Reply => core.errorReply('volume', status, undefined, message);


/**
 * Applies every timeline step of a snapshot whose time has come.
 *
 * @example
 * resolveSnapshot(snapshot, Date.now()); snapshot.status; // 'available'
 */
export function resolveSnapshot(snapshot: SnapshotRecord, now: number): void {
  while (snapshot.timeline.length > 0 && (snapshot.timeline[0]?.at ?? Infinity) <= now) {
    const step = snapshot.timeline.shift();
    if (!step) break;
    snapshot.status = step.status;
    snapshot.updatedAt = step.at;
    if (step.effect === 'gone') snapshot.gone = true;
  }
}

function liveSnapshots(core: SimCore, projectId: string, now: number): SnapshotRecord[] {
  return [...core.state.snapshots.values()].filter((s) => {
    resolveSnapshot(s, now);
    return s.projectId === projectId && !s.gone;
  });
}

function snapshotNotFound(core: SimCore, id: string): Reply {
  return fail(core, 404, since(core, 'mitaka') ? `Snapshot ${id} could not be found.` : 'Snapshot could not be found');
}

/** cinder's snapshot body; extended attributes only on show and detail, as the extension adds them there. */
function snapshotView(req: SnapshotRequest, s: SnapshotRecord, form: 'created' | 'plain' | 'extended'): Record<string, unknown> {
  const v1 = req.major === 'v1';
  const view: Record<string, unknown> = { id: s.id, created_at: form === 'created' ? microsPrecise(s.createdAt) : microsNoZone(s.createdAt) };
  if (!v1 && since(req.core, 'mitaka')) view.updated_at = form === 'created' || s.updatedAt === null ? null : microsNoZone(s.updatedAt);
  Object.assign(view, {
    [v1 ? 'display_name' : 'name']: s.name, [v1 ? 'display_description' : 'description']: s.description,
    volume_id: s.volumeId, status: s.status, size: s.size, metadata: s.metadata,
  });
  const at = (version: string) => req.major === 'v3' && compareVersions(req.mv, version) >= 0;
  if (at('3.14')) view.group_snapshot_id = null;
  if (at('3.41')) view.user_id = s.userId;
  if (at('3.65')) view.consumes_quota = true;
  if (form === 'extended') {
    view['os-extended-snapshot-attributes:project_id'] = s.projectId;
    view['os-extended-snapshot-attributes:progress'] = s.status === 'creating' || s.status === 'error' ? '0%' : '100%';
  }
  return view;
}

/**
 * Handles `/snapshots…` below a cinder project; undefined when `sub` is not a snapshot path.
 *
 * @example
 * const reply = routeSnapshots(req); if (reply) return withHeaders(reply);
 */
export function routeSnapshots(req: SnapshotRequest): Reply | undefined {
  const { ctx, sub } = req;
  const method = ctx.method;
  if ((sub === '/snapshots' || sub === '/snapshots/detail') && method === 'GET') return listSnapshots(req, sub.endsWith('/detail'));
  if (sub === '/snapshots' && method === 'POST') return createSnapshot(req);
  const id = match('/snapshots/:id', sub)?.id;
  if (id === undefined || id === 'detail') return undefined;
  const snapshot = liveSnapshots(req.core, req.projectId, ctx.now).find((s) => s.id === id);
  if (!snapshot) return snapshotNotFound(req.core, id);
  if (method === 'GET') return { status: 200, body: { snapshot: snapshotView(req, snapshot, 'extended') } };
  if (method === 'PUT') return updateSnapshot(req, snapshot);
  if (method === 'DELETE') return deleteSnapshot(req, snapshot);
  return fail(req.core, 405, 'The method specified is not allowed for this resource.');
}

function listSnapshots(req: SnapshotRequest, detail: boolean): Reply {
  const { core, ctx, major } = req;
  const q = ctx.query;
  const nameKey = major === 'v1' ? 'display_name' : 'name';
  const matches = liveSnapshots(core, req.projectId, ctx.now)
    .filter((s) => (q.get(nameKey) === null || s.name === q.get(nameKey)) && (q.get('status') === null || s.status === q.get('status'))
      && (q.get('volume_id') === null || s.volumeId === q.get('volume_id')))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const limitText = q.get('limit');
  const limit = limitText === null ? 1000 : Number(limitText);
  if (!Number.isInteger(limit)) return fail(core, 400, 'limit param must be an integer');
  if (limit < 0) return fail(core, 400, 'limit param must be positive');
  const offset = Number(q.get('offset') ?? 0);
  if (!Number.isInteger(offset) || offset < 0) return fail(core, 400, 'offset param must be positive');
  const markerPaging = major !== 'v1' && since(core, 'mitaka');
  let start = offset;
  const marker = markerPaging ? q.get('marker') : null;
  if (marker !== null) {
    const index = matches.findIndex((s) => s.id === marker);
    if (index < 0) return snapshotNotFound(core, marker);
    start += index + 1;
  }
  const page = matches.slice(start, start + Math.min(limit, 1000));
  const body: Record<string, unknown> = { snapshots: page.map((s) => snapshotView(req, s, detail ? 'extended' : 'plain')) };
  const last = page[page.length - 1];
  if (markerPaging && last && Math.min(limit, 1000) <= page.length) {
    const params = new URLSearchParams(q);
    params.set('marker', last.id);
    body.snapshots_links = [{ rel: 'next', href: `${req.base}/snapshots${detail ? '/detail' : ''}?${params.toString()}` }];
  }
  return { status: 200, body };
}

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function parseBool(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(text)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(text)) return false;
  return undefined;
}

/** Why cinder refuses to snapshot a volume in this status, in the words of the profile's release. */
function snapshotRefusal(req: SnapshotRequest, volume: VolumeRecord, force: boolean | undefined): string | undefined {
  const { core } = req;
  const status = volume.status;
  const inUseAllowed = req.major === 'v3' && compareVersions(req.mv, '3.66') >= 0;
  if (!since(core, 'queens')) {
    if (force || status === 'available') return undefined;
    if (!since(core, 'kilo')) return 'Invalid volume: must be available';
    if (!since(core, 'pike')) return `Invalid volume: Snapshot cannot be created because volume ${volume.id} is not available, current volume status: ${status}.`;
    return `Invalid volume: Volume ${volume.id} status must be available, but current status is: ${status}.`;
  }
  const valid = force || inUseAllowed ? ['available', 'in-use'] : ['available'];
  if (valid.includes(status)) return undefined;
  return `Invalid volume: Volume ${volume.id} status must be ${valid.join(', ')}, but current status is: ${status}.`;
}

function createSnapshot(req: SnapshotRequest): Reply {
  const { core, ctx, major } = req;
  const schemaEra = since(core, 'queens');
  const spec = (ctx.body as { snapshot?: Record<string, unknown> } | undefined)?.snapshot;
  if (!spec || typeof spec !== 'object') return fail(core, 400, schemaEra ? "'snapshot' is a required property" : "Missing required element 'snapshot' in request body.");
  if (typeof spec.volume_id !== 'string') {
    return fail(core, 400, schemaEra ? `Invalid input for field/attribute snapshot. Value: ${pyRepr(spec)}. 'volume_id' is a required property` : "'volume_id' must be specified");
  }
  const volume = core.state.volumes.get(spec.volume_id);
  if (volume) resolveVolume(volume, ctx.now);
  if (!volume || volume.gone || volume.projectId !== req.projectId) {
    return fail(core, 404, since(core, 'mitaka') ? `Volume ${spec.volume_id} could not be found.` : 'Volume could not be found');
  }
  const force = parseBool(spec.force);
  if (force === false && spec.force !== undefined && major === 'v3' && compareVersions(req.mv, '3.66') >= 0) {
    return fail(core, 400, "Since microversion 3.66 the 'force' flag is invalid for this request.  For backward compatability, however, when the 'force' flag is passed with a value evaluating to True, it is silently ignored.");
  }
  const refusal = snapshotRefusal(req, volume, force);
  if (refusal) return fail(core, 400, refusal);
  const now = ctx.now;
  const failing = core.shouldFail('snapshot.create');
  const snapshot: SnapshotRecord = {
    id: uuid(core.rng), volumeId: volume.id, size: volume.size, projectId: req.projectId, userId: req.userId,
    name: textOrNull(major === 'v1' ? spec.display_name : spec.name ?? spec.display_name),
    description: textOrNull(major === 'v1' ? spec.display_description : spec.description ?? spec.display_description),
    status: 'creating', timeline: [{ at: now + core.shortMs, status: failing ? 'error' : 'available' }], createdAt: now, updatedAt: null,
    metadata: (spec.metadata as Record<string, string> | null | undefined) ?? {},
  };
  core.state.snapshots.set(snapshot.id, snapshot);
  return { status: major === 'v1' ? 200 : 202, body: { snapshot: snapshotView(req, snapshot, 'created') } };
}

function updateSnapshot(req: SnapshotRequest, snapshot: SnapshotRecord): Reply {
  const spec = (req.ctx.body as { snapshot?: Record<string, unknown> } | undefined)?.snapshot;
  if (!spec || typeof spec !== 'object') return fail(req.core, 400, "Missing required element 'snapshot' in request body.");
  const name = req.major === 'v1' ? spec.display_name : spec.name ?? spec.display_name;
  const description = req.major === 'v1' ? spec.display_description : spec.description ?? spec.display_description;
  if (name !== undefined) snapshot.name = textOrNull(name);
  if (description !== undefined) snapshot.description = textOrNull(description);
  snapshot.updatedAt = req.ctx.now;
  return { status: 200, body: { snapshot: snapshotView(req, snapshot, 'plain') } };
}

function deleteSnapshot(req: SnapshotRequest, snapshot: SnapshotRecord): Reply {
  const { core, ctx } = req;
  if (snapshot.status !== 'available' && snapshot.status !== 'error') {
    const message = !since(core, 'kilo') ? 'Volume Snapshot status must be available or error'
      : !since(core, 'mitaka') ? 'Volume Snapshot status must be available or error.'
        : `Snapshot status must be available or error and must not be part of a ${since(core, 'newton') ? 'group' : 'consistency group'}.`;
    return fail(core, 400, `Invalid snapshot: ${message}`);
  }
  snapshot.status = 'deleting';
  snapshot.updatedAt = ctx.now;
  snapshot.timeline = [{ at: ctx.now + core.shortMs, status: 'deleted', effect: 'gone' }];
  return { status: 202 };
}

/**
 * Why cinder refuses to delete this volume (status, attachment, snapshots), in the words of the
 * profile's release; undefined when the delete may go ahead.
 *
 * @example
 * const refusal = volumeDeleteRefusal(core, volume, ctx.now); if (refusal) return withHeaders(refusal);
 */
export function volumeDeleteRefusal(core: SimCore, volume: VolumeRecord, now: number): Reply | undefined {
  const snapshots = [...core.state.snapshots.values()].filter((s) => {
    resolveSnapshot(s, now);
    return s.volumeId === volume.id && !s.gone;
  }).length;
  const statusOk = volume.status === 'available' || volume.status === 'error';
  if (!since(core, 'mitaka')) {
    const kilo = since(core, 'kilo');
    if (kilo && volume.attachments.length > 0) return fail(core, 400, `Volume ${volume.id} is still attached, detach volume first.`);
    if (!statusOk) return fail(core, 400, `Invalid volume: Volume status must be available or error, but current status is: ${volume.status}${kilo ? '.' : ''}`);
    if (snapshots > 0) return fail(core, 400, `Invalid volume: Volume still has ${snapshots} dependent snapshots${kilo ? '.' : ''}`);
    return undefined;
  }
  // From Mitaka cinder also deletes a volume whose extend or restore failed (and from Pike one whose manage failed).
  const failedOk = ['error_restoring', 'error_extending', ...(since(core, 'pike') ? ['error_managing'] : [])].includes(volume.status);
  if ((statusOk || failedOk) && snapshots === 0) return undefined;
  const statuses = since(core, 'pike') ? 'available or error or error_restoring or error_extending or error_managing' : 'available or error or error_restoring or error_extending';
  const conditions = since(core, 'zed') ? 'migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer'
    : since(core, 'pike') ? 'migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer'
      : since(core, 'newton') ? 'migrating, attached, belong to a group or have snapshots' : 'migrating, attached, belong to a consistency group or have snapshots';
  return fail(core, 400, `Invalid volume: Volume status must be ${statuses} and must not be ${conditions}.`);
}

/**
 * Checks a volume create's `snapshot_id`: the snapshot must exist and be available, and the size
 * (which defaults to the snapshot's) must not be smaller. Returns the source, or the error reply.
 *
 * @example
 * const source = volumeSource(core, spec, projectId, ctx.now); if ('status' in source) return withHeaders(source);
 */
export function volumeSource(core: SimCore, spec: Record<string, unknown>, projectId: string, now: number): { snapshotId: string | null; size: unknown } | Reply {
  const snapshotId = spec.snapshot_id;
  if (snapshotId === undefined || snapshotId === null) return { snapshotId: null, size: spec.size };
  const snapshot = liveSnapshots(core, projectId, now).find((s) => s.id === snapshotId);
  if (!snapshot) return snapshotNotFound(core, String(snapshotId));
  if (snapshot.status !== 'available') return fail(core, 400, "Invalid snapshot: Originating snapshot status must be one of 'available' values");
  const size = spec.size ?? snapshot.size;
  if (Number.isInteger(Number(size)) && Number(size) < snapshot.size) {
    const shown = since(core, 'mitaka') ? `'${String(size)}'` : String(size);
    return fail(core, 400, `Invalid input received: Volume size ${shown}GB cannot be smaller than the snapshot size ${snapshot.size}GB. They must be >= original snapshot size.`);
  }
  return { snapshotId: snapshot.id, size };
}
