import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { loadCloudConfig } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

const cloud = (extra: string) => `clouds:\n  c:\n    auth: {auth_url: 'https://k/v3', token: t}\n${extra}`;

describe('regions', () => {
  it('a list of strings: the first is the default', async () => {
    await box.write('work/clouds.yaml', cloud('    regions: [r1, r2]\n'));
    expect(await loadCloudConfig(box.options())).toMatchObject({ region: 'r1', regions: ['r1', 'r2'] });
    expect((await loadCloudConfig(box.options({ region: 'r2' }))).region).toBe('r2');
  });

  it('OS_REGION_NAME chooses among the listed regions', async () => {
    await box.write('work/clouds.yaml', cloud('    regions: [r1, r2]\n'));
    expect((await loadCloudConfig(box.options({ env: { OS_REGION_NAME: 'r2' } }))).region).toBe('r2');
  });

  it('{name, values} entries override keys for that region only', async () => {
    await box.write(
      'work/clouds.yaml',
      cloud("    compute_api_version: '2.1'\n    regions:\n      - r1\n      - name: r2\n        values:\n          compute_api_version: '2.60'\n          networks: [{name: ext, routes_externally: true}]\n"),
    );
    const r1 = await loadCloudConfig(box.options());
    const r2 = await loadCloudConfig(box.options({ region: 'r2' }));
    expect(r1.services['compute']?.apiVersion).toBe('2.1');
    expect(r1.networks).toEqual([]);
    expect(r2.services['compute']?.apiVersion).toBe('2.60');
    expect(r2.networks).toEqual([{ name: 'ext', routesExternally: true, routesIpv4Externally: true, routesIpv6Externally: true }]);
  });

  it('region_name alone is the single region', async () => {
    await box.write('work/clouds.yaml', cloud('    region-name: RegionOne\n'));
    expect(await loadCloudConfig(box.options())).toMatchObject({ region: 'RegionOne', regions: ['RegionOne'] });
  });

  it('region_name picks the default among regions', async () => {
    await box.write('work/clouds.yaml', cloud('    regions: [r1, r2]\n    region_name: r2\n'));
    expect((await loadCloudConfig(box.options())).region).toBe('r2');
  });

  it('no regions at all: region undefined, any requested region accepted', async () => {
    await box.write('work/clouds.yaml', cloud(''));
    expect(await loadCloudConfig(box.options())).toMatchObject({ regions: [] });
    expect((await loadCloudConfig(box.options())).region).toBeUndefined();
    expect((await loadCloudConfig(box.options({ region: 'x' }))).region).toBe('x');
  });

  it('an unknown region is an error listing the regions', async () => {
    await box.write('work/clouds.yaml', cloud('    regions: [r1, {name: r2}]\n'));
    const err = await loadCloudConfig(box.options({ region: 'r9' })).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toBe(`${box.cwd}/clouds.yaml: clouds.c.regions: cloud c has no region "r9"; its regions are: r1, r2`);
  });

  it('a region entry that is neither a string nor {name, values} names its index', async () => {
    await box.write('work/clouds.yaml', cloud('    regions: [r1, [nested]]\n'));
    const err = await loadCloudConfig(box.options()).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`${box.cwd}/clouds.yaml: clouds.c.regions.1: expected a string or {name, values}`);
  });

  it('a bad value inside a region names the full path', async () => {
    await box.write('work/clouds.yaml', cloud('    regions:\n      - name: r1\n        values: {verify: perhaps}\n'));
    const err = await loadCloudConfig(box.options()).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`${box.cwd}/clouds.yaml: clouds.c.regions.0.values.verify: expected true or false`);
  });
});
