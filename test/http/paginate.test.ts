import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/internal/logger.js';
import { nextPageUrl } from '../../src/http/paginate.js';
import { HttpServiceClient } from '../../src/http/service-client-impl.js';
import { Transport } from '../../src/http/transport.js';
import { zed } from '../support/fixtures.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function client(endpoint: string, serviceType: string) {
  const transport = new Transport({ logger: silentLogger, maxRetries: 0 });
  return new HttpServiceClient({ serviceType, endpoint, version: '2', transport, logger: silentLogger });
}

describe('next-page links', () => {
  it('nova: absolute servers_links next', () => {
    const body = zed(43).response.body;
    expect(nextPageUrl(body, 'servers', 'http://127.0.0.1:8774/v2.1')).toMatch(/^http:\/\/127\.0\.0\.1:8774\/v2\.1\/servers\/detail\?limit=1&marker=/);
  });

  it('neutron: next among next+previous, and none on the empty last page that has only previous', () => {
    expect(nextPageUrl(zed(71).response.body, 'networks', 'http://127.0.0.1:9696/v2.0')).toMatch(/marker=/);
    expect(nextPageUrl(zed(73).response.body, 'networks', 'http://127.0.0.1:9696/v2.0')).toBeUndefined();
  });

  it('glance: the relative next path joins the endpoint root, not /v2', () => {
    const next = nextPageUrl(zed(14).response.body, 'images', 'http://127.0.0.1:9292/v2');
    expect(next).toMatch(/^http:\/\/127\.0\.0\.1:9292\/v2\/images\?limit=1&marker=/);
  });

  it('re-bases a next link that names the wrong host onto the endpoint, keeping its path prefix', () => {
    const body = { servers: [{}], servers_links: [{ rel: 'next', href: 'http://internal.local:8774/v2.1/servers?marker=a' }] };
    expect(nextPageUrl(body, 'servers', 'https://cloud.example:443/compute/v2.1')).toBe('https://cloud.example/compute/v2.1/servers?marker=a');
  });
});

describe('paginate', () => {
  it('walks the three recorded glance pages and stops on the empty one', async () => {
    const pages = [zed(14), zed(15), zed(16)];
    const scope = nock('http://127.0.0.1:9292');
    for (const p of pages) {
      const [path, query = ''] = p.request.url.split('?');
      scope.get(path as string).query(new URLSearchParams(query)).reply(200, p.response.body as object);
    }
    const ids: string[] = [];
    for await (const img of client('http://127.0.0.1:9292/v2', 'image').paginate<{ id: string }>('/images', { itemsKey: 'images', limit: 1 })) ids.push(img.id);
    expect(ids).toHaveLength(2);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('stops when the service repeats a marker instead of looping', async () => {
    const page = { servers: [{ id: 'a' }], servers_links: [{ rel: 'next', href: 'http://nova.test/v2.1/servers?marker=a' }] };
    nock('http://nova.test').get('/v2.1/servers').reply(200, page);
    nock('http://nova.test').get('/v2.1/servers').query({ marker: 'a' }).times(5).reply(200, page);
    const ids: string[] = [];
    for await (const s of client('http://nova.test/v2.1', 'compute').paginate<{ id: string }>('/servers', { itemsKey: 'servers' })) ids.push(s.id);
    expect(ids).toEqual(['a', 'a']);
  });
});
