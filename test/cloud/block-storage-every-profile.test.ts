/**
 * Block storage on every simulated generation (and cinder v1, pinned on Icehouse): volume updates, filters,
 * bootable and read-only flags, extend (attached volumes only from 3.42: a typed UnsupportedError before any
 * action on older clouds), cinder attachment records (3.27+), a forced snapshot of an attached volume, volume types (admin management through the sim's `volumeAdmin` knob, 403 without),
 * retype and the one delete contract. Requests are counted in the simulator's log.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/sim/index.js';
import { ForbiddenError, isUnsupportedError, NotFoundError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

const CASES = [...PROFILES.map((profile) => ({ label: profile, profile, extra: {} })), { label: 'icehouse (cinder v1)', profile: 'icehouse' as const, extra: { volume_api_version: '1' } }];
const T = { timeoutMs: 20_000 };

describe.each(CASES)('block storage on $label', ({ profile, extra }) => {
  it('updates a volume, filters the list, sets bootable and read-only, extends it and deletes it once', async () => {
    const { sim, cloud, close } = await simCloud({ profile, extra });
    try {
      const cinder = await cloud.service('block-storage');
      expect(cinder.version.replace(/^v/, '').split('.')[0]).toBe('volume_api_version' in extra ? '1' : profile === 'icehouse' || profile === 'kilo' ? '2' : '3');
      const created = await cloud.createVolume({ name: 'bs-1', size: 1, metadata: { tier: 'bronze' } });
      await cloud.createVolume({ name: 'bs-2', size: 1 });
      expect(created.metadata).toMatchObject({ tier: 'bronze' });

      const updated = await cloud.updateVolume('bs-1', { name: 'bs-data', description: 'logs', metadata: { tier: 'gold' } });
      expect(updated).toMatchObject({ id: created.id, name: 'bs-data', description: 'logs', metadata: { tier: 'gold' } });

      const booted = await cloud.setVolumeBootable('bs-data', true);
      expect(booted.bootable).toBe(true);
      const ro = await cloud.setVolumeReadOnly(created.id, true);
      expect(ro.readOnly).toBe(true);
      expect((await cloud.setVolumeReadOnly(created.id, false)).readOnly).toBe(false);

      sim.requests.reset();
      const names = async (options: Parameters<typeof cloud.listVolumes>[0]) => {
        const out: string[] = [];
        for await (const v of cloud.listVolumes(options)) out.push(v.name);
        return out.sort();
      };
      expect(await names({ metadata: { tier: 'gold' } })).toEqual(['bs-data']);
      expect(await names({ bootable: true })).toEqual(['bs-data']);
      expect(await names({ bootable: false, status: 'available' })).toEqual(['bs-2']);
      expect(await names({ name: 'bs-2' })).toEqual(['bs-2']);
      // The filters went to cinder, not only through the local check.
      const queries = sim.requests.all().filter((r) => r.service === 'volume' && r.path.endsWith('/volumes/detail')).map((r) => decodeURIComponent(r.query));
      expect(queries.some((q) => q.includes('metadata={"tier":"gold"}'))).toBe(true);
      expect(queries.some((q) => q.includes('bootable=true'))).toBe(true);

      sim.requests.reset();
      const extended = await cloud.extendVolume('bs-data', { size: 3, ...T });
      expect(extended).toMatchObject({ size: 3, status: 'available' });
      expect(sim.requests.count({ service: 'volume', method: 'POST', path: /\/action$/ })).toBe(1);
      const tasks = await cloud.tasks.list({ resourceId: created.id });
      expect(tasks.map((t) => t.kind)).toContain('volume.extend');

      expect(await cloud.deleteVolume('bs-data', T)).toEqual({ deleted: true, id: created.id });
      expect(await cloud.deleteVolume('bs-data', T)).toEqual({ deleted: false });
      await expect(cloud.getVolume(created.id)).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await close();
    }
  }, 120_000);

  it('an attached volume: cinder attachment records (3.27+), a forced snapshot, and an extend from 3.42 (UnsupportedError before any action below)', async () => {
    const { sim, cloud, close } = await simCloud({ profile, extra });
    try {
      const holder = await cloud.createServer({ name: 'bs-holder', image: 'cirros', flavor: 'm1.nano', network: 'auto', ...T });
      const volume = await cloud.createVolume({ name: 'bs-attached', size: 1 });
      await cloud.attachVolume(holder.id, volume.id, T);
      const cinder = await cloud.service('block-storage');

      // cinder's attachment records (3.27+) name the same attachment the volume shows.
      sim.requests.reset();
      const [seen] = (await cloud.getVolume(volume.id)).attachments;
      const records = await (async () => {
        const out = [];
        for await (const a of cloud.listVolumeAttachments({ filters: { volumeId: volume.id } })) out.push(a);
        return out;
      })().then((r) => r, (e: unknown) => e);
      if (cinder.supports('3.27')) {
        expect(records).toEqual([expect.objectContaining({ id: seen?.attachmentId, serverId: holder.id, volumeId: volume.id, status: 'attached', attachMode: 'rw' })]);
        expect((await cloud.getVolumeAttachment(seen?.attachmentId ?? '')).serverId).toBe(holder.id);
      } else {
        expect(isUnsupportedError(records)).toBe(true);
        expect(sim.requests.count({ service: 'volume', path: /\/attachments/ })).toBe(0);
      }

      // A snapshot of the attached volume needs force (cinder 3.66 stopped asking; Canopy never sends force: false).
      const snapshot = await cloud.createVolumeSnapshot({ volume: 'bs-attached', name: 'bs-in-use', force: true, ...T });
      expect(snapshot).toMatchObject({ status: 'available', volumeId: volume.id });
      expect(await cloud.deleteVolumeSnapshot('bs-in-use', T)).toMatchObject({ deleted: true });

      sim.requests.reset();
      const outcome = await cloud.extendVolume('bs-attached', { size: 2, ...T }).then((v) => v, (e: unknown) => e);
      if (cinder.supports('3.42')) {
        expect(outcome).toMatchObject({ size: 2, status: 'in-use' });
        expect(sim.requests.all().find((r) => r.method === 'POST' && r.path.endsWith('/action'))?.microversion).toBe('3.42');
      } else {
        expect(isUnsupportedError(outcome)).toBe(true);
        expect((outcome as Error).message).toMatch(/extending an attached \(in-use\) volume needs 3\.42/);
        expect(sim.requests.count({ service: 'volume', method: 'POST', path: /\/action$/ })).toBe(0);
      }
    } finally {
      await close();
    }
  }, 120_000);

  it('volume types: members list them and get 403 managing them; an admin creates types with extra specs, volumes by type name, a retype, and deletes', async () => {
    const { sim, cloud, close } = await simCloud({ profile, extra });
    try {
      const seeded: string[] = [];
      for await (const t of cloud.listVolumeTypes()) seeded.push(t.name);
      await expect(cloud.createVolumeType({ name: 'fast' })).rejects.toBeInstanceOf(ForbiddenError);

      sim.set({ volumeAdmin: true });
      const fast = await cloud.createVolumeType({ name: 'fast', description: 'SSD', extraSpecs: { volume_backend_name: 'ssd' } });
      expect(fast).toMatchObject({ name: 'fast', description: 'SSD', isPublic: true, extraSpecs: { volume_backend_name: 'ssd' } });
      await cloud.createVolumeType({ name: 'slow' });
      expect((await cloud.setVolumeTypeExtraSpecs('slow', { tier: '3', spare: 'x' })).extraSpecs).toEqual({ tier: '3', spare: 'x' });
      expect((await cloud.unsetVolumeTypeExtraSpecs('slow', ['spare', 'never-set'])).extraSpecs).toEqual({ tier: '3' });
      const listed: string[] = [];
      for await (const t of cloud.listVolumeTypes()) listed.push(t.name);
      expect(listed.sort()).toEqual([...seeded, 'fast', 'slow'].sort());
      expect((await cloud.getVolumeType(fast.id)).name).toBe('fast');
      expect(await cloud.findVolumeType('nothing')).toBeUndefined();

      const volume = await cloud.createVolume({ name: 'bs-typed', size: 1, volumeType: 'fast' });
      expect(volume.volumeType).toBe('fast');
      sim.requests.reset();
      const retyped = await cloud.retypeVolume('bs-typed', { volumeType: 'slow', migrationPolicy: 'on-demand', ...T });
      expect(retyped).toMatchObject({ volumeType: 'slow', status: 'available' });
      const action = sim.requests.all().filter((r) => r.method === 'POST' && r.path.endsWith('/action'));
      expect(action).toHaveLength(1);
      await expect(cloud.retypeVolume('bs-typed', { volumeType: 'no-such-type', ...T })).rejects.toBeInstanceOf(NotFoundError);

      await expect(cloud.deleteVolumeType('slow')).rejects.toThrow(/still in use/);
      expect(await cloud.deleteVolumeType('fast')).toMatchObject({ deleted: true });
      expect(await cloud.deleteVolumeType('fast')).toEqual({ deleted: false });
    } finally {
      await close();
    }
  }, 120_000);
});
