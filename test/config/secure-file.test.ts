import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCloudConfig, listCloudNames } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

const clouds = `clouds:
  prod:
    auth:
      auth_url: https://keystone.example.com/v3
      username: alice
      project_name: web
    regions: [r1]
    compute_api_version: '2.1'
`;

describe('secure.yaml', () => {
  it('is deep-merged over clouds.yaml, and both files are sources', async () => {
    const cloudsFile = await box.write('work/clouds.yaml', clouds);
    const secureFile = await box.write(`${box.userDir}/secure.yaml`, 'clouds:\n  prod:\n    auth:\n      password: s3cret\n    compute_api_version: "2.53"\n');
    const config = await loadCloudConfig(box.options());
    expect(config.auth).toMatchObject({ username: 'alice', password: 's3cret', projectName: 'web', authUrl: 'https://keystone.example.com/v3' });
    expect(config.services['compute']?.apiVersion).toBe('2.53');
    expect(config.regions).toEqual(['r1']);
    expect(config.sources).toEqual([cloudsFile, secureFile]);
  });

  it('OS_CLIENT_SECURE_FILE wins over the search path; secureFile option over both', async () => {
    await box.write('work/clouds.yaml', clouds);
    await box.write('work/secure.yaml', 'clouds: {prod: {auth: {password: from-cwd}}}');
    const envSecure = await box.write('x/env-secure.yaml', 'clouds: {prod: {auth: {password: from-env}}}');
    const optSecure = await box.write('x/opt-secure.json', '{"clouds": {"prod": {"auth": {"password": "from-option"}}}}');
    expect((await loadCloudConfig(box.options())).auth.password).toBe('from-cwd');
    expect((await loadCloudConfig(box.options({ env: { OS_CLIENT_SECURE_FILE: envSecure } }))).auth.password).toBe('from-env');
    expect((await loadCloudConfig(box.options({ env: { OS_CLIENT_SECURE_FILE: envSecure }, secureFile: optSecure }))).auth.password).toBe('from-option');
  });

  it('warns (without failing) when other users can read it', async () => {
    await box.write('work/clouds.yaml', clouds);
    const secureFile = await box.write('work/secure.yaml', 'clouds: {prod: {auth: {password: pw}}}', 0o644);
    const config = await loadCloudConfig(box.options());
    expect(config.auth.password).toBe('pw');
    expect(box.warnings).toHaveLength(1);
    expect(box.warnings[0]).toContain(secureFile);
    expect(box.warnings[0]).toContain('644');
    expect(box.warnings[0]).not.toContain('pw ');
  });

  it('does not warn when only the owner can read it', async () => {
    await box.write('work/clouds.yaml', clouds);
    await box.write('work/secure.yaml', 'clouds: {prod: {auth: {password: pw}}}', 0o600);
    await loadCloudConfig(box.options());
    expect(box.warnings).toEqual([]);
  });

  it('a cloud defined only in secure.yaml is still a cloud', async () => {
    await box.write('work/clouds.yaml', clouds);
    await box.write('work/secure.yaml', 'clouds:\n  hidden:\n    auth: {auth_url: "https://h/v3", token: tok}\n');
    expect((await listCloudNames(box.options())).clouds).toEqual(['prod', 'hidden']);
    expect((await loadCloudConfig(box.options({ cloud: 'hidden' }))).authType).toBe('token');
  });

  it('a top-level cache: section applies to every cloud; the cloud may refine it', async () => {
    await box.write('work/clouds.yaml', `cache:\n  store: file\n  path: /tmp/c\n  expiration_time: 60\n${clouds.replace('    regions: [r1]', '    regions: [r1]\n    cache: {expiration: {compute.servers: 5}}')}`);
    await box.write('work/secure.yaml', 'clouds: {prod: {auth: {password: pw}}}');
    const config = await loadCloudConfig(box.options());
    expect(config.cache).toEqual({ store: 'file', path: '/tmp/c', expirationTime: 60, expiration: { 'compute.servers': 5 } });
  });
});
