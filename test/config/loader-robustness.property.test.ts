import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { loadCloudConfig } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

/**
 * Whatever the files hold, the loader answers with a CloudConfig or a ConfigError — never a TypeError from deep
 * inside. Inputs are random or truncated YAML, and random JSON-ish objects placed where clouds.yaml keys go.
 */

let box: ConfigSandbox;
beforeAll(async () => {
  box = await makeSandbox();
});
afterAll(() => box.cleanup());

async function outcome(options: Parameters<typeof loadCloudConfig>[0]): Promise<'config' | 'config-error'> {
  try {
    const config = await loadCloudConfig(options);
    expect(typeof config.name).toBe('string');
    expect(Array.isArray(config.regions)).toBe(true);
    return 'config';
  } catch (e) {
    if (isConfigError(e)) return 'config-error';
    throw e;
  }
}

const VALID = `clouds:
  prod:
    profile: vexxhost
    auth:
      auth_url: https://keystone.example.com/v3
      username: alice
      password: "pw: with colon"
      project_name: web
      user_domain_name: Default
    regions:
      - RegionOne
      - name: RegionTwo
        values:
          compute_endpoint_override: https://nova.example.com/v2.1
    volume_api_version: 3
    interface: [internal, public]
    networks:
      - {name: public, routes_externally: true}
    rate_limit: {compute: 5}
    cache: {store: memory, expiration: {flavors: 60}}
`;

const KEYS = ['auth', 'auth_type', 'regions', 'region_name', 'profile', 'verify', 'insecure', 'interface', 'networks', 'rate_limit', 'cache',
  'api_timeout', 'floating_ip_source', 'private', 'compute_api_version', 'has_network', 'volume_endpoint_override', 'auth_url', 'username',
  'password', 'token', 'application_credential_id', 'constructor', '__proto__', 'toString', 'name', 'values', 'store', 'expiration', 'clouds'];

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('true', 'None', '2.53', '', 'vexxhost', 'citycloud', 'datacentred', 'password', 'https://k/v3', '-1', '1e999'),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('loader robustness', () => {
  it('random and truncated YAML text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.nat({ max: VALID.length }).map((n) => VALID.slice(0, n)), fc.string({ maxLength: 200 }), fc.nat({ max: VALID.length }).chain((n) => fc.string({ maxLength: 8 }).map((s) => VALID.slice(0, n) + s + VALID.slice(n)))), async (text) => {
        const file = await box.write('fuzz/clouds.yaml', text);
        await outcome(box.options({ configFile: file, searchDirs: [`${box.root}/nowhere`], warn: () => {} }));
      }),
      { numRuns: 200 },
    );
  });

  it('random JSON-ish objects as a cloud, as the whole file, and as overrides', async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, jsonish, fc.constantFrom('cloud', 'file', 'overrides'), async (value, extra, where) => {
        const cloud = { auth: { auth_url: 'https://k/v3', token: 't' }, ...(typeof value === 'object' && value && !Array.isArray(value) ? value : { x: value }) };
        const data = where === 'file' ? value : { clouds: { c: where === 'cloud' ? cloud : { auth: { auth_url: 'https://k/v3', token: 't' } } } };
        const file = await box.write('fuzz/clouds.json', JSON.stringify(data) ?? 'null');
        const overrides = where === 'overrides' && typeof extra === 'object' && extra && !Array.isArray(extra) ? (extra as Record<string, unknown>) : undefined;
        await outcome(box.options({ configFile: file, searchDirs: [`${box.root}/nowhere`], overrides, warn: () => {} }));
      }),
      { numRuns: 300 },
    );
  });

  it('the valid seed document really loads (so the property is not vacuous)', async () => {
    const file = await box.write('fuzz/seed.yaml', VALID);
    const config = await loadCloudConfig(box.options({ configFile: file, searchDirs: [`${box.root}/nowhere`], region: 'RegionTwo' }));
    expect(config.services['compute']?.endpointOverride).toBe('https://nova.example.com/v2.1');
    expect(config.services['block-storage']).toEqual({ apiVersion: '3' });
    expect(config.auth.password).toBe('pw: with colon');
  });
});
