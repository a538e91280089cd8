/**
 * `canopy volume set|extend|retype`, `volume type create|set|delete` (admin, through the sim's volumeAdmin knob)
 * and `volume backup create|restore|delete` on a simulated Zed cloud, checked against what the SDK then reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { canopyIn, startSimCloud, type SimCloud } from './support/sim-cloud.js';

let sim: SimCloud;
let cloud: Cloud;

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed', volumeAdmin: true });
  cloud = await openCloud({ cloud: 'sim', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  await sim?.stop();
});

const canopy = (...args: string[]) => canopyIn(sim, ...args);

describe('canopy volume changes, types and backups', () => {
  it('volume set merges properties and sets the flags; extend grows it; retype changes its type', async () => {
    expect((await canopy('volume', 'create', 'cli-vol', '--size', '1')).code).toBe(0);
    expect((await canopy('volume', 'type', 'create', 'cli-fast', '--property', 'volume_backend_name=ssd')).code).toBe(0);
    const set = await canopy('volume', 'set', 'cli-vol', '--description', 'logs', '--property', 'a=1', '--property', 'b=2', '--bootable', '--read-only', '-f', 'json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({ description: 'logs', bootable: true, read_only: true, properties: { a: '1', b: '2', readonly: 'True' } });
    expect((await canopy('volume', 'set', 'cli-vol', '--property', 'c=3', '--no-read-only')).code).toBe(0);
    expect((await cloud.getVolume('cli-vol')).metadata).toMatchObject({ a: '1', b: '2', c: '3' });
    expect((await cloud.getVolume('cli-vol')).readOnly).toBe(false);

    const extended = await canopy('volume', 'extend', 'cli-vol', '--size', '2', '-f', 'json');
    expect(extended.code).toBe(0);
    expect(JSON.parse(extended.out)).toMatchObject({ size: 2, status: 'available' });
    const retyped = await canopy('volume', 'retype', 'cli-vol', '--type', 'cli-fast', '--migration-policy', 'on-demand', '-f', 'json');
    expect(retyped.code).toBe(0);
    expect(JSON.parse(retyped.out)).toMatchObject({ type: 'cli-fast' });
    expect((await canopy('volume', 'retype', 'cli-vol', '--type', 'cli-fast', '--migration-policy', 'sometimes')).code).not.toBe(0);

    const typeSet = await canopy('volume', 'type', 'set', 'cli-fast', '--description', 'SSD', '--property', 'tier=1', '-f', 'json');
    expect(typeSet.code).toBe(0);
    expect(JSON.parse(typeSet.out)).toMatchObject({ description: 'SSD', properties: { volume_backend_name: 'ssd', tier: '1' } });
  });

  it('volume backup create, restore to a new volume, delete', async () => {
    expect((await canopy('volume', 'backup', 'create', 'cli-bk', '--volume', 'cli-vol')).code).toBe(0);
    const backup = await cloud.getVolumeBackup('cli-bk');
    expect(backup.status).toBe('available');
    const restored = await canopy('volume', 'backup', 'restore', 'cli-bk', '--name', 'cli-restored', '-f', 'json');
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ backup: 'cli-bk', name: 'cli-restored', status: 'available', size: 2 });
    expect((await canopy('volume', 'backup', 'delete', 'cli-bk')).code).toBe(0);
    expect(await cloud.findVolumeBackup('cli-bk')).toBeUndefined();
  });
});
