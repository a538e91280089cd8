import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { listCloudNames, loadAllCloudConfigs, loadCloudConfig } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

describe('inventories', () => {
  it('loadAllCloudConfigs yields every (cloud, region) pair, with region values applied', async () => {
    await box.write(
      'work/clouds.yaml',
      "clouds:\n  multi:\n    auth: {auth_url: 'https://m/v3', token: t}\n    regions: [r1, {name: r2, values: {interface: internal}}]\n  single:\n    auth: {auth_url: 'https://s/v3', token: t}\n",
    );
    const all = await loadAllCloudConfigs(box.options({ env: { OS_AUTH_URL: 'https://e/v3', OS_TOKEN: 't', OS_REGION_NAME: 'er' } }));
    expect(all.map((c) => [c.name, c.region, c.interface[0]])).toEqual([
      ['multi', 'r1', 'public'],
      ['multi', 'r2', 'internal'],
      ['single', undefined, 'public'],
      ['envvars', 'er', 'public'],
    ]);
  });

  it('listCloudNames reports the files read, including secure.yaml and clouds-public.yaml', async () => {
    const clouds = await box.write('work/clouds.yaml', 'clouds: {a: {}}\n');
    const secure = await box.write(`${box.userDir}/secure.yml`, 'clouds: {a: {}}\n');
    const pub = await box.write(`${box.etc}/clouds-public.yaml`, 'public-clouds: {}\n');
    expect(await listCloudNames(box.options())).toEqual({ clouds: ['a'], files: [clouds, secure, pub] });
  });

  it('a broken cloud does not stop loading a good one by name', async () => {
    await box.write('work/clouds.yaml', "clouds:\n  good:\n    auth: {auth_url: 'https://g/v3', token: t}\n  bad:\n    auth_type: bogus\n");
    expect((await loadCloudConfig(box.options({ cloud: 'good' }))).name).toBe('good');
    const err = await loadAllCloudConfigs(box.options()).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
  });

  it('YAML keys named __proto__ or constructor never reach prototypes', async () => {
    await box.write('work/clouds.yaml', "clouds:\n  __proto__:\n    polluted: yes\n  constructor:\n    auth: {auth_url: 'https://c/v3', token: t}\n    __proto__: {verify: false}\n");
    expect((await listCloudNames(box.options())).clouds).toEqual(['__proto__', 'constructor']);
    const config = await loadCloudConfig(box.options({ cloud: 'constructor' }));
    expect(config.verify).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['verify']).toBeUndefined();
  });

  it('YAML anchors and merge keys work as with PyYAML', async () => {
    await box.write(
      'work/clouds.yaml',
      "base: &base\n  auth: {auth_url: 'https://k/v3', token: t}\n  interface: internal\nclouds:\n  a:\n    <<: *base\n    region_name: ra\n",
    );
    expect(await loadCloudConfig(box.options())).toMatchObject({ name: 'a', region: 'ra', interface: ['internal'], authType: 'token' });
  });
});
