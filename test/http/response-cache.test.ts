import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../../src/cache/create-cache.js';
import { silentLogger } from '../../src/internal/logger.js';
import { ResponseCache, resourceKind } from '../../src/http/response-cache.js';
import { HttpServiceClient } from '../../src/http/service-client-impl.js';
import { Transport } from '../../src/http/transport.js';
import { startStubServer } from '../support/stub-server.js';
import { zed } from '../support/fixtures.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function setup(cache: ResponseCache) {
  const flavors = zed(25).response.body;
  const stub = await startStubServer(async (req) => {
    await new Promise((r) => setTimeout(r, 20));
    if (req.method === 'POST') return { status: 200, body: { flavor: { id: 'new' } } };
    return { status: 200, body: req.url.includes('servers') ? { servers: [] } : flavors };
  });
  stop = stub.close;
  const transport = new Transport({ logger: silentLogger });
  const client = new HttpServiceClient({ serviceType: 'compute', endpoint: `${stub.url}/v2.1`, version: '2.1', transport, logger: silentLogger, cache });
  const gets = () => stub.requests.filter((r) => r.method === 'GET').length;
  return { client, gets };
}

describe('response cache', () => {
  it.each([
    ['compute', '/flavors/detail', 'compute.flavors'],
    ['compute', 'http://h:8774/v2.1/servers/detail?changes-since=x', 'compute.servers'],
    ['block-storage', '/volumes/detail', 'block-storage.volumes'],
    ['block-storage', 'http://h:8776/v3/0123456789abcdef0123456789abcdef/volumes', 'block-storage.volumes'],
    ['network', '/networks', 'network.networks'],
  ])('%s %s is kind %s', (service, path, kind) => {
    expect(resourceKind(service, path)).toBe(kind);
  });

  it('concurrent identical GETs share one request, even for kinds that are not cached', async () => {
    const { client, gets } = await setup(new ResponseCache(new Keyv(), 'scope'));
    const results = await Promise.all(Array.from({ length: 10 }, () => client.get('/servers/detail')));
    expect(results.every((r) => JSON.stringify(r) === '{"servers":[]}')).toBe(true);
    expect(gets()).toBe(1);
    await client.get('/servers/detail');
    expect(gets()).toBe(2);
  });

  it('caches flavors for their lifetime and drops them on a write to flavors', async () => {
    const { client, gets } = await setup(new ResponseCache(new Keyv(), 'scope'));
    const first = await client.get<{ flavors: unknown[] }>('/flavors/detail');
    const second = await client.get<{ flavors: unknown[] }>('/flavors/detail');
    expect(second).toEqual(first);
    expect(gets()).toBe(1);
    await client.post('/flavors', { flavor: { name: 'x' } });
    await client.get('/flavors/detail');
    expect(gets()).toBe(2);
  });

  it('a lifetime of 0 in clouds.yaml turns a kind off', async () => {
    const { client, gets } = await setup(new ResponseCache(new Keyv(), 'scope', { 'compute.flavors': 0 }));
    await client.get('/flavors/detail');
    await client.get('/flavors/detail');
    expect(gets()).toBe(2);
  });

  it('another process sharing the store sees the cached answer and the invalidation (two connections to one file store)', async () => {
    const { client: a, gets } = await setup(new ResponseCache(await sharedCache(), 'scope'));
    // Another process: its own connection to the same cache file, its own ResponseCache and client, same cloud.
    const b = clientOn(a.endpoint, new ResponseCache(await sharedCache(), 'scope'));
    const first = await a.get('/flavors/detail');
    expect(gets()).toBe(1);
    expect(await b.get('/flavors/detail')).toEqual(first);
    expect(gets()).toBe(1);
    await b.post('/flavors', { flavor: { name: 'x' } });
    await a.get('/flavors/detail');
    expect(gets()).toBe(2);
    await b.get('/flavors/detail');
    expect(gets()).toBe(2);
  });
});

let cacheDir: string | undefined;
const caches: Keyv[] = [];
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.disconnect()));
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  cacheDir = undefined;
});

/** A new connection to this test's file cache, as another process would open it. */
async function sharedCache(): Promise<Keyv> {
  cacheDir ??= mkdtempSync(join(tmpdir(), 'canopy-resp-cache-'));
  const cache = await createCache({ store: 'file', path: cacheDir });
  caches.push(cache);
  return cache;
}

function clientOn(endpoint: string, cache: ResponseCache): HttpServiceClient {
  return new HttpServiceClient({ serviceType: 'compute', endpoint, version: '2.1', transport: new Transport({ logger: silentLogger }), logger: silentLogger, cache });
}

describe('dependent kinds', () => {
  it('a write to security-group rules drops the cached security groups', async () => {
    const cache = new ResponseCache(new Keyv(), 'scope');
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('network.security-groups', 'k', load);
    await cache.get('network.security-groups', 'k', load);
    expect(loads).toBe(1);
    await cache.invalidate('network.security-group-rules');
    await cache.get('network.security-groups', 'k', load);
    expect(loads).toBe(2);
  });
});

describe('lifetimes from clouds.yaml', () => {
  it('expiration_time sets every default-cached kind without its own entry; uncached kinds stay uncached', () => {
    const cache = new ResponseCache(undefined, 's', { 'image.images': 5 }, 900);
    expect(cache.ttlMs('compute.flavors')).toBe(900_000);
    expect(cache.ttlMs('image.images')).toBe(5000);
    expect(cache.ttlMs('compute.servers')).toBe(0);
    expect(new ResponseCache(undefined, 's').ttlMs('compute.flavors')).toBe(300_000);
  });
});
