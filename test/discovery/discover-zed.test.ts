import { describe, expect, it } from 'vitest';
import { discoverService, normalizeV3Catalog } from '../../src/discovery/index.js';
import { fakeFetcher, ZED_PROJECT_ID, zedCatalogBody, zedDiscoveryRoutes } from './fixtures.js';

const catalog = normalizeV3Catalog(zedCatalogBody());

const cases = [
  {
    serviceType: 'identity',
    expected: { endpoint: 'http://127.0.0.1:5000/v3', version: '3', status: 'stable', catalogUrl: 'http://127.0.0.1:5000/v3/' },
    calls: [{ url: 'http://127.0.0.1:5000/v3/', authenticated: false }],
  },
  {
    serviceType: 'compute',
    expected: { endpoint: 'http://127.0.0.1:8774/v2.1', version: '2.1', status: 'current', microversion: { min: '2.1', max: '2.93' } },
    calls: [{ url: 'http://127.0.0.1:8774/v2.1/', authenticated: false }],
  },
  {
    // Glance's root answers 300 Multiple Choices: a normal answer that carries the document.
    serviceType: 'image',
    expected: { endpoint: 'http://127.0.0.1:9292/v2', version: '2', status: 'current' },
    calls: [{ url: 'http://127.0.0.1:9292/', authenticated: false }],
  },
  {
    serviceType: 'network',
    expected: { endpoint: 'http://127.0.0.1:9696/v2.0', version: '2.0', status: 'current' },
    calls: [{ url: 'http://127.0.0.1:9696/', authenticated: false }],
  },
  {
    // Cinder's /v3/ answers 401 without a token: asked again with one; the project id goes back on.
    serviceType: 'block-storage',
    expected: { endpoint: `http://127.0.0.1:8776/v3/${ZED_PROJECT_ID}`, version: '3', catalogType: 'block-storage', microversion: { min: '3.0', max: '3.70' } },
    calls: [
      { url: 'http://127.0.0.1:8776/v3/', authenticated: false },
      { url: 'http://127.0.0.1:8776/v3/', authenticated: true },
    ],
  },
  {
    serviceType: 'volumev3',
    expected: { type: 'block-storage', catalogType: 'volumev3', serviceName: 'cinderv3', endpoint: `http://127.0.0.1:8776/v3/${ZED_PROJECT_ID}`, version: '3' },
    calls: [
      { url: 'http://127.0.0.1:8776/v3/', authenticated: false },
      { url: 'http://127.0.0.1:8776/v3/', authenticated: true },
    ],
  },
  {
    // Placement's self link is "": the root it was fetched from.
    serviceType: 'placement',
    expected: { endpoint: 'http://127.0.0.1:8778', version: '1.0', microversion: { min: '1.0', max: '1.39' } },
    calls: [{ url: 'http://127.0.0.1:8778/', authenticated: false }],
  },
];

describe('discoverService against the recorded Zed cloud', () => {
  it.each(cases)('$serviceType', async ({ serviceType, expected, calls }) => {
    const fetch = fakeFetcher(zedDiscoveryRoutes());
    const found = await discoverService({ catalog, serviceType, interfaces: ['public', 'internal'], region: 'RegionOne', projectId: ZED_PROJECT_ID, fetch });
    expect(found).toMatchObject({ ...expected, requests: calls.length, warnings: [] });
    expect(fetch.calls).toEqual(calls);
  });

  it('pins a compute microversion given as api version, keeping major 2.1', async () => {
    const fetch = fakeFetcher(zedDiscoveryRoutes());
    const found = await discoverService({ catalog, serviceType: 'compute', interfaces: ['public'], apiVersion: '2.53', fetch });
    expect(found).toMatchObject({ version: '2.1', endpoint: 'http://127.0.0.1:8774/v2.1', pinnedMicroversion: '2.53' });
  });

  it('refuses image api version 1 when the cloud offers only v2', async () => {
    const fetch = fakeFetcher(zedDiscoveryRoutes());
    await expect(discoverService({ catalog, serviceType: 'image', interfaces: ['public'], apiVersion: '1', fetch })).rejects.toThrow(
      /offers versions v2\.16, .*v2\.0, none of which Canopy supports \(1\)/,
    );
  });

  it('volumev2 implies major 2, which Zed cinder no longer has', async () => {
    const fetch = fakeFetcher(zedDiscoveryRoutes());
    await expect(discoverService({ catalog, serviceType: 'volumev2', interfaces: ['public'], fetch })).rejects.toMatchObject({
      name: 'DiscoveryError',
      serviceType: 'block-storage',
    });
  });
});
