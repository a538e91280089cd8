import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { isLoopbackHost, startFaultProxy, upstreamsFromCatalog } from '../support/fault-proxy.js';
import { zed } from '../support/fixtures.js';

describe('the fault proxy stays on loopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['[::1]', true],
    ['::1', true],
    ['127.0.0.256', false],
    ['128.0.0.1', false],
    ['10.0.0.5', false],
    ['localhost.example.com', false],
    ['127.0.0.1.nip.io', false],
    ['0.0.0.0', false],
  ])('isLoopbackHost(%s) is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it.each([
    ['a remote host', 'http://192.0.2.10:5000'],
    ['a name that is not localhost', 'http://keystone.example.com:5000'],
    ['https', 'https://127.0.0.1:5000'],
    ['not a URL', 'keystone:5000'],
  ])('refuses %s with a ConfigError', async (_name, origin) => {
    const started = startFaultProxy({ upstreams: ['http://127.0.0.1:5000', origin] });
    await expect(started).rejects.toSatisfy(isConfigError);
    await expect(started).rejects.toThrow(/upstreams\.1/);
  });

  it('refuses an empty upstream list', async () => {
    await expect(startFaultProxy({ upstreams: [] })).rejects.toSatisfy(isConfigError);
  });

  it('refuses to add a remote upstream at run time', async () => {
    const proxy = await startFaultProxy({ upstreams: ['http://127.0.0.1:5000'] });
    try {
      await expect(proxy.addUpstream('http://203.0.113.7:8774')).rejects.toSatisfy(isConfigError);
      expect(proxy.upstreams).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('binds its ports to 127.0.0.1', async () => {
    const proxy = await startFaultProxy({ upstreams: ['http://127.0.0.1:5000', 'http://localhost:8774'] });
    try {
      expect(proxy.upstreams.map((u) => new URL(u.proxy).hostname)).toEqual(['127.0.0.1', '127.0.0.1']);
      expect(proxy.upstreams.map((u) => u.service)).toEqual(['identity', 'compute']);
    } finally {
      await proxy.stop();
    }
  });
});

describe('upstreamsFromCatalog', () => {
  const zedOrigins = ['http://127.0.0.1:5000', 'http://127.0.0.1:8774', 'http://127.0.0.1:8776', 'http://127.0.0.1:8778', 'http://127.0.0.1:9292', 'http://127.0.0.1:9696'];

  it('reads the origins of a v3 token body', () => {
    expect(upstreamsFromCatalog(zed(3).response.body).sort()).toEqual(zedOrigins);
  });

  it('reads a /v3/auth/catalog body', () => {
    expect(upstreamsFromCatalog(zed(5).response.body).sort()).toEqual(zedOrigins);
  });

  it('reads a v2.0 token body', () => {
    const body = { access: { serviceCatalog: [{ type: 'compute', endpoints: [{ publicURL: 'http://127.0.0.1:8774/v2/p', adminURL: 'http://127.0.0.1:8775/v2/p' }] }] } };
    expect(upstreamsFromCatalog(body)).toEqual(['http://127.0.0.1:8774', 'http://127.0.0.1:8775']);
  });

  it.each([[null], [{}], [{ catalog: 'x' }], [[{ endpoints: [{ url: 'not a url' }] }]]])('returns nothing for %j', (body) => {
    expect(upstreamsFromCatalog(body)).toEqual([]);
  });
});
