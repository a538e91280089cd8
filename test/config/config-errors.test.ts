import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError, type ConfigError } from '../../src/errors/index.js';
import { loadCloudConfig } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

async function errorFor(yaml: string, options = {}): Promise<ConfigError> {
  await box.write('work/clouds.yaml', yaml);
  const err = await loadCloudConfig(box.options(options)).catch((e: unknown) => e);
  expect(isConfigError(err)).toBe(true);
  return err as ConfigError;
}

const SECRET = 'Hunter2-Very-Secret';

describe('errors name the file, the cloud and the key path', () => {
  it.each([
    ['    regions: [r1, [7]]\n', 'clouds.prod.regions.1', 'expected a string or {name, values}'],
    ['    regions: [r1, {values: {}}]\n', 'clouds.prod.regions.1.name', 'expected a string'],
    ['    regions: oops\n', 'clouds.prod.regions', 'expected a list of regions'],
    ['    api_timeout: soon\n', 'clouds.prod.api_timeout', 'expected a number (zero or more)'],
    ['    verify: maybe\n', 'clouds.prod.verify', 'expected true or false'],
    ['    floating_ip_source: magic\n', 'clouds.prod.floating_ip_source', 'expected neutron, nova or None'],
    ['    networks: [{routes_externally: true}]\n', 'clouds.prod.networks.0.name', 'expected a string'],
    ['    cache: {store: disk}\n', 'clouds.prod.cache.store', 'expected memory, file or redis'],
    ['    rate_limit: {compute: fast}\n', 'clouds.prod.rate_limit.compute', 'expected a number (zero or more)'],
    ['    auth: [a, b]\n', 'clouds.prod.auth', 'expected a mapping of credentials'],
  ])('%j → %s', async (extra, keyPath, expected) => {
    const err = await errorFor(`clouds:\n  prod:\n    auth_type: token\n${extra.startsWith('    auth:') ? '' : "    auth: {auth_url: 'https://k/v3', token: t}\n"}${extra}`);
    expect(err.message).toBe(`${box.cwd}/clouds.yaml: ${keyPath}: ${expected}`);
    expect(err.file).toBe(`${box.cwd}/clouds.yaml`);
    expect(err.cloud).toBe('prod');
    expect(err.keyPath?.join('.')).toBe(keyPath);
  });

  it('a cloud that is not a mapping', async () => {
    const err = await errorFor('clouds:\n  prod: just-a-string\n');
    expect(err.message).toBe(`${box.cwd}/clouds.yaml: clouds.prod: expected a mapping of cloud settings`);
  });

  it('clouds: that is not a mapping', async () => {
    const err = await errorFor('clouds: [a, b]\n');
    expect(err.message).toBe(`${box.cwd}/clouds.yaml: clouds: expected a mapping of cloud name → settings`);
  });

  it('a file that is not a mapping at the top', async () => {
    const err = await errorFor('- just\n- a list\n');
    expect(err.message).toContain(`${box.cwd}/clouds.yaml: expected a mapping at the top level`);
  });

  it('a value in secure.yaml is blamed on secure.yaml', async () => {
    await box.write('work/secure.yaml', 'clouds:\n  prod:\n    verify: sometimes\n');
    const err = await errorFor("clouds:\n  prod:\n    auth: {auth_url: 'https://k/v3', token: t}\n");
    expect(err.message).toBe(`${box.cwd}/secure.yaml: clouds.prod.verify: expected true or false`);
  });

  it('a bad override names overrides', async () => {
    const err = await errorFor("clouds:\n  prod:\n    auth: {auth_url: 'https://k/v3', token: t}\n", { overrides: { api_timeout: -1 } });
    expect(err.message).toBe('overrides.api_timeout: expected a number (zero or more)');
  });

  it('malformed YAML gives the file and the line', async () => {
    const err = await errorFor('clouds:\n  prod:\n    auth:\n      auth_url: https://k/v3\n     username: me\n');
    expect(err.message).toMatch(new RegExp(`^${box.cwd}/clouds.yaml: malformed YAML at line 5, column \\d+: `));
  });
});

describe('secrets never appear in messages', () => {
  it.each([
    ['a malformed line holding the password', `clouds:\n  prod:\n    auth:\n      password: ${SECRET} x: [\n`],
    ['a password that is a list', `clouds:\n  prod:\n    auth: {auth_url: 'https://k/v3', username: u, password: [${SECRET}]}\n`],
    ['a token in the wrong place', `clouds:\n  prod:\n    auth: {auth_url: 'https://k/v3', token: t}\n    regions: [{name: r, values: {auth: {token: {x: ${SECRET}}}}}]\n`],
    ['a secret with a missing auth_url', `clouds:\n  prod:\n    auth: {application_credential_id: i, application_credential_secret: ${SECRET}}\n`],
    ['a password used as a verify flag', `clouds:\n  prod:\n    auth: {auth_url: 'https://k/v3', token: t}\n    verify: ${SECRET}\n`],
    ['a password used as a region', `clouds:\n  prod:\n    auth: {auth_url: 'https://k/v3', password: ${SECRET}, username: u}\n    regions: [{values: {}}]\n`],
  ])('%s', async (_title, yaml) => {
    const err = await errorFor(yaml);
    expect(err.message).not.toContain(SECRET);
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(SECRET);
  });

  it('a password in the environment never shows in an auth error', async () => {
    const err = (await loadCloudConfig(box.options({ env: { OS_USERNAME: 'u', OS_PASSWORD: SECRET } })).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('auth.auth_url (OS_AUTH_URL)');
    expect(err.message).not.toContain(SECRET);
  });
});
