import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { loadCloudConfig } from '../../src/config/index.js';
import { defaultAuthType, fixUpAuth } from '../../src/config/auth-config.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

/** Loads a single cloud given as a JSON-ish object (written as clouds.json). */
async function load(cloud: Record<string, unknown>) {
  await box.write('work/clouds.json', JSON.stringify({ clouds: { c: cloud } }));
  return loadCloudConfig(box.options());
}

async function loadError(cloud: Record<string, unknown>): Promise<Error> {
  const err = await load(cloud).catch((e: unknown) => e);
  expect(isConfigError(err)).toBe(true);
  return err as Error;
}

const url = 'https://k.example/v3';

describe('auth types: what each needs', () => {
  it.each([
    ['password', { auth_url: url, username: 'u', password: 'p' }],
    ['password', { auth_url: url, user_id: 'uid', password: 'p' }],
    ['v3password', { auth_url: url, username: 'u', password: 'p', user_domain_name: 'Default' }],
    ['v2password', { auth_url: 'https://k/v2.0', username: 'u', password: 'p', tenant_name: 't' }],
    ['token', { auth_url: url, token: 'tok' }],
    ['v3token', { auth_url: url, token: 'tok', project_id: 'p' }],
    ['v2token', { auth_url: 'https://k/v2.0', token: 'tok' }],
    ['v3applicationcredential', { auth_url: url, application_credential_id: 'id', application_credential_secret: 's' }],
    ['v3applicationcredential', { auth_url: url, application_credential_name: 'n', username: 'u', application_credential_secret: 's' }],
    ['admin_token', { token: 'tok', endpoint: 'https://svc' }],
    ['none', { endpoint: 'https://svc' }],
  ])('%s accepts %j', async (authType, auth) => {
    expect((await load({ auth_type: authType, auth })).authType).toBe(authType);
  });

  it.each([
    ['password', { username: 'u', password: 'p' }, 'auth.auth_url (OS_AUTH_URL)'],
    ['password', { auth_url: url, password: 'p' }, 'auth.username or auth.user_id'],
    ['v3password', { auth_url: url, username: 'u' }, 'auth.password (OS_PASSWORD)'],
    ['v2password', { auth_url: url, user_id: 'u' }, 'auth.password'],
    ['token', { auth_url: url }, 'auth.token (OS_TOKEN)'],
    ['v2token', { token: 't' }, 'auth.auth_url'],
    ['v3applicationcredential', { auth_url: url, application_credential_id: 'id' }, 'auth.application_credential_secret'],
    ['v3applicationcredential', { auth_url: url, application_credential_name: 'n', application_credential_secret: 's' }, 'application_credential_name with auth.user_id or auth.username'],
    ['admin_token', { token: 't' }, 'auth.endpoint or a <service>_endpoint_override'],
    ['none', {}, 'auth.endpoint or a <service>_endpoint_override'],
  ])('%s with %j is missing %s', async (authType, auth, missing) => {
    const err = await loadError({ auth_type: authType, auth });
    expect(err.message).toContain(`${box.cwd}/clouds.json: clouds.c.auth: auth_type ${authType} needs`);
    expect(err.message).toContain(missing);
    expect(err.message).toContain(`set it in ${box.cwd}/clouds.json`);
  });

  it('none is satisfied by a per-service endpoint override', async () => {
    const config = await load({ auth_type: 'none', compute_endpoint_override: 'https://nova' });
    expect(config.services['compute']?.endpointOverride).toBe('https://nova');
  });

  it('an unknown auth type names the key and the accepted ones', async () => {
    const err = await loadError({ auth_type: 'v3oidcpassword', auth: { auth_url: url } });
    expect(err.message).toBe(`${box.cwd}/clouds.json: clouds.c.auth_type: expected one of: password, v3password, v2password, token, v3token, v2token, v3applicationcredential, admin_token, none`);
  });
});

describe('default auth type', () => {
  it.each([
    [{ application_credential_id: 'i', application_credential_secret: 's' }, 'v3applicationcredential'],
    [{ application_credential_name: 'n' }, 'v3applicationcredential'],
    [{ token: 't' }, 'token'],
    [{ token: 't', username: 'u', password: 'p' }, 'password'],
    [{ username: 'u', password: 'p' }, 'password'],
    [{}, 'password'],
  ] as const)('%j → %s', (auth, expected) => {
    expect(defaultAuthType(auth)).toBe(expected);
  });
});

describe('fix-ups', () => {
  it.each([
    ['tenant_* become project_*', { tenant_name: 't', tenant_id: 'tid' }, { projectName: 't', projectId: 'tid' }],
    ['project_* beat tenant_*', { tenant_name: 't', project_name: 'p' }, { projectName: 'p' }],
    [
      'domain_name fills both domains and is dropped when a project is given',
      { domain_name: 'D', project_name: 'p' },
      { projectName: 'p', userDomainName: 'D', projectDomainName: 'D' },
    ],
    ['domain_id fills ids', { domain_id: 'did', project_id: 'p' }, { projectId: 'p', userDomainId: 'did', projectDomainId: 'did' }],
    ['explicit user/project domains win over domain_*', { domain_name: 'D', user_domain_name: 'U', project_domain_id: 'pd', project_name: 'p' }, { projectName: 'p', userDomainName: 'U', projectDomainId: 'pd' }],
    ['without a project, domain_* is the scope', { domain_name: 'D', username: 'u' }, { username: 'u', userDomainName: 'D', domainName: 'D' }],
  ])('%s', (_title, raw, expected) => {
    expect(fixUpAuth(raw)).toEqual(expected);
  });

  it('keys accept - as well as _, and _ wins when both are written', async () => {
    const config = await load({ 'auth-type': 'password', auth: { 'auth-url': 'https://dash/v3', auth_url: url, 'user-name': 'x', username: 'u', password: 'p', 'project-domain-name': 'PD' } });
    expect(config.auth).toMatchObject({ authUrl: url, username: 'u', projectDomainName: 'PD' });
  });

  it('auth keys at the top of a cloud move into auth', async () => {
    const config = await load({ auth_url: url, username: 'u', password: 'p', auth: { project_name: 'p' } });
    expect(config.auth).toEqual({ authUrl: url, username: 'u', password: 'p', projectName: 'p' });
  });

  it('numbers in YAML stay exactly as written (password: 0123, identity_api_version: 2.0)', async () => {
    await box.write('work/clouds.yaml', 'clouds:\n  c:\n    identity_api_version: 2.0\n    auth:\n      auth_url: https://k/v2.0\n      username: u\n      password: 0123\n      project_id: 00042\n');
    const config = await loadCloudConfig(box.options());
    expect(config.auth.password).toBe('0123');
    expect(config.auth.projectId).toBe('00042');
    expect(config.identityApiVersion).toBe('2.0');
  });
});
