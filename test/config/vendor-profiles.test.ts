import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { listVendorProfiles, loadCloudConfig } from '../../src/config/index.js';
import { bundledVendorsDir } from '../../src/config/vendor-profiles.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

const user = 'auth: {username: me, password: pw, project_name: p}';

describe('bundled vendor profiles', () => {
  it('are found by walking up from the module to the package root', async () => {
    const dir = bundledVendorsDir();
    expect(dir).toBe(join(process.cwd(), 'vendors'));
    const files = (await readdir(dir!)).filter((f) => f.endsWith('.json'));
    expect(listVendorProfiles()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it('every bundled profile has a name matching its file and an https auth_url', async () => {
    for (const name of listVendorProfiles()) {
      const data = JSON.parse(await readFile(join(bundledVendorsDir()!, `${name}.json`), 'utf8')) as { name: string; profile: { auth: { auth_url: string } } };
      expect(data.name).toBe(name);
      expect(data.profile.auth.auth_url).toMatch(/^https:\/\//);
    }
  });

  it('profile: vexxhost supplies auth_url, regions and versions; the cloud adds credentials', async () => {
    await box.write('work/clouds.yaml', `clouds:\n  mine:\n    profile: vexxhost\n    ${user}\n`);
    const config = await loadCloudConfig(box.options());
    expect(config.authType).toBe('v3password');
    expect(config.auth).toMatchObject({ authUrl: 'https://auth.vexxhost.net/v3', username: 'me', password: 'pw' });
    expect(config.regions).toEqual(['ca-ymq-1']);
    expect(config.identityApiVersion).toBe('3');
    expect(config.services['dns']?.apiVersion).toBe('1');
    expect(config.floatingIpSource).toBe('none');
    expect(config.sources).toEqual([join(bundledVendorsDir()!, 'vexxhost.json'), `${box.cwd}/clouds.yaml`]);
  });

  it("the cloud's own keys win over the profile's, merged deeply", async () => {
    await box.write('work/clouds.yaml', `clouds:\n  mine:\n    profile: ovh\n    auth: {auth_url: 'https://other.example/v3', username: me, password: pw}\n    regions: [GRA]\n`);
    const config = await loadCloudConfig(box.options());
    expect(config.auth.authUrl).toBe('https://other.example/v3');
    expect(config.regions).toEqual(['GRA']);
    expect(config.identityApiVersion).toBe('3');
  });

  it('fills {region_name} in a profile auth_url (citycloud) from the chosen region', async () => {
    await box.write('work/clouds.yaml', `clouds:\n  city:\n    profile: citycloud\n    ${user}\n`);
    expect((await loadCloudConfig(box.options({ region: 'Fra1' }))).auth.authUrl).toBe('https://Fra1.citycloud.com:5000/v3/');
    expect((await loadCloudConfig(box.options())).auth.authUrl).toBe('https://Buf1.citycloud.com:5000/v3/');
  });

  it('status: shutdown raises a ConfigError with the vendor message', async () => {
    await box.write('work/clouds.yaml', `clouds:\n  old:\n    profile: datacentred\n    ${user}\n`);
    const err = await loadCloudConfig(box.options()).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toMatch(/datacentred refers to a cloud that no longer exists: DataCentred ceased trading/);
  });

  it('status: deprecated warns and still loads', async () => {
    await box.write('vendors/fading.json', JSON.stringify({ name: 'fading', profile: { status: 'deprecated', message: 'moving to new-cloud', auth: { auth_url: 'https://f/v3' } } }));
    await box.write('work/clouds.yaml', `clouds:\n  f:\n    profile: fading\n    ${user}\n`);
    const config = await loadCloudConfig(box.options({ vendorsDir: `${box.root}/vendors` }));
    expect(config.auth.authUrl).toBe('https://f/v3');
    expect(box.warnings).toEqual(['profile fading is deprecated: moving to new-cloud']);
  });

  it('clouds-public.yaml profiles win over bundled ones of the same name', async () => {
    const publicFile = await box.write(`${box.userDir}/clouds-public.yaml`, "public-clouds:\n  vexxhost:\n    auth: {auth_url: 'https://mirror.example/v3'}\n    regions: [here]\n");
    await box.write('work/clouds.yaml', `clouds:\n  mine:\n    profile: vexxhost\n    ${user}\n`);
    const config = await loadCloudConfig(box.options());
    expect(config.auth.authUrl).toBe('https://mirror.example/v3');
    expect(config.regions).toEqual(['here']);
    expect(config.authType).toBe('password');
    expect(config.sources[0]).toBe(publicFile);
  });

  it('an unknown profile warns, listing the known ones', async () => {
    await box.write('work/clouds.yaml', `clouds:\n  mine:\n    profile: nosuchvendor\n    auth: {auth_url: 'https://k/v3', username: me, password: pw}\n`);
    const config = await loadCloudConfig(box.options());
    expect(config.auth.authUrl).toBe('https://k/v3');
    expect(box.warnings[0]).toMatch(/no vendor profile named "nosuchvendor" \(known: .*vexxhost/);
  });

  it('a profile name cannot walk out of the vendors folder', async () => {
    await box.write('secret.json', JSON.stringify({ name: 'x', profile: { auth: { auth_url: 'https://evil/v3' } } }));
    await box.write('work/clouds.yaml', `clouds:\n  mine:\n    profile: ../secret\n    auth: {auth_url: 'https://k/v3', username: me, password: pw}\n`);
    const config = await loadCloudConfig(box.options({ vendorsDir: `${box.root}/vendors` }));
    expect(config.auth.authUrl).toBe('https://k/v3');
  });

  it('a bad value in a profile is blamed on the profile file', async () => {
    await box.write('vendors/broken.json', JSON.stringify({ name: 'broken', profile: { regions: 'not-a-list' } }));
    await box.write('work/clouds.yaml', `clouds:\n  b:\n    profile: broken\n    ${user}\n`);
    const err = await loadCloudConfig(box.options({ vendorsDir: `${box.root}/vendors` })).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`${box.root}/vendors/broken.json: profile.regions: expected a list of regions`);
  });
});
