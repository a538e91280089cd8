import { describe, expect, it } from 'vitest';
import { clientMaxMicroversion, Microversion, microversionHeaders, negotiateMicroversion } from '../../src/discovery/index.js';
import { DiscoveryError } from '../../src/errors/index.js';

describe('Microversion comparisons', () => {
  it.each([
    ['2.37', '2.4', 1],
    ['2.4', '2.37', -1],
    ['2.10', '2.9', 1],
    ['3.0', '2.100', 1],
    ['v2.1', '2.1', 0],
    ['2', '2.0', 0],
  ])('%s compared with %s → %i', (a, b, sign) => {
    expect(Math.sign(Microversion.parse(a).compare(b))).toBe(sign);
  });

  it.each(['', 'latest', '2.x', '2.1.3', 'abc'])('"%s" is not a microversion', (text) => {
    expect(Microversion.tryParse(text)).toBeUndefined();
  });
});

describe('negotiateMicroversion', () => {
  it.each([
    { name: 'Zed nova: the server max below the client max', opts: { clientMax: '2.100', serverMin: '2.1', serverMax: '2.93' }, expected: '2.93' },
    { name: 'a server newer than the client: the client max', opts: { clientMax: '2.100', serverMin: '2.1', serverMax: '2.103' }, expected: '2.100' },
    { name: 'cinder 3.70 against client 3.71', opts: { clientMax: '3.71', serverMin: '3.0', serverMax: '3.70' }, expected: '3.70' },
    { name: 'placement, exactly equal', opts: { clientMax: '1.39', serverMin: '1.0', serverMax: '1.39' }, expected: '1.39' },
    { name: 'a pin inside the range', opts: { clientMax: '2.100', serverMin: '2.1', serverMax: '2.93', pinned: '2.53' }, expected: '2.53' },
    { name: 'a pin at the minimum', opts: { clientMax: '2.100', serverMin: '2.1', serverMax: '2.93', pinned: '2.1' }, expected: '2.1' },
    { name: 'latest means the server max', opts: { clientMax: '2.100', serverMin: '2.1', serverMax: '2.93', pinned: 'latest' }, expected: '2.93' },
    { name: 'no min_version: the major .0', opts: { clientMax: '1.39', serverMax: '1.17' }, expected: '1.17' },
  ])('$name → $expected', ({ opts, expected }) => {
    expect(negotiateMicroversion(opts)?.toString()).toBe(expected);
  });

  it('a server without microversions negotiates none', () => {
    expect(negotiateMicroversion({ clientMax: '2.100' })).toBeUndefined();
    expect(negotiateMicroversion({ clientMax: '2.100', serverMin: '', serverMax: '' })).toBeUndefined();
  });

  it.each([
    { name: 'a pin above the server max', opts: { clientMax: '2.100', serverMin: '2.1', serverMax: '2.93', pinned: '2.95' }, message: /2\.95 is not supported by the compute server, which offers 2\.1 to 2\.93/ },
    { name: 'a pin below the server min', opts: { clientMax: '2.100', serverMin: '2.10', serverMax: '2.53', pinned: '2.3' }, message: /2\.3 is not supported/ },
    { name: 'a pin on a server without microversions', opts: { clientMax: '2.100', pinned: '2.53' }, message: /does not support microversions/ },
    { name: 'a pin that is not a microversion', opts: { clientMax: '2.100', serverMin: '2.1', serverMax: '2.93', pinned: 'two' }, message: /not a microversion/ },
    { name: 'a server whose minimum is above the client max', opts: { clientMax: '2.100', serverMin: '2.101', serverMax: '2.110' }, message: /requires microversion 2\.101 or later/ },
  ])('$name → DiscoveryError', ({ opts, message }) => {
    expect(() => negotiateMicroversion({ ...opts, serviceType: 'compute' })).toThrow(DiscoveryError);
    expect(() => negotiateMicroversion({ ...opts, serviceType: 'compute' })).toThrow(message);
  });

  it('knows the client maximum per service, aliases included', () => {
    expect([clientMaxMicroversion('compute'), clientMaxMicroversion('volumev3'), clientMaxMicroversion('placement'), clientMaxMicroversion('image')]).toEqual([
      '2.100',
      '3.71',
      '1.39',
      undefined,
    ]);
  });
});

describe('microversionHeaders', () => {
  it.each([
    ['compute', '2.1', { 'OpenStack-API-Version': 'compute 2.1', 'X-OpenStack-Nova-API-Version': '2.1' }],
    ['compute', '2.26', { 'OpenStack-API-Version': 'compute 2.26', 'X-OpenStack-Nova-API-Version': '2.26' }],
    ['compute', '2.27', { 'OpenStack-API-Version': 'compute 2.27' }],
    ['compute', '2.93', { 'OpenStack-API-Version': 'compute 2.93' }],
    ['block-storage', '3.70', { 'OpenStack-API-Version': 'volume 3.70' }],
    ['volumev3', '3.0', { 'OpenStack-API-Version': 'volume 3.0' }],
    ['placement', '1.39', { 'OpenStack-API-Version': 'placement 1.39' }],
    ['shared-file-system', '2.58', { 'OpenStack-API-Version': 'shared-file-system 2.58', 'X-OpenStack-Manila-API-Version': '2.58' }],
    ['baremetal', '1.33', { 'OpenStack-API-Version': 'baremetal 1.33', 'X-OpenStack-Ironic-API-Version': '1.33' }],
    ['image', '2.16', {}],
    ['network', '2.0', {}],
  ])('%s %s', (service, version, expected) => {
    expect(microversionHeaders(service, version)).toEqual(expected);
  });

  it('takes a Microversion value too', () => {
    expect(microversionHeaders('compute', Microversion.of(2, 100))).toEqual({ 'OpenStack-API-Version': 'compute 2.100' });
  });
});
