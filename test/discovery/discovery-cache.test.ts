import { describe, expect, it } from 'vitest';
import { discoverService, discoveryCacheKey, normalizeV3Catalog, type DiscoveryCache } from '../../src/discovery/index.js';
import { fakeFetcher, ZED_PROJECT_ID, zedCatalogBody, zedDiscoveryRoutes } from './fixtures.js';

const catalog = normalizeV3Catalog(zedCatalogBody());

/** A cache that keeps values only as JSON text, like a Redis-backed keyv. */
function jsonCache(): DiscoveryCache & { store: Map<string, string> } {
  const store = new Map<string, string>();
  return {
    store,
    get: async (key) => (store.has(key) ? JSON.parse(store.get(key) as string) : undefined),
    set: async (key, value) => void store.set(key, JSON.stringify(value)),
  };
}

describe('discovery cache', () => {
  it.each(['identity', 'compute', 'image', 'network', 'block-storage', 'placement'])('a warm %s discovery makes no request and finds the same', async (serviceType) => {
    const cache = jsonCache();
    const options = { catalog, serviceType, interfaces: ['public', 'internal'], projectId: ZED_PROJECT_ID, cache };
    const cold = await discoverService({ ...options, fetch: fakeFetcher(zedDiscoveryRoutes()) });
    expect(cold.requests).toBeGreaterThan(0);

    const warmFetch = fakeFetcher(zedDiscoveryRoutes());
    const warm = await discoverService({ ...options, fetch: warmFetch });
    expect(warmFetch.calls).toEqual([]);
    expect(warm).toEqual({ ...cold, requests: 0 });
  });

  it('stores the parsed document under discovery:<url>', async () => {
    const cache = jsonCache();
    await discoverService({ catalog, serviceType: 'compute', interfaces: ['public'], cache, fetch: fakeFetcher(zedDiscoveryRoutes()) });
    expect([...cache.store.keys()]).toEqual([discoveryCacheKey('http://127.0.0.1:8774/v2.1/')]);
    expect(discoveryCacheKey('http://127.0.0.1:8774/v2.1/')).toBe('discovery:http://127.0.0.1:8774/v2.1/');
    expect(JSON.parse(cache.store.get('discovery:http://127.0.0.1:8774/v2.1/') as string)).toEqual({
      versions: [{ id: 'v2.1', status: 'current', url: 'http://127.0.0.1:8774/v2.1', min: '2.1', max: '2.93' }],
    });
  });

  it('ignores a cached value it did not write, and fetches', async () => {
    const cache = jsonCache();
    cache.store.set('discovery:http://127.0.0.1:8774/v2.1/', JSON.stringify({ versions: [{ id: 'nonsense' }] }));
    const fetch = fakeFetcher(zedDiscoveryRoutes());
    const found = await discoverService({ catalog, serviceType: 'compute', interfaces: ['public'], cache, fetch });
    expect(found).toMatchObject({ endpoint: 'http://127.0.0.1:8774/v2.1', requests: 1 });
  });

  it('a failing cache is worked around, with warnings', async () => {
    const broken: DiscoveryCache = {
      get: async () => {
        throw new Error('redis down');
      },
      set: async () => {
        throw new Error('redis down');
      },
    };
    const found = await discoverService({ catalog, serviceType: 'network', interfaces: ['internal'], cache: broken, fetch: fakeFetcher(zedDiscoveryRoutes()) });
    expect(found.endpoint).toBe('http://127.0.0.1:9696/v2.0');
    expect(found.warnings.join(' ')).toContain('redis down');
  });
});
