import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCloudNames, loadCloudConfig } from '../../src/config/index.js';
import { envCloudEntry } from '../../src/config/env-cloud.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

const passwordEnv = { OS_AUTH_URL: 'https://k.example/v3', OS_USERNAME: 'alice', OS_PASSWORD: 'pw', OS_PROJECT_NAME: 'web' };

describe('OS_* variables', () => {
  it.each([
    ['OS_AUTH_URL', 'https://k/v3', { auth: { auth_url: 'https://k/v3' } }],
    ['OS_USER_ID', 'u1', { auth: { user_id: 'u1' } }],
    ['OS_TENANT_NAME', 't', { auth: { tenant_name: 't' } }],
    ['OS_TENANT_ID', 't1', { auth: { tenant_id: 't1' } }],
    ['OS_PROJECT_ID', 'p1', { auth: { project_id: 'p1' } }],
    ['OS_USER_DOMAIN_ID', 'd', { auth: { user_domain_id: 'd' } }],
    ['OS_PROJECT_DOMAIN_NAME', 'D', { auth: { project_domain_name: 'D' } }],
    ['OS_DOMAIN_NAME', 'D', { auth: { domain_name: 'D' } }],
    ['OS_TOKEN', 'tok', { auth: { token: 'tok' } }],
    ['OS_APPLICATION_CREDENTIAL_SECRET', 's', { auth: { application_credential_secret: 's' } }],
    ['OS_URL', 'https://svc', { auth: { endpoint: 'https://svc' } }],
    ['OS_AUTH_TYPE', 'v3token', { auth_type: 'v3token' }],
    ['OS_INTERFACE', 'internal', { interface: 'internal' }],
    ['OS_IDENTITY_API_VERSION', '3', { identity_api_version: '3' }],
    ['OS_CACERT', '/ca.pem', { cacert: '/ca.pem' }],
    ['OS_INSECURE', 'true', { insecure: 'true' }],
    ['OS_COMPUTE_API_VERSION', '2.79', { compute_api_version: '2.79' }],
    ['OS_VOLUME_API_VERSION', '3', { volume_api_version: '3' }],
  ])('%s maps into the cloud', (name, value, expected) => {
    expect(envCloudEntry({ [name]: value })).toEqual(expected);
  });

  it.each([
    [{ OS_CLOUD: 'prod' }],
    [{ OS_CLOUD: 'prod', OS_REGION_NAME: 'r', OS_CLIENT_CONFIG_FILE: '/x', OS_CLIENT_SECURE_FILE: '/y', OS_CLOUD_NAME: 'n' }],
    [{ OS_ACTIVITY_MODE: 'disable', PATH: '/bin' }],
    [{ OS_PASSWORD: '' }],
  ])('selector-only or unrelated variables form no cloud: %j', (env) => {
    expect(envCloudEntry(env)).toBeUndefined();
  });

  it('form a cloud named envvars, chosen over the only cloud in the file', async () => {
    await box.write('work/clouds.yaml', "clouds:\n  file:\n    auth: {auth_url: 'https://f/v3', token: t}\n");
    const config = await loadCloudConfig(box.options({ env: { ...passwordEnv, OS_REGION_NAME: 'RegionTwo' } }));
    expect(config).toMatchObject({ name: 'envvars', authType: 'password', region: 'RegionTwo', regions: ['RegionTwo'], sources: [] });
    expect(config.auth).toEqual({ authUrl: 'https://k.example/v3', username: 'alice', password: 'pw', projectName: 'web' });
    expect((await listCloudNames(box.options({ env: passwordEnv }))).clouds).toEqual(['file', 'envvars']);
  });

  it('OS_CLOUD_NAME renames the environment cloud', async () => {
    const config = await loadCloudConfig(box.options({ env: { ...passwordEnv, OS_CLOUD_NAME: 'from-env' } }));
    expect(config.name).toBe('from-env');
  });

  it('OS_CLOUD picks a file cloud even when OS_* credentials are set', async () => {
    await box.write('work/clouds.yaml', "clouds:\n  file:\n    auth: {auth_url: 'https://f/v3', token: t}\n");
    const config = await loadCloudConfig(box.options({ env: { ...passwordEnv, OS_CLOUD: 'file' } }));
    expect(config.name).toBe('file');
    expect(config.auth.username).toBeUndefined();
  });

  it('OS_INSECURE and OS_<SVC>_API_VERSION become settings', async () => {
    const config = await loadCloudConfig(box.options({ env: { ...passwordEnv, OS_INSECURE: 'True', OS_VOLUME_API_VERSION: '3', OS_INTERFACE: 'internal' } }));
    expect(config.verify).toBe(false);
    expect(config.services['block-storage']?.apiVersion).toBe('3');
    expect(config.interface).toEqual(['internal']);
  });
});
