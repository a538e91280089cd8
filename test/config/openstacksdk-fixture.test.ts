import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { listCloudNames, loadCloudConfig } from '../../src/config/index.js';

/** openstacksdk's own unit-test clouds.yaml, unchanged (test/fixtures/openstacksdk/NOTICE). */
const FIXTURE = new URL('../fixtures/openstacksdk/clouds.yaml', import.meta.url).pathname;
const options = { configFile: FIXTURE, env: {}, searchDirs: [new URL('.', import.meta.url).pathname + 'no-such-dir'], warn: () => {} };

describe("openstacksdk's clouds.yaml fixture", () => {
  it('lists its three clouds', async () => {
    expect((await listCloudNames(options)).clouds).toEqual(['_test_cloud_', '_test_cloud_v2_', '_bogus_test_']);
  });

  it('_test_cloud_ is a v3 password cloud in RegionOne', async () => {
    expect(await loadCloudConfig({ ...options, cloud: '_test_cloud_' })).toEqual({
      name: '_test_cloud_',
      region: 'RegionOne',
      regions: ['RegionOne'],
      authType: 'password',
      auth: {
        authUrl: 'https://identity.example.com',
        username: 'admin',
        password: 'password',
        projectName: 'admin',
        userDomainName: 'default',
        projectDomainName: 'default',
      },
      interface: ['public'],
      services: {},
      verify: true,
      networks: [],
      sources: [FIXTURE],
    });
  });

  it("_test_cloud_v2_ keeps identity_api_version '2.0'", async () => {
    const config = await loadCloudConfig({ ...options, cloud: '_test_cloud_v2_' });
    expect(config.identityApiVersion).toBe('2.0');
    expect(config.services['identity']).toEqual({ apiVersion: '2.0' });
  });

  it('_bogus_test_ (auth_type: bogus) is a ConfigError at its auth_type, without its password', async () => {
    const err = await loadCloudConfig({ ...options, cloud: '_bogus_test_' }).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`^${FIXTURE}: clouds\\._bogus_test_\\.auth_type: expected one of: password, `));
    expect((err as Error).message).not.toContain('_test_pass_');
  });
});
