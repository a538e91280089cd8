/**
 * Simulated cinder: the era's version list (300 on `/`, the list form again under `/v3/`, behind
 * auth), volumes (create → available, delete → deleting → 404), v1/v2/v3 per era and the v3
 * microversion echo.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('volume', handleVolume, req, res));
 */
import { type Ctx, header, match, type Reply, type SimCore } from './core.js';
import type { VolumeRecord } from './state.js';
import { compareVersions, microsNoZone, microsPrecise } from './util.js';
import { routeSnapshots, volumeDeleteRefusal, volumeSource } from './volume-snapshots.js';
import { listVolumes, volumeExtras } from './volume-extras.js';
import { createVolume, resolveVolume } from './volumes.js';
import { cinderQuotaRoutes } from './quotas.js';
import { volumeAction } from './volume-actions.js';
import { routeBackups } from './volume-backups.js';
import { routeAttachments } from './volume-attachments.js';
import { findVolumeType, routeVolumeTypes, volumeTypeNotFound } from './volume-types.js';

function versionList(core: SimCore): unknown[] {
  return core.facts.cinder.versions.map((v) => ({
    id: v.id, status: v.status, version: v.version, min_version: v.minVersion, updated: v.updated,
    links: [{ rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }, { rel: 'self', href: `${core.roots.volume}/${v.id.slice(0, 2)}/` }],
    'media-types': [{ base: 'application/json', type: `application/vnd.openstack.volume+json;version=${v.id.slice(1, 2)}` }],
  }));
}

function volumeView(core: SimCore, v: VolumeRecord, major: string, mv: string, base: string, created: boolean): Record<string, unknown> {
  const links = [{ rel: 'self', href: `${base}/volumes/${v.id}` }, { rel: 'bookmark', href: `${base.replace(/\/v[123]\//, '/')}/volumes/${v.id}` }];
  const attachments = v.attachments.map((a) => ({
    id: v.id, attachment_id: a.attachmentId, volume_id: v.id, server_id: a.serverId, host_name: null, device: a.device, attached_at: microsNoZone(a.attachedAt),
  }));
  const metadata = v.readonly === undefined ? v.metadata : { ...v.metadata, readonly: v.readonly ? 'True' : 'False' };
  if (major === 'v1') {
    return {
      id: v.id, status: v.status, size: v.size, availability_zone: 'nova', created_at: microsNoZone(v.createdAt), display_name: v.name, display_description: v.description,
      volume_type: v.volumeType ?? 'None', snapshot_id: v.snapshotId ?? null, source_volid: null, metadata, attachments, bootable: String(v.bootable ?? false), encrypted: false,
    };
  }
  const view: Record<string, unknown> = {
    id: v.id, status: v.status, size: v.size, availability_zone: 'nova', created_at: created ? microsPrecise(v.createdAt) : microsNoZone(v.createdAt),
    updated_at: created || v.updatedAt === null ? null : microsNoZone(v.updatedAt), name: v.name, description: v.description,
    volume_type: v.volumeType ?? (core.facts.cinder.maxMicroversion && compareVersions(core.facts.cinder.maxMicroversion, '3.50') >= 0 ? '__DEFAULT__' : null),
    snapshot_id: v.snapshotId ?? null, source_volid: null, metadata, links, user_id: v.userId, bootable: String(v.bootable ?? false), encrypted: false, replication_status: null,
    consistencygroup_id: null, multiattach: false, attachments,
  };
  const at = (version: string) => major === 'v3' && compareVersions(mv, version) >= 0;
  if (at('3.13')) view.group_id = null;
  if (at('3.48')) view.shared_targets = false;
  if (at('3.48')) view.service_uuid = '00000000-0000-4000-8000-000000000001';
  if (at('3.63')) view.volume_type_id = '00000000-0000-4000-8000-000000000002';
  if (at('3.65')) view.consumes_quota = true;
  if (!created) view['os-vol-tenant-attr:tenant_id'] = v.projectId;
  return view;
}

/**
 * Handles a cinder request.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('volume', handleVolume, req, res));
 */
export function handleVolume(ctx: Ctx): Reply {
  const { core, method, path } = ctx;
  const max = core.facts.cinder.maxMicroversion;
  const versionMatch = /^\/(v[123])(\/.*)?$/.exec(path);
  const major = versionMatch?.[1] ?? '';
  let mv = '3.0';
  const headers: Record<string, string | string[]> = {};
  if (max && (major === 'v3' || !versionMatch)) {
    const requested = header(ctx.headers, 'openstack-api-version')?.split(',').map((p) => p.trim().split(/\s+/)).find(([service]) => service === 'volume')?.[1];
    if (requested && major === 'v3') {
      ctx.record.microversion = requested;
      mv = requested === 'latest' ? max : requested;
      if (!/^\d+\.\d+$/.test(mv) || compareVersions(mv, '3.0') < 0 || compareVersions(mv, max) > 0) {
        const reply = core.errorReply('volume', 406, 'computeFault', `Version ${requested} is not supported by the API. Minimum is 3.0 and maximum is ${max}.`);
        reply.headers = { 'Openstack-Api-Version': `volume ${requested}`, Vary: 'OpenStack-API-Version' };
        return reply;
      }
    }
    headers['Openstack-Api-Version'] = `volume ${mv}`;
    headers.Vary = 'OpenStack-API-Version';
  }
  const withHeaders = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, ...headers } });
  if (path === '/' || path === '') return withHeaders({ status: 300, body: { versions: versionList(core) } });
  const known = core.facts.cinder.versions.some((v) => v.id.startsWith(`${major}.`));
  if (!versionMatch || !known) return withHeaders(core.errorReply('volume', 404, undefined, 'The resource could not be found.'));
  const token = core.tokenOf(ctx);
  if (!token) return core.unauthorized(ctx);
  const rest = versionMatch[2] ?? '/';
  if (rest === '/' || rest === '') return withHeaders({ status: 200, body: { versions: versionList(core) } });
  const segments = rest.split('/').filter(Boolean);
  const projectId = segments[0] ?? '';
  if (projectId !== token.projectId) return withHeaders(core.errorReply('volume', 404, undefined, 'The resource could not be found.'));
  const sub = `/${segments.slice(1).join('/')}`;
  const base = `${core.roots.volume}/${major}/${projectId}`;
  const state = core.state;
  const now = ctx.now;
  const mine = () => [...state.volumes.values()].filter((v) => {
    resolveVolume(v, now);
    return v.projectId === projectId && !v.gone;
  });
  if ((sub === '/volumes' || sub === '/volumes/detail') && method === 'GET') {
    const volumes = listVolumes(core, ctx, mine());
    if (!Array.isArray(volumes)) return withHeaders(volumes);
    const detail = sub.endsWith('/detail');
    const body: Record<string, unknown> = {
      volumes: volumes.map((v) => (detail ? volumeView(core, v, major, mv, base, false) : { id: v.id, links: [{ rel: 'self', href: `${base}/volumes/${v.id}` }], [major === 'v1' ? 'display_name' : 'name']: v.name })),
    };
    const limit = Number(ctx.query.get('limit') ?? NaN);
    const last = volumes[volumes.length - 1];
    if (last && major !== 'v1' && volumes.length === limit) {
      const params = new URLSearchParams(ctx.query);
      params.set('marker', last.id);
      body.volumes_links = [{ href: `${base}/volumes${detail ? '/detail' : ''}?${params.toString()}`, rel: 'next' }];
    }
    return withHeaders({ status: 200, body });
  }
  if (sub === '/volumes' && method === 'POST') {
    const spec = (ctx.body as { volume?: Record<string, unknown> } | undefined)?.volume;
    const source = spec ? volumeSource(core, spec, projectId, now) : { snapshotId: null, size: undefined };
    if ('status' in source) return withHeaders(source);
    const size = Number(source.size);
    if (!spec || !Number.isInteger(size) || size < 1) return withHeaders(core.errorReply('volume', 400, undefined, `Invalid input received: Volume size '${String(spec?.size)}' must be an integer and greater than 0.`));
    const imageRef = typeof spec.imageRef === 'string' ? spec.imageRef : null;
    if (imageRef && !state.images.has(imageRef)) return withHeaders(core.errorReply('volume', 400, undefined, `Invalid image identifier or unable to access requested image.`));
    const typeName = typeof spec.volume_type === 'string' ? spec.volume_type : null;
    const type = typeName === null ? undefined : findVolumeType(core, typeName);
    if (typeName !== null && !type) return withHeaders(volumeTypeNotFound(core, typeName));
    const volume = createVolume(core, {
      size, name: (spec.name ?? spec.display_name ?? null) as string | null, description: (spec.description ?? spec.display_description ?? null) as string | null,
      projectId, userId: token.userId, metadata: spec.metadata as Record<string, string> | undefined, imageId: imageRef, snapshotId: source.snapshotId,
      volumeType: type?.name ?? null,
    }, now);
    return withHeaders({ status: 202, body: { volume: volumeView(core, volume, major, mv, base, true) } });
  }
  const quotas = cinderQuotaRoutes(core, token, sub, method, ctx.query, ctx.body);
  if (quotas) return withHeaders(quotas);
  const snapshots = routeSnapshots({ ctx, core, major, mv, base, projectId, userId: token.userId, sub });
  if (snapshots) return withHeaders(snapshots);
  const attachmentRecords = routeAttachments(core, ctx, sub, mine(), major, mv);
  if (attachmentRecords) return withHeaders(attachmentRecords);
  const backups = routeBackups({ core, ctx, major, mv, base, projectId, userId: token.userId, sub });
  if (backups) return withHeaders(backups);
  const types = routeVolumeTypes(core, ctx, sub);
  if (types) return withHeaders(types);
  const action = volumeAction(core, ctx, sub, mine(), mv);
  if (action) return withHeaders(action);
  // the update answer has no os-vol-tenant-attr (cinder adds it on show and detail only)
  const extra = volumeExtras(core, ctx, sub, mine(), mv, (v) => {
    const { 'os-vol-tenant-attr:tenant_id': _tenant, ...view } = volumeView(core, v, major, mv, base, false);
    return view;
  });
  if (extra) return withHeaders(extra);
  const one = match('/volumes/:id', sub);
  if (one) {
    const volume = mine().find((v) => v.id === one.id);
    if (!volume) return withHeaders(core.errorReply('volume', 404, undefined, `Volume ${one.id} could not be found.`));
    if (method === 'GET') return withHeaders({ status: 200, body: { volume: volumeView(core, volume, major, mv, base, false) } });
    if (method === 'DELETE') {
      const refusal = volumeDeleteRefusal(core, volume, now);
      if (refusal) return withHeaders(refusal);
      volume.status = 'deleting';
      volume.updatedAt = now;
      volume.timeline = [{ at: now + core.shortMs, status: 'deleted', effect: 'gone' }];
      return withHeaders({ status: 202 });
    }
  }
  return withHeaders(core.errorReply('volume', 404, undefined, 'The resource could not be found.'));
}
