import { describe, expect, it } from 'vitest';
import { discoverService, normalizeV2Catalog, normalizeV3Catalog, type Catalog } from '../../src/discovery/index.js';
import { DiscoveryError } from '../../src/errors/index.js';
import { fakeFetcher, openstacksdk, V2_CATALOG, zed, type Route } from './fixtures.js';

const PROJECT = '0123456789abcdef0123456789abcdef';

function catalogOf(type: string, url: string): Catalog {
  return normalizeV3Catalog([{ type, endpoints: [{ interface: 'public', region_id: 'RegionOne', url }] }]);
}

const notFound = { status: 404, body: { error: { code: 404, title: 'Not Found', message: 'The resource could not be found.' } } };

describe('discoverService: odd catalogs and documents', () => {
  it('a v2 catalog compute URL with version and project id: the root offers v2.1, the project id goes back on', async () => {
    const catalog = normalizeV2Catalog(V2_CATALOG);
    const fetch = fakeFetcher([{ url: 'http://h:8774/', status: 200, body: openstacksdk('compute-version.json') }]);
    const found = await discoverService({ catalog, serviceType: 'compute', interfaces: ['public'], region: 'RegionOne', fetch });
    // The document names https://compute.example.com: re-based onto the host it was read from.
    expect(found).toMatchObject({ endpoint: `http://h:8774/v2.1/${PROJECT}`, version: '2.1', microversion: { min: '2.10', max: '2.53' }, requests: 1 });
    expect(fetch.calls.map((c) => c.url)).toEqual(['http://h:8774/']);
  });

  it('compute api version 2.0 chooses the legacy v2 API, with the project id and no microversions', async () => {
    const fetch = fakeFetcher([{ url: 'https://compute.example.com/', status: 200, body: openstacksdk('compute-version.json') }]);
    const found = await discoverService({ catalog: catalogOf('compute', 'https://compute.example.com/v2.1'), serviceType: 'compute', interfaces: ['public'], apiVersion: '2.0', projectId: PROJECT, fetch });
    expect(found).toMatchObject({ endpoint: `https://compute.example.com/v2/${PROJECT}`, version: '2' });
    expect(found.microversion).toBeUndefined();
  });

  it('a document with the wrong host (http://localhost) is re-based onto the catalog host', async () => {
    const fetch = fakeFetcher([{ url: 'https://image.example.com/', status: 300, body: openstacksdk('image-version-broken.json') }]);
    const found = await discoverService({ catalog: catalogOf('image', 'https://image.example.com'), serviceType: 'image', interfaces: ['public'], fetch });
    expect(found).toMatchObject({ endpoint: 'https://image.example.com/v2', version: '2' });
  });

  it('an HTTP error and a connection failure are skipped in favour of the next candidate', async () => {
    const routes: Route[] = [
      { url: 'http://h:8774/v2.1/', status: 503, body: 'Service Unavailable' },
      { url: 'http://h:8774/', status: 200, body: zed('19').response.body },
    ];
    const fetch = fakeFetcher(routes);
    const found = await discoverService({ catalog: catalogOf('compute', 'http://h:8774/v2.1'), serviceType: 'compute', interfaces: ['public'], fetch });
    expect(found).toMatchObject({ endpoint: 'http://h:8774/v2.1', microversion: { max: '2.93' }, requests: 2 });

    const refused = fakeFetcher([{ url: 'http://h:8774/v2.1/', status: 0, body: null, refuse: true }, routes[1] as Route]);
    expect((await discoverService({ catalog: catalogOf('compute', 'http://h:8774/v2.1'), serviceType: 'compute', interfaces: ['public'], fetch: refused })).endpoint).toBe('http://h:8774/v2.1');
  });

  it('nova before Ussuri: /v2.1/ needs a token, so it is asked again with one', async () => {
    const fetch = fakeFetcher([
      { url: 'http://h:8774/v2.1/', authenticated: false, status: 401, body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } } },
      { url: 'http://h:8774/v2.1/', authenticated: true, status: 200, body: zed('22').response.body },
    ]);
    const found = await discoverService({ catalog: catalogOf('compute', 'http://h:8774/v2.1'), serviceType: 'compute', interfaces: ['public'], fetch });
    expect(found).toMatchObject({ endpoint: 'http://h:8774/v2.1', requests: 2 });
    expect(fetch.calls.map((c) => c.authenticated)).toEqual([false, true]);
  });

  it('a versioned catalog URL naming the preferred version is read first; a garbage root is skipped', async () => {
    const fetch = fakeFetcher([
      { url: 'http://h:9292/', status: 200, body: '<html><body>It works!</body></html>' },
      { url: 'http://h:9292/v2/', status: 200, body: openstacksdk('image-version-v2.json') },
    ]);
    const found = await discoverService({ catalog: catalogOf('image', 'http://h:9292/v2'), serviceType: 'image', interfaces: ['public'], fetch });
    expect(found).toMatchObject({ endpoint: 'http://h:9292/v2', requests: 1 });
    // v1 is not the preferred version, so the root is read first; its garbage is skipped.
    const rootFirst = fakeFetcher([
      { url: 'http://h:9292/', status: 200, body: '<html><body>It works!</body></html>' },
      { url: 'http://h:9292/v1/', status: 200, body: openstacksdk('image-version-v1.json') },
    ]);
    const v1 = await discoverService({ catalog: catalogOf('image', 'http://h:9292/v1'), serviceType: 'image', interfaces: ['public'], fetch: rootFirst });
    expect(v1).toMatchObject({ endpoint: 'http://h:9292/v1', version: '1', requests: 2 });
    expect(rootFirst.calls.map((c) => c.url)).toEqual(['http://h:9292/', 'http://h:9292/v1/']);
  });

  it('an endpoint override is discovered too', async () => {
    const fetch = fakeFetcher([{ url: 'https://net.example.com/', status: 200, body: zed('29').response.body }]);
    const found = await discoverService({ catalog: [], serviceType: 'network', interfaces: ['public'], endpointOverride: 'https://net.example.com', fetch });
    expect(found).toMatchObject({ endpoint: 'https://net.example.com/v2.0', catalogUrl: 'https://net.example.com', catalogType: 'network', version: '2.0' });
  });

  it('fills in a %(tenant_id)s template and keeps the project for block-storage', async () => {
    const fetch = fakeFetcher([{ url: 'http://h:8776/v3/', status: 200, body: zed('76').response.body }]);
    const found = await discoverService({ catalog: [], serviceType: 'block-storage', interfaces: ['public'], endpointOverride: 'http://h:8776/v3/%(tenant_id)s', projectId: 'abc', fetch });
    expect(found.endpoint).toBe('http://h:8776/v3/abc');
  });

  it('a service Canopy has no table for gets its newest offered version', async () => {
    const fetch = fakeFetcher([{ url: 'https://dns.example.com/', status: 200, body: openstacksdk('dns.json') }]);
    const found = await discoverService({ catalog: catalogOf('dns', 'https://dns.example.com'), serviceType: 'dns', interfaces: ['public'], fetch });
    expect(found).toMatchObject({ endpoint: 'https://dns.example.com/v2', version: '2', status: 'current' });
  });

  it('no document anywhere: a versioned catalog URL is used as it is, with a warning', async () => {
    const fetch = fakeFetcher([]);
    const found = await discoverService({ catalog: catalogOf('block-storage', `http://h:8776/v3/${PROJECT}`), serviceType: 'block-storage', interfaces: ['public'], fetch });
    expect(found).toMatchObject({ endpoint: `http://h:8776/v3/${PROJECT}`, version: '3', requests: 3 });
    expect(found.microversion).toBeUndefined();
    expect(found.warnings).toHaveLength(1);
    expect(found.warnings[0]).toContain('using the catalog URL');
    // Only a 401 is asked again with a token; 404s are not.
    expect(fetch.calls).toEqual([
      { url: 'http://h:8776/v3/', authenticated: false },
      { url: 'http://h:8776/', authenticated: false },
      { url: `http://h:8776/v3/${PROJECT}/`, authenticated: false },
    ]);
  });

  it('no document anywhere and an unversioned catalog URL: DiscoveryError naming the URLs tried', async () => {
    const fetch = fakeFetcher([{ ...notFound, url: 'http://h:9696/', status: 500, refuse: true }]);
    const error = await discoverService({ catalog: catalogOf('network', 'http://h:9696'), serviceType: 'network', interfaces: ['public'], fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).message).toContain('http://h:9696/ (');
    expect((error as DiscoveryError).message).toContain('ECONNREFUSED');
  });

  it('an aborted signal stops discovery before any request', async () => {
    const fetch = fakeFetcher([]);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(discoverService({ catalog: catalogOf('network', 'http://h:9696'), serviceType: 'network', interfaces: ['public'], fetch, signal: controller.signal })).rejects.toThrow('stop');
    expect(fetch.calls).toHaveLength(0);
  });

  it('an api version Canopy does not support is refused before any request', async () => {
    const fetch = fakeFetcher([]);
    await expect(discoverService({ catalog: catalogOf('image', 'http://h:9292'), serviceType: 'image', interfaces: ['public'], apiVersion: '7', fetch })).rejects.toThrow(/api version "7"/);
    expect(fetch.calls).toHaveLength(0);
  });
});
