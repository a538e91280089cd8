import { describe, expect, it } from 'vitest';
import { normalizeV2Catalog, normalizeV3Catalog, selectEndpoint, type Catalog, type SelectEndpointOptions } from '../../src/discovery/index.js';
import { EndpointNotFoundError } from '../../src/errors/index.js';
import { V2_CATALOG, zedCatalogBody } from './fixtures.js';

const zedCatalog = normalizeV3Catalog(zedCatalogBody());
const v2Catalog = normalizeV2Catalog(V2_CATALOG);

/** An Icehouse-style v3 catalog: no names, `region` only, cinder known only by its old aliases. */
const icehouse: Catalog = normalizeV3Catalog([
  {
    type: 'volumev2',
    endpoints: [
      { interface: 'public', region: 'RegionOne', url: 'http://h:8776/v2/p' },
      { interface: 'public', region: 'RegionTwo', url: 'http://h2:8776/v2/p' },
    ],
  },
  { type: 'volume', endpoints: [{ interface: 'public', region: 'RegionOne', url: 'http://h:8776/v1/p' }] },
  { type: 'compute', endpoints: [{ interface: 'internal', region: 'RegionOne', url: 'http://10.0.0.1:8774/v2.1' }] },
]);

/** Two named services of one type, and an unnamed one, to pin down serviceName filtering. */
const named: Catalog = normalizeV3Catalog([
  { type: 'compute', name: 'cloudServers', endpoints: [{ interface: 'public', region_id: 'ORD', url: 'http://legacy/v1.0' }] },
  { type: 'compute', name: 'cloudServersOpenStack', endpoints: [{ interface: 'public', region_id: 'ORD', url: 'http://nova/v2/p' }] },
  { type: 'image', endpoints: [{ interface: 'public', region_id: 'ORD', url: 'http://glance' }] },
]);

const cases: { name: string; catalog: Catalog; options: SelectEndpointOptions; expected: { catalogType: string; interface: string; url: string; region?: string; serviceName?: string } }[] = [
  {
    name: 'zed: block-storage found as itself (exact type wins over volumev3)',
    catalog: zedCatalog,
    options: { serviceType: 'block-storage', interfaces: ['public'], region: 'RegionOne' },
    expected: { catalogType: 'block-storage', serviceName: 'cinder', interface: 'public', region: 'RegionOne', url: 'http://127.0.0.1:8776/v3/18de52c772cd448cadd9b8dc21925ae0' },
  },
  {
    name: 'zed: volumev3 asked for directly',
    catalog: zedCatalog,
    options: { serviceType: 'volumev3', interfaces: ['internal'] },
    expected: { catalogType: 'volumev3', serviceName: 'cinderv3', interface: 'internal', region: 'RegionOne', url: 'http://127.0.0.1:8776/v3/18de52c772cd448cadd9b8dc21925ae0' },
  },
  {
    name: 'zed: interface preference takes the first that exists',
    catalog: zedCatalog,
    options: { serviceType: 'compute', interfaces: ['admin', 'public'] },
    expected: { catalogType: 'compute', serviceName: 'nova', interface: 'admin', region: 'RegionOne', url: 'http://127.0.0.1:8774/v2.1' },
  },
  {
    name: 'zed: service type written with an underscore and upper case',
    catalog: zedCatalog,
    options: { serviceType: 'Block_Storage', interfaces: ['public'] },
    expected: { catalogType: 'block-storage', serviceName: 'cinder', interface: 'public', region: 'RegionOne', url: 'http://127.0.0.1:8776/v3/18de52c772cd448cadd9b8dc21925ae0' },
  },
  {
    name: 'icehouse: block-storage found as volumev2, the first alias present',
    catalog: icehouse,
    options: { serviceType: 'block-storage', interfaces: ['public'], region: 'RegionTwo' },
    expected: { catalogType: 'volumev2', interface: 'public', region: 'RegionTwo', url: 'http://h2:8776/v2/p' },
  },
  {
    name: 'icehouse: no region asked → the first endpoint in catalog order',
    catalog: icehouse,
    options: { serviceType: 'volumev2', interfaces: ['public'] },
    expected: { catalogType: 'volumev2', interface: 'public', region: 'RegionOne', url: 'http://h:8776/v2/p' },
  },
  {
    name: 'icehouse: a second-choice interface',
    catalog: icehouse,
    options: { serviceType: 'compute', interfaces: ['public', 'internal'] },
    expected: { catalogType: 'compute', interface: 'internal', region: 'RegionOne', url: 'http://10.0.0.1:8774/v2.1' },
  },
  {
    name: 'icehouse: a service name does not filter out entries that have none',
    catalog: icehouse,
    options: { serviceType: 'compute', interfaces: ['internal'], serviceName: 'nova' },
    expected: { catalogType: 'compute', interface: 'internal', region: 'RegionOne', url: 'http://10.0.0.1:8774/v2.1' },
  },
  {
    name: 'serviceName picks among named services of one type',
    catalog: named,
    options: { serviceType: 'compute', interfaces: ['public'], serviceName: 'cloudServersOpenStack' },
    expected: { catalogType: 'compute', serviceName: 'cloudServersOpenStack', interface: 'public', region: 'ORD', url: 'http://nova/v2/p' },
  },
  {
    name: 'v2: publicURL style interface names are accepted',
    catalog: v2Catalog,
    options: { serviceType: 'compute', interfaces: ['internalURL'], region: 'RegionOne' },
    expected: { catalogType: 'compute', serviceName: 'nova', interface: 'internal', region: 'RegionOne', url: 'http://10.0.0.1:8774/v2/0123456789abcdef0123456789abcdef' },
  },
  {
    name: 'v2: block-storage prefers volumev2 over volume (official alias order)',
    catalog: v2Catalog,
    options: { serviceType: 'block-storage', interfaces: ['public'] },
    expected: { catalogType: 'volumev2', serviceName: 'cinderv2', interface: 'public', region: 'RegionOne', url: 'http://h:8776/v2/0123456789abcdef0123456789abcdef' },
  },
  {
    name: 'v2: identity admin endpoint',
    catalog: v2Catalog,
    options: { serviceType: 'identity', interfaces: ['adminURL'] },
    expected: { catalogType: 'identity', serviceName: 'keystone', interface: 'admin', region: 'RegionOne', url: 'http://h:35357/v2.0' },
  },
];

describe('selectEndpoint', () => {
  it.each(cases)('$name', ({ catalog, options, expected }) => {
    expect(selectEndpoint(catalog, options)).toEqual(expected);
  });
});

/** Runs a selection that must fail and returns the error. */
function failure(catalog: Catalog, options: SelectEndpointOptions): EndpointNotFoundError {
  try {
    selectEndpoint(catalog, options);
  } catch (e) {
    if (e instanceof EndpointNotFoundError) return e;
    throw e;
  }
  throw new Error('selectEndpoint found an endpoint');
}

describe('selectEndpoint failures', () => {
  it('a requested volumev2 never matches volumev3 (alias → alias is not a match)', () => {
    const onlyVolumev3 = zedCatalog.filter((s) => s.type !== 'block-storage');
    const e = failure(onlyVolumev3, { serviceType: 'volumev2', interfaces: ['public'] });
    expect(e.message).toContain('"volumev2" (looked for volumev2, block-storage)');
    expect(e.available).toEqual(['compute', 'identity', 'image', 'network', 'placement', 'volumev3']);
  });

  it('a requested volumev2 may match the official block-storage entry (official ↔ alias)', () => {
    expect(selectEndpoint(zedCatalog, { serviceType: 'volumev2', interfaces: ['public'] }).catalogType).toBe('block-storage');
  });

  it('an unknown type lists the types the catalog has', () => {
    const e = failure(zedCatalog, { serviceType: 'object-store', interfaces: ['public'], region: 'RegionOne' });
    expect(e.message).toMatch(/no public endpoint for service "object-store" in region RegionOne; the catalog has: block-storage, compute, identity/);
    expect(e.serviceType).toBe('object-store');
  });

  it('a wrong region names the regions the service is offered in', () => {
    const e = failure(icehouse, { serviceType: 'block-storage', interfaces: ['public'], region: 'regionone' });
    expect(e.message).toContain('in region regionone');
    expect(e.message).toContain('offered in regions: RegionOne, RegionTwo');
  });

  it('a missing interface names the interfaces there are', () => {
    const e = failure(icehouse, { serviceType: 'compute', interfaces: ['public', 'admin'], region: 'RegionOne' });
    expect(e.message).toContain('no public or admin endpoint');
    expect(e.message).toContain('interfaces: internal');
  });

  it('a service name that matches no named entry lists the names', () => {
    const e = failure(named, { serviceType: 'compute', interfaces: ['public'], serviceName: 'nova' });
    expect(e.message).toContain('no service named "nova"');
    expect(e.message).toContain('cloudServers, cloudServersOpenStack');
  });

  it('an empty catalog says so', () => {
    expect(failure([], { serviceType: 'compute', interfaces: ['public'] }).message).toContain('the catalog has: (nothing)');
  });
});
