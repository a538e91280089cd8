/**
 * Block storage on a real cinder (Zed, fake LVM driver, no cinder-backup), through the counting proxy: volume
 * updates, filters, bootable and read-only flags; extend (this cloud's fake driver cannot extend: the volume goes
 * error_extending, which must be a ResourceFailedError, and it can still be deleted); a retype to a type an admin
 * creates (with extra specs) and deletes; snapshot → volume end to end; and backups: an admin learns from
 * os-services that there is no backup service before any POST. A member's create would be accepted and leave an
 * errored backup nobody can delete on this cloud, so the member side is checked without creating one: os-services
 * refuses it (403), the project has no failed backup to go by (state `unknown`), and a delete of a missing backup
 * is `{ deleted: false }`. Everything is named canopy-ft-… and removed here; the final sweep checks.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Cloud } from '../../src/cloud/cloud.js';
import { backupServiceState } from '../../src/cloud/volume-backups.js';
import { isResourceFailedError, isUnsupportedError, NotFoundError } from '../../src/errors/index.js';
import { openProxiedCloud } from '../hostile/support/hostile-cloud.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import { FT_PREFIX, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}bs-${process.pid}-`;
const T = { timeoutMs: 60_000 };
let cloud: Cloud;
let proxy: FaultProxy;
let admin: { cloud: Cloud; proxy: FaultProxy } | undefined;

async function entries(): Promise<Record<string, Record<string, unknown>>> {
  const { configFile } = functionalCloudOptions();
  return (parse(await readFile(configFile ?? '', 'utf8')) as { clouds: Record<string, Record<string, unknown>> }).clouds;
}

const requests = (p: FaultProxy, method: string, path: RegExp) => p.stats.log.filter((e) => e.method === method && path.test(e.path.split('?')[0] ?? ''));

beforeAll(async () => {
  const clouds = await entries();
  const { cloud: name } = functionalCloudOptions();
  ({ cloud, proxy } = await openProxiedCloud(clouds[name] ?? {}));
  const adminEntry = clouds[process.env.OS_CLOUD_ADMIN || `${name}-admin`];
  if (adminEntry) admin = await openProxiedCloud(adminEntry);
});

afterAll(async () => {
  for (const c of [cloud, admin?.cloud]) {
    if (!c) continue;
    for await (const s of c.listVolumeSnapshots()) if (s.name.startsWith(PREFIX)) await c.deleteVolumeSnapshot(s.id, T).catch(() => undefined);
    for await (const v of c.listVolumes()) if (v.name.startsWith(PREFIX)) await c.deleteVolume(v.id, T).catch(() => undefined);
  }
  if (admin) {
    for await (const t of admin.cloud.listVolumeTypes()) if (t.name.startsWith(PREFIX)) await admin.cloud.deleteVolumeType(t.id).catch(() => undefined);
    await admin.cloud.close();
    await admin.proxy.stop();
  }
  await cloud?.close();
  await proxy?.stop();
});

describe('block storage on a real cinder', () => {
  it('updates a volume (metadata replaced), filters by metadata and bootable, sets bootable and read-only', async () => {
    const volume = await cloud.createVolume({ name: `${PREFIX}upd`, size: 1, metadata: { tier: 'bronze', old: 'x' } });
    const updated = await cloud.updateVolume(volume.id, { name: `${PREFIX}upd-2`, description: 'logs', metadata: { tier: 'gold' } });
    expect(updated).toMatchObject({ id: volume.id, name: `${PREFIX}upd-2`, description: 'logs' });
    expect(updated.metadata).toEqual({ tier: 'gold' });

    expect((await cloud.setVolumeBootable(`${PREFIX}upd-2`, true)).bootable).toBe(true);
    const ro = await cloud.setVolumeReadOnly(volume.id, true);
    expect(ro.readOnly).toBe(true);
    expect(ro.metadata.readonly).toBe('True');
    expect((await cloud.setVolumeReadOnly(volume.id, false)).readOnly).toBe(false);

    const found: string[] = [];
    for await (const v of cloud.listVolumes({ metadata: { tier: 'gold' }, bootable: true })) found.push(v.id);
    expect(found).toEqual([volume.id]);
    const none: string[] = [];
    for await (const v of cloud.listVolumes({ metadata: { tier: 'gold' }, bootable: false })) none.push(v.id);
    expect(none).toEqual([]);

    expect(await cloud.deleteVolume(volume.id, T)).toEqual({ deleted: true, id: volume.id });
    expect(await cloud.deleteVolume(volume.id, T)).toEqual({ deleted: false });
  });

  it('extend posts one os-extend and waits: this cloud\'s fake driver fails it (error_extending, a ResourceFailedError), and the volume can still be deleted', async () => {
    const volume = await cloud.createVolume({ name: `${PREFIX}ext`, size: 1 });
    proxy.resetStats();
    const outcome = await cloud.extendVolume(volume.id, { size: 2, ...T }).then((v) => v, (e: unknown) => e);
    expect(requests(proxy, 'POST', /\/volumes\/[^/]+\/action$/)).toHaveLength(1);
    if (isResourceFailedError(outcome)) expect(outcome.status).toBe('error_extending');
    else expect(outcome).toMatchObject({ size: 2, status: 'available' });
    expect(await cloud.deleteVolume(volume.id, T)).toMatchObject({ deleted: true });
  });

  it('an admin creates a volume type with extra specs; a member makes a volume of it by name, retypes it back, and the admin deletes the type', async () => {
    if (!admin) return;
    const name = `${PREFIX}type`;
    const type = await admin.cloud.createVolumeType({ name, description: 'canopy functional', extraSpecs: { 'canopy:purpose': 'test' } });
    expect(type).toMatchObject({ name, isPublic: true, extraSpecs: { 'canopy:purpose': 'test' } });
    expect((await admin.cloud.setVolumeTypeExtraSpecs(name, { spare: '1' })).extraSpecs).toMatchObject({ spare: '1' });
    expect((await admin.cloud.unsetVolumeTypeExtraSpecs(name, ['spare'])).extraSpecs).not.toHaveProperty('spare');
    expect((await cloud.getVolumeType(name)).id).toBe(type.id);

    const volume = await cloud.createVolume({ name: `${PREFIX}typed`, size: 1, volumeType: name });
    expect(volume.volumeType).toBe(name);
    proxy.resetStats();
    const retyped = await cloud.retypeVolume(volume.id, { volumeType: '__DEFAULT__', migrationPolicy: 'never', ...T });
    expect(retyped).toMatchObject({ volumeType: '__DEFAULT__', status: 'available' });
    expect(requests(proxy, 'POST', /\/volumes\/[^/]+\/action$/)).toHaveLength(1);
    await expect(cloud.retypeVolume(volume.id, { volumeType: `${PREFIX}no-such-type`, ...T })).rejects.toBeInstanceOf(NotFoundError);

    expect(await cloud.deleteVolume(volume.id, T)).toMatchObject({ deleted: true });
    expect(await admin.cloud.deleteVolumeType(name)).toMatchObject({ deleted: true });
    expect(await admin.cloud.deleteVolumeType(name)).toEqual({ deleted: false });
  });

  it('snapshot → volume end to end: snapshot, rename it, build a volume from it, delete all three', async () => {
    const source = await cloud.createVolume({ name: `${PREFIX}snap-src`, size: 1 });
    const snapshot = await cloud.createVolumeSnapshot({ volume: source.id, name: `${PREFIX}snap`, ...T });
    expect(snapshot).toMatchObject({ status: 'available', volumeId: source.id, size: 1 });
    expect((await cloud.updateVolumeSnapshot(snapshot.id, { description: 'kept' })).description).toBe('kept');
    const copy = await cloud.createVolume({ name: `${PREFIX}from-snap`, size: 1, snapshotId: snapshot.id });
    expect(copy).toMatchObject({ status: 'available', snapshotId: snapshot.id, size: 1 });
    expect(await cloud.deleteVolume(copy.id, T)).toMatchObject({ deleted: true });
    expect(await cloud.deleteVolumeSnapshot(snapshot.id, T)).toMatchObject({ deleted: true });
    expect(await cloud.deleteVolume(source.id, T)).toMatchObject({ deleted: true });
  });

  it('an attached volume: cinder\'s attachment record (3.70) names nova\'s attachment; a forced snapshot of it; detach', async () => {
    const compute = await cloud.service('compute');
    const image = await cloud.getImage('cirros');
    const flavor = await cloud.getFlavor('m1.nano');
    const { server } = await compute.post<{ server: { id: string } }>('/servers', {
      server: { name: `${PREFIX}holder`, imageRef: image.id, flavorRef: flavor.id, networks: 'none' },
    }, { microversion: '2.37' });
    try {
      await cloud.waitForServer(server.id, { status: 'ACTIVE', timeoutMs: 120_000 });
      const volume = await cloud.createVolume({ name: `${PREFIX}attached`, size: 1 });
      const { volume: attached } = await cloud.attachVolume(server.id, volume.id, T);
      const [entry] = attached.attachments;
      const records = [];
      for await (const a of cloud.listVolumeAttachments({ filters: { volumeId: volume.id } })) records.push(a);
      expect(records).toEqual([expect.objectContaining({ id: entry?.attachmentId, serverId: server.id, volumeId: volume.id, status: 'attached' })]);
      expect((await cloud.getVolumeAttachment(entry?.attachmentId ?? '')).attachMode).toBe('rw');

      const snapshot = await cloud.createVolumeSnapshot({ volume: volume.id, name: `${PREFIX}in-use`, force: true, ...T });
      expect(snapshot).toMatchObject({ status: 'available', volumeId: volume.id });
      expect(await cloud.deleteVolumeSnapshot(snapshot.id, T)).toMatchObject({ deleted: true });

      expect((await cloud.detachVolume(server.id, volume.id, T)).status).toBe('available');
      expect(await cloud.deleteVolume(volume.id, T)).toMatchObject({ deleted: true });
    } finally {
      await compute.request('DELETE', `/servers/${server.id}`, { okStatuses: [404] });
    }
  });

  it('backups: an admin gets UnsupportedError from os-services before any POST; a member is refused os-services and makes nothing', async () => {
    if (admin) {
      const volume = await admin.cloud.createVolume({ name: `${PREFIX}bk-admin`, size: 1 });
      admin.proxy.resetStats();
      const refused = await admin.cloud.createVolumeBackup({ volume: volume.id, name: `${PREFIX}bk`, ...T }).then(() => 'made', (e: unknown) => e);
      expect(isUnsupportedError(refused)).toBe(true);
      expect((refused as Error).message).toMatch(/os-services lists no cinder-backup/);
      expect(requests(admin.proxy, 'GET', /\/os-services$/)).toHaveLength(1);
      expect(requests(admin.proxy, 'POST', /\/backups$/)).toHaveLength(0);
      expect(await admin.cloud.deleteVolume(volume.id, T)).toMatchObject({ deleted: true });
    }
    proxy.resetStats();
    const cinder = await cloud.service('block-storage');
    expect(await backupServiceState(cinder)).toEqual({ state: 'unknown' });
    expect(requests(proxy, 'GET', /\/os-services$/).map((e) => e.status)).toEqual([403]);
    expect(await cloud.deleteVolumeBackup('00000000-0000-4000-8000-00000000dead', T)).toEqual({ deleted: false });
    const left: string[] = [];
    for await (const b of cloud.listVolumeBackups()) left.push(b.id);
    expect(left).toEqual([]);
    expect(requests(proxy, 'POST', /\/backups$/)).toHaveLength(0);
  });
});
