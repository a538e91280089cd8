/**
 * Block storage failures on the simulator's failure knobs, as the real Zed cloud's fake driver shows them: an
 * extend that ends error_extending, a backup that ends error, a restore that leaves the volume error_restoring.
 * Each is a ResourceFailedError with cinder's status (and reason), and what failed can still be deleted.
 */
import { describe, expect, it } from 'vitest';
import { isResourceFailedError, isUnsupportedError, type ResourceFailedError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

const T = { timeoutMs: 20_000 };
const failure = (p: PromiseLike<unknown>) => Promise.resolve(p).then(() => undefined, (e: unknown) => e as ResourceFailedError);

describe('block storage failures (zed)', () => {
  it('extend → error_extending, backup → error with its reason, restore → error_restoring: typed, and deletable', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const volume = await cloud.createVolume({ name: 'fail-src', size: 1 });
      sim.set({ failureRates: { 'volume.extend': 1 } });
      const extend = await failure(cloud.extendVolume('fail-src', { size: 2, ...T }));
      expect(isResourceFailedError(extend)).toBe(true);
      expect(extend).toMatchObject({ status: 'error_extending', resourceId: volume.id });

      const other = await cloud.createVolume({ name: 'fail-bk', size: 1 });
      sim.set({ failureRates: { 'backup.create': 1 } });
      const backup = await failure(cloud.createVolumeBackup({ volume: 'fail-bk', name: 'fail-backup', ...T }));
      expect(isResourceFailedError(backup) && !isUnsupportedError(backup)).toBe(true);
      expect(backup?.fault?.message).toBe('simulated backup failure');
      expect(await cloud.deleteVolumeBackup('fail-backup', T)).toMatchObject({ deleted: true });

      sim.set({ failureRates: {} });
      const good = await cloud.createVolumeBackup({ volume: other.id, name: 'good-backup-2', ...T });
      sim.set({ failureRates: { 'backup.restore': 1 } });
      const restore = await failure(cloud.restoreVolumeBackup(good.id, { name: 'fail-restored', ...T }));
      expect(restore).toMatchObject({ status: 'error_restoring' });
      sim.set({ failureRates: {} });

      expect(await cloud.deleteVolumeBackup(good.id, T)).toMatchObject({ deleted: true });
      for (const name of ['fail-src', 'fail-restored', 'fail-bk']) expect(await cloud.deleteVolume(name, T)).toMatchObject({ deleted: true });
    } finally {
      await close();
    }
  }, 60_000);
});
