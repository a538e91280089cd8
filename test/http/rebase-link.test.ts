import { describe, expect, it } from 'vitest';
import { nextPageUrl } from '../../src/http/paginate.js';
import { rebaseLink } from '../../src/http/rebase-link.js';

const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** [what, href the service sent, the endpoint the client uses, the URL to request] */
const CASES: Array<[string, string, string, string]> = [
  // nova behind a prefix, link naming the internal host:port and no prefix (the reported bug)
  ['nova: internal host, no prefix', 'http://internal:8774/v2.1/servers/detail?marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/v2.1/servers/detail?marker=a'],
  ['nova: right host, prefix lost', 'https://cloud.example/v2.1/servers/detail?limit=2&marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/v2.1/servers/detail?limit=2&marker=a'],
  ['nova: correct link kept as is', 'https://cloud.example/compute/v2.1/servers?marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/v2.1/servers?marker=a'],
  ['nova: scheme differs (TLS terminator)', 'http://cloud.example/compute/v2.1/servers?marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/v2.1/servers?marker=a'],
  ['nova: default port spelled out', 'http://internal:8774/v2.1/servers?marker=a', 'https://cloud.example:443/compute/v2.1', 'https://cloud.example/compute/v2.1/servers?marker=a'],
  ['nova: no prefix, port-per-service layout', 'http://127.0.0.1:8774/v2.1/servers?marker=a', 'http://127.0.0.1:8774/v2.1', 'http://127.0.0.1:8774/v2.1/servers?marker=a'],
  ['nova legacy: project in the path', `http://internal:8774/v2/${PROJECT}/servers/detail?marker=a`, `https://cloud.example/compute/v2/${PROJECT}`, `https://cloud.example/compute/v2/${PROJECT}/servers/detail?marker=a`],
  ['nova: link under a different internal prefix', 'http://internal/nova-api/v2.1/servers?marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/v2.1/servers?marker=a'],
  ['nova: version-like segment in the internal prefix', 'http://internal/api/v1/v2.1/servers?marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/v2.1/servers?marker=a'],
  ['nova: deep prefix', 'http://internal:8774/v2.1/flavors/detail?marker=3', 'https://cloud.example/region-one/compute/v2.1', 'https://cloud.example/region-one/compute/v2.1/flavors/detail?marker=3'],
  // neutron
  ['neutron: internal host, no prefix', 'http://controller:9696/v2.0/networks?limit=1&marker=n1', 'https://cloud.example/networking/v2.0', 'https://cloud.example/networking/v2.0/networks?limit=1&marker=n1'],
  ['neutron: previous-style link with page_reverse', 'http://controller:9696/v2.0/ports?marker=p&page_reverse=True', 'https://cloud.example/networking/v2.0', 'https://cloud.example/networking/v2.0/ports?marker=p&page_reverse=True'],
  // cinder: the endpoint's version path carries the project
  ['cinder: internal host, no prefix', `http://controller:8776/v3/${PROJECT}/volumes/detail?marker=v`, `https://cloud.example/volume/v3/${PROJECT}`, `https://cloud.example/volume/v3/${PROJECT}/volumes/detail?marker=v`],
  ['cinder: correct link kept', `https://cloud.example/volume/v3/${PROJECT}/volumes?marker=v`, `https://cloud.example/volume/v3/${PROJECT}`, `https://cloud.example/volume/v3/${PROJECT}/volumes?marker=v`],
  // glance: next is a root-relative path that never has the prefix
  ['glance: relative next behind a prefix', '/v2/images?limit=1&marker=i', 'https://cloud.example/image/v2', 'https://cloud.example/image/v2/images?limit=1&marker=i'],
  ['glance: relative next without a prefix', '/v2/images?marker=i', 'http://127.0.0.1:9292/v2', 'http://127.0.0.1:9292/v2/images?marker=i'],
  ['glance: relative next that already has the prefix', '/image/v2/images?marker=i', 'https://cloud.example/image/v2', 'https://cloud.example/image/v2/images?marker=i'],
  ['glance: absolute internal next', 'http://controller:9292/v2/images?marker=i', 'https://cloud.example/image/v2', 'https://cloud.example/image/v2/images?marker=i'],
  // odd shapes
  ['path relative to the endpoint', 'servers?marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/v2.1/servers?marker=a'],
  ['unversioned endpoint, foreign link', 'http://internal:8778/resource_providers?marker=r', 'https://cloud.example/placement', 'https://cloud.example/placement/resource_providers?marker=r'],
  ['versioned endpoint, link without a version', 'http://internal:8774/servers?marker=a', 'https://cloud.example/compute/v2.1', 'https://cloud.example/compute/servers?marker=a'],
  ['endpoint with a trailing slash', 'http://internal:8774/v2.1/servers?marker=a', 'https://cloud.example/compute/v2.1/', 'https://cloud.example/compute/v2.1/servers?marker=a'],
];

describe('rebaseLink', () => {
  it.each(CASES)('%s', (_what, href, endpoint, expected) => {
    expect(rebaseLink(href, endpoint)).toBe(expected);
  });

  it('is used for nova, neutron, cinder and glance next links alike', () => {
    const nova = { servers: [{}], servers_links: [{ rel: 'next', href: 'http://internal:8774/v2.1/servers/detail?marker=a' }] };
    expect(nextPageUrl(nova, 'servers', 'https://cloud.example/compute/v2.1')).toBe('https://cloud.example/compute/v2.1/servers/detail?marker=a');
    const neutron = { networks: [{}], networks_links: [{ rel: 'previous', href: 'http://c:9696/v2.0/networks?marker=z&page_reverse=True' }, { rel: 'next', href: 'http://c:9696/v2.0/networks?marker=n' }] };
    expect(nextPageUrl(neutron, 'networks', 'https://cloud.example/networking/v2.0')).toBe('https://cloud.example/networking/v2.0/networks?marker=n');
    const cinder = { volumes: [{}], volumes_links: [{ rel: 'next', href: `http://c:8776/v3/${PROJECT}/volumes/detail?marker=v` }] };
    expect(nextPageUrl(cinder, 'volumes', `https://cloud.example/volume/v3/${PROJECT}`)).toBe(`https://cloud.example/volume/v3/${PROJECT}/volumes/detail?marker=v`);
    const glance = { images: [{}], next: '/v2/images?marker=i' };
    expect(nextPageUrl(glance, 'images', 'https://cloud.example/image/v2')).toBe('https://cloud.example/image/v2/images?marker=i');
  });
});
