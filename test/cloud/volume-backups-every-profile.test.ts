/**
 * Volume backups on every simulated generation (and cinder v1, pinned on Icehouse): full, incremental and
 * snapshot backups with their era gates (typed UnsupportedError before the POST), rename and metadata gates,
 * restore to a new and to an existing volume as operations, the one delete contract; and a cloud without a
 * cinder-backup service (the `backupService: false` knob) found from os-services by an admin before anything is
 * made, from cinder's answer or the project's failed backup by a member. Requests are counted in the sim's log.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/sim/index.js';
import { BadRequestError, isUnsupportedError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

const CASES = [...PROFILES.map((profile) => ({ label: profile, profile, extra: {} })), { label: 'icehouse (cinder v1)', profile: 'icehouse' as const, extra: { volume_api_version: '1' } }];
const T = { timeoutMs: 20_000 };
const POSTS = { service: 'volume' as const, method: 'POST', path: /\/backups$/ };

async function outcome<T>(p: PromiseLike<T>): Promise<T | Error> {
  return Promise.resolve(p).then((v) => v, (e: Error) => e);
}

describe.each(CASES)('volume backups on $label', ({ profile, extra }) => {
  const v1 = 'volume_api_version' in extra;

  it('full, incremental and snapshot backups, rename, restore to a new and an existing volume, delete', async () => {
    const { sim, cloud, close } = await simCloud({ profile, extra });
    try {
      const cinder = await cloud.service('block-storage');
      const source = await cloud.createVolume({ name: 'bk-src', size: 1 });
      const full = await cloud.createVolumeBackup({ volume: 'bk-src', name: 'bk-full', description: 'first', ...T });
      expect(full).toMatchObject({ name: 'bk-full', description: 'first', status: 'available', size: 1, volumeId: source.id, incremental: false });
      expect((await cloud.getVolume(source.id)).status).toBe('available');

      sim.requests.reset();
      const incremental = await outcome(cloud.createVolumeBackup({ volume: source.id, name: 'bk-incr', incremental: true, ...T }));
      if (v1) {
        expect(isUnsupportedError(incremental)).toBe(true);
        expect((incremental as Error).message).toMatch(/incremental backups needs v2/);
        expect(sim.requests.count(POSTS)).toBe(0);
      } else {
        // Icehouse's cinder knew no incremental backups: it made a full one.
        expect(incremental).toMatchObject({ name: 'bk-incr', status: 'available', incremental: profile !== 'icehouse' });
      }

      const snapshot = await cloud.createVolumeSnapshot({ volume: 'bk-src', name: 'bk-snap', ...T });
      sim.requests.reset();
      const fromSnapshot = await outcome(cloud.createVolumeBackup({ volume: 'bk-src', snapshot: 'bk-snap', name: 'bk-of-snap', ...T }));
      if (v1) {
        expect(isUnsupportedError(fromSnapshot)).toBe(true);
        expect(sim.requests.count(POSTS)).toBe(0);
      } else {
        expect(fromSnapshot).toMatchObject({ name: 'bk-of-snap', status: 'available' });
        if (profile !== 'icehouse' && profile !== 'kilo') expect((fromSnapshot as { snapshotId?: string }).snapshotId).toBe(snapshot.id);
      }

      sim.requests.reset();
      const withMetadata = await outcome(cloud.createVolumeBackup({ volume: 'bk-src', name: 'bk-meta', metadata: { k: 'v' }, ...T }));
      if (cinder.supports('3.43')) expect(withMetadata).toMatchObject({ metadata: { k: 'v' } });
      else {
        expect(isUnsupportedError(withMetadata)).toBe(true);
        expect(sim.requests.count(POSTS)).toBe(0);
      }

      sim.requests.reset();
      const renamed = await outcome(cloud.updateVolumeBackup('bk-full', { name: 'bk-full-2' }));
      if (cinder.supports('3.9')) expect(renamed).toMatchObject({ id: full.id, name: 'bk-full-2' });
      else {
        expect(isUnsupportedError(renamed)).toBe(true);
        expect((renamed as Error).message).toMatch(/updating a backup needs 3\.9/);
        expect(sim.requests.count({ method: 'PUT' })).toBe(0);
      }
      const fullName = cinder.supports('3.9') ? 'bk-full-2' : 'bk-full';

      const listed: string[] = [];
      for await (const b of cloud.listVolumeBackups({ filters: { volumeId: source.id, status: 'available' } })) listed.push(b.name);
      expect(listed).toContain(fullName);
      expect((await cloud.getVolumeBackup(fullName)).id).toBe(full.id);
      expect(await cloud.findVolumeBackup('bk-nothing')).toBeUndefined();

      const restored = await cloud.restoreVolumeBackup(fullName, { name: 'bk-restored', ...T });
      expect(restored).toMatchObject({ name: 'bk-restored', size: 1, status: 'available' });
      const target = await cloud.createVolume({ name: 'bk-target', size: 2 });
      const op = cloud.restoreVolumeBackup(full.id, { volume: 'bk-target', ...T });
      expect(await op.accepted).toEqual({ id: target.id, backupId: full.id });
      expect(await op).toMatchObject({ id: target.id, status: 'available', size: 2 });
      const kinds = (await cloud.tasks.list({})).map((t) => t.kind);
      expect(kinds).toEqual(expect.arrayContaining(['volume-backup.create', 'volume-backup.restore']));

      if (!v1 && profile !== 'icehouse') {
        // The full backup has an incremental child: cinder refuses to delete it first.
        await expect(cloud.deleteVolumeBackup(full.id, T)).rejects.toBeInstanceOf(BadRequestError);
        expect(await cloud.deleteVolumeBackup('bk-incr', T)).toMatchObject({ deleted: true });
      }
      expect(await cloud.deleteVolumeBackup(full.id, T)).toEqual({ deleted: true, id: full.id });
      expect(await cloud.deleteVolumeBackup(full.id, T)).toEqual({ deleted: false });
    } finally {
      await close();
    }
  }, 120_000);

  it('without a backup service: an admin learns it from os-services before any POST', async () => {
    const { sim, cloud, close } = await simCloud({ profile, extra, backupService: false, volumeAdmin: true });
    try {
      await cloud.createVolume({ name: 'bk-none', size: 1 });
      sim.requests.reset();
      const error = await outcome(cloud.createVolumeBackup({ volume: 'bk-none', ...T }));
      expect(isUnsupportedError(error)).toBe(true);
      expect((error as Error).message).toMatch(/volume backups needs the cinder-backup service/);
      expect(sim.requests.count(POSTS)).toBe(0);
      expect(sim.requests.count({ service: 'volume', method: 'GET', path: /\/os-services$/ })).toBe(1);
    } finally {
      await close();
    }
  }, 60_000);

  it("without a backup service: a member learns it from cinder's answer, and never makes a second failed backup", async () => {
    const { sim, cloud, close } = await simCloud({ profile, extra, backupService: false });
    try {
      await cloud.createVolume({ name: 'bk-none', size: 1 });
      sim.requests.reset();
      const first = await outcome(cloud.createVolumeBackup({ volume: 'bk-none', name: 'bk-doomed', ...T }));
      expect(isUnsupportedError(first)).toBe(true);
      expect(sim.requests.count(POSTS)).toBe(1);
      const left: string[] = [];
      for await (const b of cloud.listVolumeBackups()) left.push(b.status);
      const acceptsThenFails = ['train', 'zed', '2025.2'].includes(profile);
      expect(left).toEqual(acceptsThenFails ? ['error'] : []);
      if (acceptsThenFails) {
        expect((first as Error).message).toMatch(/Service not found for creating backup/);
        sim.requests.reset();
        const second = await outcome(cloud.createVolumeBackup({ volume: 'bk-none', ...T }));
        expect(isUnsupportedError(second)).toBe(true);
        expect(sim.requests.count(POSTS)).toBe(0);
        // cinder answers the delete of that backup 404 "Service cinder-backup could not be found.": not "gone".
        const removal = await outcome(cloud.deleteVolumeBackup('bk-doomed', T));
        expect(isUnsupportedError(removal)).toBe(true);
      } else {
        expect((first as Error).message).toMatch(/Service cinder-backup could not be found/);
      }
    } finally {
      await close();
    }
  }, 60_000);
});
