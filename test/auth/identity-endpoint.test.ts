import { describe, expect, it } from 'vitest';
import { chooseIdentityEndpoint } from '../../src/auth/identity-endpoint.js';
import type { CloudConfig } from '../../src/config/cloud-config.js';
import { ConfigError, DiscoveryError } from '../../src/errors/index.js';

function cfg(over: Partial<CloudConfig> & { authUrl?: string; domain?: boolean }): CloudConfig {
  return {
    name: 'c',
    regions: [],
    authType: over.authType ?? 'password',
    auth: { authUrl: over.authUrl, username: 'u', password: 'p', projectName: 'x', ...(over.domain ? { userDomainName: 'Default' } : {}) },
    identityApiVersion: over.identityApiVersion,
    interface: ['public'],
    services: {},
    verify: true,
    networks: [],
    sources: [],
  };
}

const never = async () => {
  throw new Error('no discovery expected');
};

describe('choosing keystone v3 or v2.0', () => {
  it.each([
    ['auth_url ending in /v3', cfg({ authUrl: 'http://k:5000/v3/' }), { version: '3', url: 'http://k:5000/v3' }],
    ['auth_url ending in /v2.0', cfg({ authUrl: 'http://k:5000/v2.0' }), { version: '2.0', url: 'http://k:5000/v2.0' }],
    ['v2password on a bare root', cfg({ authUrl: 'http://k:5000', authType: 'v2password' }), { version: '2.0', url: 'http://k:5000/v2.0' }],
    ['identity_api_version 3 on a bare root', cfg({ authUrl: 'http://k:5000', identityApiVersion: '3' }), { version: '3', url: 'http://k:5000/v3' }],
  ])('%s needs no discovery', async (_n, config, expected) => {
    expect(await chooseIdentityEndpoint(config, never)).toEqual(expected);
  });

  it('generic password on a bare root discovers and prefers v3', async () => {
    const r = await chooseIdentityEndpoint(cfg({ authUrl: 'http://k:5000' }), async () => ({ v3: 'http://k:5000/v3/', v2: 'http://k:5000/v2.0/' }));
    expect(r).toEqual({ version: '3', url: 'http://k:5000/v3' });
  });

  it('falls back to v2.0 when only v2.0 is offered, unless domain parameters demand v3', async () => {
    expect(await chooseIdentityEndpoint(cfg({ authUrl: 'http://k:5000' }), async () => ({ v2: 'http://k:5000/v2.0' }))).toEqual({ version: '2.0', url: 'http://k:5000/v2.0' });
    await expect(chooseIdentityEndpoint(cfg({ authUrl: 'http://k:5000', domain: true }), async () => ({ v2: 'http://k:5000/v2.0' }))).rejects.toThrow(/domain parameters need v3/);
    await expect(chooseIdentityEndpoint(cfg({ authUrl: 'http://k:5000', domain: true }), async () => ({ v2: 'http://k:5000/v2.0' }))).rejects.toBeInstanceOf(DiscoveryError);
  });

  it('needs an auth_url', async () => {
    await expect(chooseIdentityEndpoint(cfg({}), never)).rejects.toBeInstanceOf(ConfigError);
  });
});
