import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInventory } from '../../../src/cloud/inventory/index.js';
import { isAmbiguousMatchError, isCanopyError } from '../../../src/errors/index.js';
import { startThreeClouds, type ThreeClouds } from './three-clouds.js';

let three: ThreeClouds;

beforeAll(async () => {
  three = await startThreeClouds();
}, 30_000);
afterAll(() => three?.stop());

describe('openInventory across three simulated clouds', () => {
  it('lists every cloud’s servers, each tagged with its cloud and region', async () => {
    const inventory = await openInventory({ configFile: three.configFile, env: {} });
    try {
      expect(inventory.targets).toEqual([
        { cloud: 'east', region: 'RegionOne' },
        { cloud: 'west', region: 'RegionOne' },
        { cloud: 'old', region: 'RegionOne' },
      ]);
      const { servers, errors } = await inventory.listServers();
      expect(errors).toEqual([]);
      const perCloud = servers.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.cloud]: (acc[s.cloud] ?? 0) + 1 }), {});
      expect(perCloud).toEqual({ east: 2, west: 1, old: 1 });
      expect(new Set(servers.map((s) => s.region))).toEqual(new Set(['RegionOne']));
    } finally {
      await inventory.close();
    }
  });

  it('with one cloud down, returns the other two clouds’ servers and one error for the one that is down', async () => {
    await three.sims.west.stop();
    const inventory = await openInventory({ configFile: three.configFile, env: {}, concurrency: 2 });
    try {
      const { servers, errors } = await inventory.listServers();
      expect(new Set(servers.map((s) => s.cloud))).toEqual(new Set(['east', 'old']));
      expect(servers).toHaveLength(3);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ cloud: 'west', region: 'RegionOne' });
      expect(isCanopyError(errors[0]?.error)).toBe(true);
      expect(errors[0]?.error.name).toBe('ConnectionError');
    } finally {
      await inventory.close();
    }
  });

  it('find() finds a server by name in whichever cloud has it; a name in two clouds is ambiguous', async () => {
    const inventory = await openInventory({ configFile: three.configFile, env: {}, clouds: ['east', 'old'] });
    try {
      const { servers } = await inventory.listServers();
      const onlyOld = servers.find((s) => s.cloud === 'old');
      const found = await inventory.find(onlyOld?.id ?? '');
      expect(found).toMatchObject({ id: onlyOld?.id, cloud: 'old' });
      expect(await inventory.find('no-such-server')).toBeUndefined();
      // Both simulators name their first pre-made server sim-server-00001.
      await expect(inventory.find('sim-server-00001')).rejects.toSatisfy(isAmbiguousMatchError);
      expect(await inventory.find('sim-server-00002')).toMatchObject({ cloud: 'east', name: 'sim-server-00002' });
    } finally {
      await inventory.close();
    }
  });

  it('an unknown cloud name is a configuration error', async () => {
    await expect(openInventory({ configFile: three.configFile, env: {}, clouds: ['east', 'nowhere'] })).rejects.toThrow(/"nowhere" not found/);
  });
});
