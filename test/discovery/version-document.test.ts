import { describe, expect, it } from 'vitest';
import { parseVersionDocument, type VersionEntry } from '../../src/discovery/index.js';
import { DiscoveryError } from '../../src/errors/index.js';
import { openstacksdk, openstacksdkDocuments, zed, zedUrl } from './fixtures.js';

/** An entry as one readable line: `id major status url min-max`. */
function line(e: VersionEntry): string {
  const range = e.maxMicroversion ? ` ${e.minMicroversion?.toString() ?? '?'}-${e.maxMicroversion.toString()}` : '';
  return `${e.id} ${e.major.toString()} ${e.status} ${e.url}${range}`;
}

const sdkCases: { file: string; fetchedUrl: string; expected: string[] }[] = [
  { file: 'accelerator.json', fetchedUrl: 'https://accelerator.example.com/', expected: ['2.0 2.0 current https://accelerator.example.com/v2 2.0-2.0'] },
  {
    file: 'bad-glance-version.json',
    fetchedUrl: 'https://example.com/image/',
    expected: ['v7 7.0 current https://example.com/image/v7'],
  },
  { file: 'bad-placement.json', fetchedUrl: 'https://placement.example.com/', expected: ['v1.0 1.0 current https://placement.example.com 1.0-1.17'] },
  { file: 'baremetal.json', fetchedUrl: 'https://baremetal.example.com/', expected: ['v1 1.0 current https://baremetal.example.com/v1 1.1-1.33'] },
  { file: 'block-storage-version.json', fetchedUrl: 'https://volume.example.com/', expected: ['v3.0 3.0 current https://volume.example.com/v3 3.0-3.0'] },
  { file: 'clustering.json', fetchedUrl: 'https://clustering.example.com/', expected: ['1.0 1.0 current https://clustering.example.com/v1 1.0-1.7'] },
  {
    file: 'compute-version.json',
    fetchedUrl: 'https://compute.example.com/',
    expected: ['v2.0 2.0 supported https://compute.example.com/v2', 'v2.1 2.1 current https://compute.example.com/v2.1 2.10-2.53'],
  },
  {
    file: 'discovery.json',
    fetchedUrl: 'https://identity.example.com/',
    expected: ['v3.6 3.6 stable https://identity.example.com/v3', 'v2.0 2.0 stable https://identity.example.com/v2.0'],
  },
  { file: 'dns.json', fetchedUrl: 'https://dns.example.com/', expected: ['v1 1.0 deprecated https://dns.example.com/v1', 'v2 2.0 current https://dns.example.com/v2'] },
  {
    // The document names http://localhost: re-based onto the host it came from.
    file: 'image-version-broken.json',
    fetchedUrl: 'https://image.example.com/',
    expected: [
      'v2.3 2.3 current https://image.example.com/v2',
      'v2.2 2.2 supported https://image.example.com/v2',
      'v2.1 2.1 supported https://image.example.com/v2',
      'v2.0 2.0 supported https://image.example.com/v2',
      'v1.1 1.1 supported https://image.example.com/v1',
      'v1.0 1.0 supported https://image.example.com/v1',
    ],
  },
  {
    file: 'image-version-suburl.json',
    fetchedUrl: 'http://example.com/image/',
    expected: [
      'v2.3 2.3 current http://example.com/image/v2',
      'v2.2 2.2 supported http://example.com/image/v2',
      'v2.1 2.1 supported http://example.com/image/v2',
      'v2.0 2.0 supported http://example.com/image/v2',
      'v1.1 1.1 supported http://example.com/image/v1',
      'v1.0 1.0 supported http://example.com/image/v1',
    ],
  },
  { file: 'image-version-v1.json', fetchedUrl: 'http://image.example.com/', expected: ['v1.1 1.1 current http://image.example.com/v1', 'v1.0 1.0 supported http://image.example.com/v1'] },
  {
    file: 'image-version-v2.json',
    fetchedUrl: 'http://image.example.com/',
    expected: [
      'v2.3 2.3 current http://image.example.com/v2',
      'v2.2 2.2 supported http://image.example.com/v2',
      'v2.1 2.1 supported http://image.example.com/v2',
      'v2.0 2.0 supported http://image.example.com/v2',
    ],
  },
  {
    file: 'image-version.json',
    fetchedUrl: 'http://image.example.com/',
    expected: [
      'v2.3 2.3 current http://image.example.com/v2',
      'v2.2 2.2 supported http://image.example.com/v2',
      'v2.1 2.1 supported http://image.example.com/v2',
      'v2.0 2.0 supported http://image.example.com/v2',
      'v1.1 1.1 supported http://image.example.com/v1',
      'v1.0 1.0 supported http://image.example.com/v1',
    ],
  },
  {
    file: 'old-compute-version.json',
    fetchedUrl: 'https://compute.example.com/',
    expected: ['v2.0 2.0 supported https://compute.example.com/v2', 'v2.1 2.1 current https://compute.example.com/v2.1 2.10-2.50'],
  },
  { file: 'placement.json', fetchedUrl: 'https://placement.example.com/', expected: ['v1.0 1.0 current https://placement.example.com 1.0-1.17'] },
  { file: 'shared-file-system.json', fetchedUrl: 'https://shared-file-system.example.com/', expected: ['v2.0 2.0 current https://shared-file-system.example.com/v2 2.0-2.58'] },
];

describe('parseVersionDocument: openstacksdk fixtures', () => {
  it('has a case for every fixture document', () => {
    expect(sdkCases.map((c) => c.file).sort()).toEqual(openstacksdkDocuments().sort());
  });

  it.each(sdkCases)('$file', ({ file, fetchedUrl, expected }) => {
    expect(parseVersionDocument(openstacksdk(file), fetchedUrl).map(line)).toEqual(expected);
  });
});

const zedCases: { fixture: string; expected: string[] }[] = [
  { fixture: '01', expected: ['v3.14 3.14 stable http://127.0.0.1:5000/v3'] },
  { fixture: '02', expected: ['v3.14 3.14 stable http://127.0.0.1:5000/v3'] },
  {
    fixture: '08',
    expected: ['16', '15', '14', '9', '7', '6', '5', '4', '3', '2', '1', '0'].map(
      (minor, i) => `v2.${minor} 2.${minor} ${i === 0 ? 'current' : 'supported'} http://127.0.0.1:9292/v2`,
    ),
  },
  { fixture: '19', expected: ['v2.0 2.0 supported http://127.0.0.1:8774/v2', 'v2.1 2.1 current http://127.0.0.1:8774/v2.1 2.1-2.93'] },
  ...['20', '21', '22', '23'].map((fixture) => ({ fixture, expected: ['v2.1 2.1 current http://127.0.0.1:8774/v2.1 2.1-2.93'] })),
  { fixture: '28', expected: ['v1.0 1.0 current http://127.0.0.1:8778 1.0-1.39'] },
  { fixture: '29', expected: ['v2.0 2.0 current http://127.0.0.1:9696/v2.0'] },
  { fixture: '74', expected: ['v3.0 3.0 current http://127.0.0.1:8776/v3 3.0-3.70'] },
  { fixture: '76', expected: ['v3.0 3.0 current http://127.0.0.1:8776/v3 3.0-3.70'] },
];

describe('parseVersionDocument: zed fixtures', () => {
  it.each(zedCases)('fixture $fixture', ({ fixture, expected }) => {
    const ex = zed(fixture);
    expect(parseVersionDocument(ex.response.body, zedUrl(ex), new Headers(ex.response.headers)).map(line)).toEqual(expected);
  });
});

describe('parseVersionDocument: other shapes', () => {
  it("reads nova's {choices} answer on a bookmark URL", () => {
    const body = {
      choices: [
        { id: 'v2.0', status: 'SUPPORTED', links: [{ rel: 'self', href: 'http://127.0.0.1:8774/v2/flavors/42' }], 'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' }] },
        { id: 'v2.1', status: 'CURRENT', links: [{ rel: 'self', href: 'http://127.0.0.1:8774/v2.1/flavors/42' }], 'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }] },
      ],
    };
    expect(parseVersionDocument(body, 'http://127.0.0.1:8774/flavors/42').map(line)).toEqual([
      'v2.0 2.0 supported http://127.0.0.1:8774/v2/flavors/42',
      'v2.1 2.1 current http://127.0.0.1:8774/v2.1/flavors/42',
    ]);
  });

  it("reads old ironic's bare document, with the microversion range from its headers", () => {
    const body = { id: 'v1', links: [{ href: 'http://ironic.example.com:6385/v1/', rel: 'self' }], media_types: [{ base: 'application/json', type: 'application/vnd.openstack.ironic.v1+json' }], nodes: [] };
    const headers = new Headers({ 'X-OpenStack-Ironic-API-Minimum-Version': '1.1', 'X-OpenStack-Ironic-API-Maximum-Version': '1.9' });
    expect(parseVersionDocument(body, 'http://ironic.example.com:6385/v1', headers).map(line)).toEqual(['v1 1.0 current http://ironic.example.com:6385/v1 1.1-1.9']);
  });

  it('lets max_version win over version, and treats "" as absent', () => {
    const body = { versions: [{ id: 'v1.0', version: '1.5', max_version: '1.20', min_version: '' }, { id: 'v2.0', version: '', max_version: '' }] };
    const [first, second] = parseVersionDocument(body, 'http://h/');
    expect(first?.maxMicroversion?.toString()).toBe('1.20');
    expect(first?.minMicroversion).toBeUndefined();
    expect(second?.maxMicroversion).toBeUndefined();
  });

  it.each([
    ['a foreign host behind a path prefix keeps the prefix', 'http://localhost:9292/v2/', 'https://cloud.example.com/image/', 'https://cloud.example.com/image/v2'],
    ['a root-relative link is put under the prefix', '/v2/', 'https://cloud.example.com/accelerator/', 'https://cloud.example.com/accelerator/v2'],
    ['a wrong scheme is corrected', 'http://cloud.example.com:443/compute/v2.1/', 'https://cloud.example.com/compute/', 'https://cloud.example.com/compute/v2.1'],
    ['a same-host link is kept as it is', 'http://h:8774/v2.1/', 'http://h:8774/', 'http://h:8774/v2.1'],
    ['a path-relative link is resolved under the fetched URL', 'v2/', 'http://h/image', 'http://h/image/v2'],
    ['a versioned fetched URL keeps its prefix, not its version', 'http://10.0.0.5:8774/v2.1/', 'https://cloud.example.com/compute/v2.1/', 'https://cloud.example.com/compute/v2.1'],
    ['an empty link is the fetched URL', '', 'http://h:8778/', 'http://h:8778'],
  ])('%s', (_name, href, fetchedUrl, expected) => {
    const [entry] = parseVersionDocument({ versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href }] }] }, fetchedUrl);
    expect(entry?.url).toBe(expected);
  });

  it.each([
    ["swift's list body", [{ name: 'container' }]],
    ['null', null],
    ['a string (an HTML page)', '<html>Not Found</html>'],
    ['an object with nothing version-like', { resources: [] }],
    ['an empty versions list', { versions: [] }],
    ['entries with unreadable ids', { versions: [{ id: 'latest' }, { id: '' }, 'v2'] }],
    ['a keystone error body', { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }],
  ])('rejects %s with DiscoveryError', (_name, body) => {
    expect(() => parseVersionDocument(body, 'http://h/')).toThrow(DiscoveryError);
  });
});
