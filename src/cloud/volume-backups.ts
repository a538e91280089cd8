/**
 * Volume backups beyond the generic verbs: the create checks the cloud has a cinder-backup service before it
 * makes anything (a backup made without one ends in `error` and cannot be deleted until a service runs), and the
 * restore to a new or an existing volume waits until that volume is usable.
 *
 * How the service is found: an admin reads `GET /os-services?binary=cinder-backup`; a member (403 there) looks
 * for the project's own evidence, a backup that failed with cinder's "Service not found for creating backup".
 * Failing both, the create is sent, and cinder's answer decides: 500/503 "Service cinder-backup could not be
 * found" (before Train) or a backup that fails with that reason (Train on) becomes the same `UnsupportedError`.
 */
import type { Operation } from './operation.js';
import { HttpError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { volumeKind } from '../resources/block-storage/volume.js';
import { volumeSnapshotKind } from '../resources/block-storage/volume-snapshot.js';
import { BACKUP_SERVICE_MISSING, noBackupService, volumeBackupKind, type RawVolumeBackup, type VolumeBackup, type VolumeBackupBody } from '../resources/block-storage/volume-backup.js';
import type { Volume } from '../resources/block-storage/volume-model.js';
import { runOperation } from '../operations/run-operation.js';
import { waitStep } from '../operations/wait-step.js';
import { listRaw } from '../verbs/rest-calls.js';
import { taskName, type ChangeOptions } from '../verbs/change-resources.js';
import { getRaw, getResource } from '../verbs/find-resource.js';
import type { VerbContext } from '../verbs/verb-context.js';
import { waitForResource } from '../verbs/wait-for-resource.js';
import { isResourceFailedError } from '../errors/index.js';

/** Options of `createVolumeBackup`. */
export interface CreateVolumeBackupOptions extends ChangeOptions, Omit<VolumeBackupBody, 'volumeId' | 'snapshotId'> {
  /** The volume to back up, by name or id. */
  volume: string;
  /** Back up this snapshot of the volume (by name or id; cinder v2 and later). */
  snapshot?: string;
}

/** Options of `restoreVolumeBackup`. */
export interface RestoreVolumeBackupOptions extends ChangeOptions {
  /** Restore over this volume (by name or id; `available` and at least as large); default: a new volume. */
  volume?: string;
  /** The new volume's name (cinder names it `restore_backup_<id>` otherwise). */
  name?: string;
}

/** What the cloud says about its backup service. */
export type BackupServiceState = 'up' | 'absent' | 'unknown';

/**
 * Whether the cloud runs a cinder-backup service: `up`/`absent` from os-services (admins), `absent` from the
 * project's failed backups, else `unknown`.
 *
 * @example
 * if ((await backupServiceState(cinder)).state === 'absent') console.log('no backups here');
 */
export async function backupServiceState(cinder: ServiceClient, signal?: AbortSignal): Promise<{ state: BackupServiceState; evidence?: string }> {
  const services = await cinder.request<{ services?: Array<{ binary?: string; status?: string; state?: string }> }>('GET', '/os-services', {
    searchParams: { binary: 'cinder-backup' },
    okStatuses: [401, 403, 404],
    fresh: true,
    ...(signal ? { signal } : {}),
  });
  if (services.status === 200) {
    const running = (services.body?.services ?? []).some((s) => s.binary === 'cinder-backup' && s.status === 'enabled' && s.state === 'up');
    return running ? { state: 'up' } : { state: 'absent', evidence: 'os-services lists no cinder-backup that is enabled and up' };
  }
  for await (const backup of listRaw(volumeBackupKind, cinder, { filters: { status: 'error' }, fresh: true, ...(signal ? { signal } : {}) })) {
    if (backup.fail_reason && BACKUP_SERVICE_MISSING.test(backup.fail_reason)) return { state: 'absent', evidence: `backup ${backup.id} failed: ${backup.fail_reason}` };
  }
  return { state: 'unknown' };
}

function serviceMissing(error: unknown): boolean {
  return error instanceof HttpError && [404, 500, 503].includes(error.status) && BACKUP_SERVICE_MISSING.test(error.serviceMessage ?? '');
}

/**
 * Backs up a volume (or one of its snapshots) and waits until the backup is `available`.
 *
 * @example
 * const backup = await createVolumeBackup(cloud, { volume: 'data', name: 'nightly', incremental: true });
 */
export function createVolumeBackup(ctx: VerbContext, options: CreateVolumeBackupOptions): Operation<VolumeBackup, { id: string }> {
  const { volume, snapshot, name, description, incremental, force, container, metadata, availabilityZone, ...change } = options;
  const { signal } = change;
  return runOperation<VolumeBackup>(ctx, { task: taskName(volumeBackupKind.name, 'create'), resourceKind: volumeBackupKind.name, waitFor: { status: ['available'] }, timeoutMs: change.timeoutMs, signal }, async ({ task, accepted, control }) => {
    const cinder = await ctx.service('block-storage', signal);
    const input = await task.step('resolve', async () => {
      const service = await backupServiceState(cinder, signal);
      if (service.state === 'absent') throw noBackupService(service.evidence ?? 'absent');
      const volumeId = (await getRaw(ctx, volumeKind, volume, { signal })).id;
      const snapshotId = snapshot === undefined ? undefined : volumeSnapshotKind.id(await getRaw(ctx, volumeSnapshotKind, snapshot, { signal }));
      const body: VolumeBackupBody = { volumeId, name, description, incremental, force, container, metadata, availabilityZone, ...(snapshotId ? { snapshotId } : {}) };
      return volumeBackupKind.createBody?.(body, cinder) ?? {};
    });
    // Cinder answers a create with the id, name and links only: the status comes from the wait.
    const id = await task.step('create', async (step) => {
      try {
        const answer = await cinder.post<{ backup?: { id?: unknown } }>('/backups', { backup: input }, { signal });
        const created = answer?.backup?.id;
        if (typeof created !== 'string') throw new TypeError('cinder answered the backup create without an id');
        step.resource(created);
        return created;
      } catch (error) {
        if (serviceMissing(error)) throw noBackupService(`cinder answered the create: ${(error as HttpError).serviceMessage}`);
        throw error;
      }
    });
    accepted(id, { id });
    if (change.wait === false) return getResource(ctx, volumeBackupKind, id, { signal });
    const done = await task.step('wait', async () => {
      try {
        return await waitForResource(ctx, volumeBackupKind, id, {
          timeoutMs: change.timeoutMs,
          signal,
          onProgress: (p) => {
            change.onProgress?.({ status: p.status, elapsedMs: p.elapsedMs });
            control.progress({ taskId: task.id, step: 'wait', ...(p.status ? { status: p.status } : {}) });
          },
        });
      } catch (error) {
        const reason = isResourceFailedError(error) ? error.fault?.message : undefined;
        if (reason && BACKUP_SERVICE_MISSING.test(reason)) {
          throw noBackupService(`backup ${id} failed: ${reason}; it stays in error until an admin removes it with a backup service running`);
        }
        throw error;
      }
    });
    return volumeBackupKind.normalize(done as RawVolumeBackup, { client: cinder, config: ctx.config });
  });
}

/**
 * Restores a backup to a new volume (or over an existing one) and waits until the volume is `available`.
 *
 * @example
 * const volume = await restoreVolumeBackup(cloud, 'nightly', { name: 'data-restored' });
 */
export function restoreVolumeBackup(ctx: VerbContext, backup: string, options: RestoreVolumeBackupOptions = {}): Operation<Volume, { id: string; backupId: string }> {
  const { signal } = options;
  return runOperation<Volume, { id: string; backupId: string }>(ctx, { task: taskName(volumeBackupKind.name, 'restore'), resourceKind: volumeKind.name, waitFor: { status: ['available'] }, timeoutMs: options.timeoutMs, signal }, async ({ task, accepted, control }) => {
    const cinder = await ctx.service('block-storage', signal);
    const { backupId, target } = await task.step('resolve', async () => ({
      backupId: (await getRaw(ctx, volumeBackupKind, backup, { signal })).id,
      target: options.volume === undefined ? undefined : (await getRaw(ctx, volumeKind, options.volume, { signal })).id,
    }));
    const restore = { ...(target ? { volume_id: target } : {}), ...(options.name !== undefined ? { name: options.name } : {}) };
    const volumeId = await task.step('restore', async (step) => {
      try {
        const answer = await cinder.post<{ restore?: { volume_id?: string } }>(`/backups/${encodeURIComponent(backupId)}/restore`, { restore }, { signal });
        const id = answer?.restore?.volume_id ?? target;
        if (!id) throw new TypeError('cinder answered the restore without a volume id');
        step.resource(id);
        return id;
      } catch (error) {
        if (serviceMissing(error)) throw noBackupService(`cinder answered the restore: ${(error as HttpError).serviceMessage}`);
        throw error;
      }
    });
    // Cinder marks the volume restoring-backup before it answers: any list from now on shows the restore.
    const acceptedAt = Date.now();
    accepted(volumeId, { id: volumeId, backupId });
    if (options.wait === false) return (await getRaw(ctx, volumeKind, volumeId, { signal })) as Volume;
    return (await waitStep(ctx, volumeKind, volumeId, { task, control }, options, { status: 'available', notBefore: acceptedAt })) as Volume;
  });
}
