import { describe, expect, it } from 'vitest';
import { normalizeV2Catalog, normalizeV3Catalog } from '../../src/discovery/index.js';
import { isResponseValidationError } from '../../src/errors/index.js';
import { V2_CATALOG, zed, zedCatalogBody } from './fixtures.js';

describe('normalizeV3Catalog', () => {
  it('reads the Zed token catalog: every service, names, region ids, all three interfaces', () => {
    const catalog = normalizeV3Catalog(zedCatalogBody());
    expect(catalog.map((s) => s.type).sort()).toEqual(['block-storage', 'compute', 'identity', 'image', 'network', 'placement', 'volumev3']);
    const cinder = catalog.find((s) => s.type === 'volumev3');
    expect(cinder?.name).toBe('cinderv3');
    expect(cinder?.endpoints.map((e) => e.interface).sort()).toEqual(['admin', 'internal', 'public']);
    expect(cinder?.endpoints[0]).toMatchObject({ region: 'RegionOne', url: 'http://127.0.0.1:8776/v3/18de52c772cd448cadd9b8dc21925ae0' });
  });

  it('accepts the token body form `{catalog: [...]}` as GET /v3/auth/catalog returns it', () => {
    expect(normalizeV3Catalog(zed('05').response.body)).toEqual(normalizeV3Catalog(zedCatalogBody()));
  });

  it.each([
    {
      name: 'Icehouse: no region_id, no service name',
      raw: [{ type: 'compute', endpoints: [{ id: 'e1', interface: 'public', region: 'RegionOne', url: 'http://h:8774/v2/p' }] }],
      expected: [{ type: 'compute', endpoints: [{ interface: 'public', region: 'RegionOne', url: 'http://h:8774/v2/p', id: 'e1' }] }],
    },
    {
      name: 'region_id wins over region',
      raw: [{ type: 'image', name: 'glance', id: 's1', endpoints: [{ interface: 'public', region_id: 'r-id', region: 'Region Name', url: 'http://h:9292' }] }],
      expected: [{ type: 'image', name: 'glance', id: 's1', endpoints: [{ interface: 'public', region: 'r-id', url: 'http://h:9292' }] }],
    },
    {
      name: 'empty and null URLs are skipped, null names and regions mean absent',
      raw: [{ type: 'dns', name: null, endpoints: [{ interface: 'public', url: '' }, { interface: 'admin', url: null, region: null }, { interface: 'internal', region: '', url: 'http://d' }] }],
      expected: [{ type: 'dns', endpoints: [{ interface: 'internal', url: 'http://d' }] }],
    },
    {
      name: 'duplicate entries without endpoints stay, with none',
      raw: [{ type: 'network', name: 'neutron' }],
      expected: [{ type: 'network', name: 'neutron', endpoints: [] }],
    },
    { name: 'an empty catalog', raw: [], expected: [] },
  ])('$name', ({ raw, expected }) => {
    expect(normalizeV3Catalog(raw)).toEqual(expected);
  });

  it.each([
    ['not a list', { services: [] }],
    ['a service without type', [{ endpoints: [] }]],
    ['an endpoint without interface', [{ type: 'compute', endpoints: [{ url: 'http://h' }] }]],
    ['a number', 42],
  ])('rejects %s with ResponseValidationError', (_name, raw) => {
    let thrown: unknown;
    try {
      normalizeV3Catalog(raw);
    } catch (e) {
      thrown = e;
    }
    expect(isResponseValidationError(thrown)).toBe(true);
    expect(isResponseValidationError(thrown) && thrown.issues.length > 0).toBe(true);
  });
});

describe('normalizeV2Catalog', () => {
  it('turns publicURL/internalURL/adminURL into one endpoint each', () => {
    const catalog = normalizeV2Catalog(V2_CATALOG);
    const nova = catalog.find((s) => s.type === 'compute');
    expect(nova?.endpoints).toEqual([
      { interface: 'public', region: 'RegionOne', id: '1f3a', url: 'http://h:8774/v2/0123456789abcdef0123456789abcdef' },
      { interface: 'internal', region: 'RegionOne', id: '1f3a', url: 'http://10.0.0.1:8774/v2/0123456789abcdef0123456789abcdef' },
      { interface: 'admin', region: 'RegionOne', id: '1f3a', url: 'http://10.0.0.1:8774/v2/0123456789abcdef0123456789abcdef' },
      { interface: 'public', region: 'RegionTwo', url: 'http://h2:8774/v2/0123456789abcdef0123456789abcdef' },
    ]);
    expect(catalog.find((s) => s.type === 'volumev2')?.endpoints.map((e) => e.interface)).toEqual(['public']);
    expect(catalog.find((s) => s.type === 'identity')?.endpoints.map((e) => `${e.interface} ${e.url}`)).toEqual([
      'public http://h:5000/v2.0',
      'admin http://h:35357/v2.0',
    ]);
  });

  it.each([
    ["Folsom's empty catalog {}", {}],
    ['an empty list', []],
    ['a token body without serviceCatalog', { access: { token: { id: 'x' } } }],
  ])('%s is an empty catalog', (_name, raw) => {
    expect(normalizeV2Catalog(raw)).toEqual([]);
  });

  it('takes the catalog out of a whole {access: …} body', () => {
    expect(normalizeV2Catalog({ access: { serviceCatalog: V2_CATALOG } })).toEqual(normalizeV2Catalog(V2_CATALOG));
  });

  it.each([
    ['a non-empty object', { compute: {} }],
    ['endpoints that are not a list', [{ type: 'compute', endpoints: 'http://h' }]],
    ['a string', 'catalog'],
  ])('rejects %s with ResponseValidationError', (_name, raw) => {
    expect(() => normalizeV2Catalog(raw)).toThrow(expect.objectContaining({ name: 'ResponseValidationError' }));
  });
});
