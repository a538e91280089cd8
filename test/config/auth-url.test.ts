import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { loadCloudConfig } from '../../src/config/index.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isConfigError, type ConfigError } from '../../src/errors/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

const EXPECTED = 'expected an http:// or https:// URL, e.g. https://keystone.example.com:5000/v3';

async function loadError(promise: Promise<unknown>): Promise<ConfigError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(isConfigError(err), `got ${String(err)}`).toBe(true);
  return err as ConfigError;
}

describe('a bad auth_url is a ConfigError at load', () => {
  it.each([
    ['a number', '42'],
    ['a JSON-ish number', '4.2'],
    ['words', "'not a url'"],
    ['a host without a scheme', 'keystone.example.com:5000/v3'],
    ['a path', '/v3'],
    ['another scheme', 'ftp://keystone.example.com/v3'],
    ['a scheme without a host', "'https://'"],
  ])('%s (%s) names the file and clouds.<cloud>.auth.auth_url', async (_what, value) => {
    await box.write('work/clouds.yaml', `clouds:\n  prod:\n    auth:\n      auth_url: ${value}\n      username: u\n      password: p\n`);
    const err = await loadError(loadCloudConfig(box.options({ cloud: 'prod' })));
    expect(err.message).toBe(`${box.cwd}/clouds.yaml: clouds.prod.auth.auth_url: ${EXPECTED}`);
    expect(err.file).toBe(`${box.cwd}/clouds.yaml`);
    expect(err.keyPath).toEqual(['clouds', 'prod', 'auth', 'auth_url']);
  });

  it('an empty auth_url counts as missing, still a ConfigError at load', async () => {
    await box.write('work/clouds.yaml', "clouds:\n  prod:\n    auth: {auth_url: '', username: u, password: p}\n");
    const err = await loadError(loadCloudConfig(box.options({ cloud: 'prod' })));
    expect(err.message).toContain('needs auth.auth_url');
    expect(err.file).toBe(`${box.cwd}/clouds.yaml`);
  });

  it('a number in a JSON clouds file', async () => {
    await box.write('work/clouds.json', JSON.stringify({ clouds: { prod: { auth: { auth_url: 42, token: 't' }, auth_type: 'token' } } }));
    const err = await loadError(loadCloudConfig(box.options({ cloud: 'prod' })));
    expect(err.keyPath).toEqual(['clouds', 'prod', 'auth', 'auth_url']);
  });

  it('a top-level auth_url (lifted into auth) is blamed on the same key path', async () => {
    await box.write('work/clouds.yaml', 'clouds:\n  prod:\n    auth_url: nope\n    token: t\n    auth_type: token\n');
    const err = await loadError(loadCloudConfig(box.options({ cloud: 'prod' })));
    expect(err.message).toBe(`${box.cwd}/clouds.yaml: clouds.prod.auth.auth_url: ${EXPECTED}`);
  });

  it('a bad auth_url in secure.yaml is blamed on secure.yaml', async () => {
    await box.write('work/clouds.yaml', "clouds:\n  prod:\n    auth: {auth_url: 'https://k/v3', token: t}\n    auth_type: token\n");
    await box.write('work/secure.yaml', 'clouds:\n  prod:\n    auth: {auth_url: k5000}\n');
    const err = await loadError(loadCloudConfig(box.options({ cloud: 'prod' })));
    expect(err.message).toBe(`${box.cwd}/secure.yaml: clouds.prod.auth.auth_url: ${EXPECTED}`);
  });

  it('a bad OS_AUTH_URL is blamed on the environment', async () => {
    const err = await loadError(loadCloudConfig(box.options({ env: { OS_AUTH_URL: 'keystone:5000', OS_TOKEN: 't', OS_AUTH_TYPE: 'token' } })));
    expect(err.message).toContain('auth.auth_url');
    expect(err.message).toContain(EXPECTED);
  });

  it('openCloud rejects before any request is made (the URL names nothing to connect to)', async () => {
    const file = await box.write('work/clouds.yaml', "clouds:\n  prod:\n    auth: {auth_url: 'not a url', username: u, password: p, project_name: x}\n");
    const err = await loadError(openCloud({ cloud: 'prod', configFile: file, env: {} }));
    expect(err.keyPath).toEqual(['clouds', 'prod', 'auth', 'auth_url']);
  });

  it('does not print the value: it may carry credentials', async () => {
    await box.write('work/clouds.yaml', "clouds:\n  prod:\n    auth: {auth_url: 'user:Hunter2-Secret@keystone', token: t}\n    auth_type: token\n");
    const err = await loadError(loadCloudConfig(box.options({ cloud: 'prod' })));
    expect(err.message).not.toContain('Hunter2');
  });

  it.each([
    'https://keystone.example.com:5000/v3',
    'http://127.0.0.1/identity',
    'HTTPS://KEYSTONE.EXAMPLE.COM/v3/',
    'https://{region_name}.keystone.example.com/v3',
    'http://[::1]:5000/',
  ])('accepts %s', async (url) => {
    await box.write('work/clouds.yaml', `clouds:\n  prod:\n    region_name: r1\n    auth: {auth_url: '${url}', token: t}\n    auth_type: token\n`);
    const config = await loadCloudConfig(box.options({ cloud: 'prod' }));
    expect(config.auth.authUrl).toBe(url.replace('{region_name}', 'r1'));
  });
});

describe('canopy with a bad auth_url', () => {
  it('exits 2 and names the file and key path on stderr', async () => {
    const file = await box.write('work/clouds.yaml', "clouds:\n  prod:\n    auth: {auth_url: '42', username: u, password: p, project_name: x}\n");
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['discover', '--os-cloud', 'prod'], {
      stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { OS_CLIENT_CONFIG_FILE: file, CANOPY_CACHE_DIR: join(box.root, 'cache'), HOME: box.home },
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(`${file}: clouds.prod.auth.auth_url: ${EXPECTED}`);
    expect(out).toEqual([]);
  });
});
