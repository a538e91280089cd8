import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { loadCloudConfig } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

async function load(extra: string) {
  await box.write('work/clouds.yaml', `clouds:\n  c:\n    auth: {auth_url: 'https://k/v3', token: t}\n${extra}`);
  return loadCloudConfig(box.options());
}

describe('cloud-wide settings', () => {
  it('defaults', async () => {
    const config = await load('');
    expect(config).toEqual({
      name: 'c',
      regions: [],
      authType: 'token',
      auth: { authUrl: 'https://k/v3', token: 't' },
      interface: ['public'],
      services: {},
      verify: true,
      networks: [],
      sources: [`${box.cwd}/clouds.yaml`],
    });
    expect(box.warnings).toEqual([]);
  });

  it.each([
    ['    interface: internal\n', ['internal']],
    ['    interface: [internal, public]\n', ['internal', 'public']],
    ['    endpoint_type: publicURL\n', ['public']],
  ])('interface %j', async (yaml, expected) => {
    expect((await load(yaml)).interface).toEqual(expected);
  });

  it.each([
    ['    verify: false\n', false],
    ['    verify: "False"\n', false],
    ['    insecure: true\n', false],
    ['    insecure: false\n', true],
    ['    verify: true\n    insecure: true\n', true],
  ])('TLS %j → verify %s', async (yaml, verify) => {
    expect((await load(yaml)).verify).toBe(verify);
  });

  it('verify: false warns', async () => {
    await load('    verify: false\n');
    expect(box.warnings).toEqual(['cloud c: TLS certificate verification is off (verify: false); connections can be intercepted']);
  });

  it('cacert, cert, key and api_timeout (seconds → ms)', async () => {
    expect(await load('    cacert: /ca.pem\n    cert: /c.pem\n    key: /k.pem\n    api_timeout: 2.5\n')).toMatchObject({
      cacert: '/ca.pem',
      cert: '/c.pem',
      key: '/k.pem',
      apiTimeoutMs: 2500,
    });
  });

  it('networks with defaults for the ipv4/ipv6 routing flags', async () => {
    const config = await load(
      '    networks:\n      - name: public\n        routes_externally: true\n        routes_ipv6_externally: false\n      - name: private\n        nat_destination: true\n        default_interface: true\n      - {name: gw, nat_source: "yes"}\n',
    );
    expect(config.networks).toEqual([
      { name: 'public', routesExternally: true, routesIpv4Externally: true, routesIpv6Externally: false },
      { name: 'private', natDestination: true, defaultInterface: true },
      { name: 'gw', natSource: true },
    ]);
  });

  it('two networks with default_interface is an error', async () => {
    const err = await load('    networks:\n      - {name: a, default_interface: true}\n      - {name: b, default_interface: true}\n').catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toBe(`${box.cwd}/clouds.yaml: clouds.c.networks: only one network may set default_interface: true, but a and b both do`);
  });

  it.each([
    ['neutron', 'neutron'],
    ['nova', 'nova'],
    ['None', 'none'],
    ['none', 'none'],
  ])('floating_ip_source %s', async (value, expected) => {
    expect((await load(`    floating_ip_source: ${value}\n`)).floatingIpSource).toBe(expected);
  });

  it('private and a global rate limit', async () => {
    expect(await load('    private: true\n    rate_limit: 10\n')).toMatchObject({ private: true, rateLimit: 10 });
  });

  it('a per-service rate limit map, alias-aware', async () => {
    const config = await load('    rate_limit:\n      compute: 5\n      volume: 2\n');
    expect(config.rateLimit).toBeUndefined();
    expect(config.services).toEqual({ compute: { rateLimit: 5 }, 'block-storage': { rateLimit: 2 } });
  });

  it('cache section, including the openstacksdk dogpile spelling', async () => {
    expect((await load('    cache: {store: redis, url: "redis://127.0.0.1:6379", expiration_time: 30}\n')).cache).toEqual({ store: 'redis', url: 'redis://127.0.0.1:6379', expirationTime: 30 });
    expect((await load('    cache:\n      class: dogpile.cache.dbm\n      arguments: {filename: /tmp/cache.dbm}\n      expiration: {flavor: 3600}\n')).cache).toEqual({
      store: 'file',
      path: '/tmp/cache.dbm',
      expiration: { flavor: 3600 },
    });
  });
});
