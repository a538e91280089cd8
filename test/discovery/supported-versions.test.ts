import { describe, expect, it } from 'vitest';
import { interpretApiVersion, splitCatalogUrl, supportedVersions } from '../../src/discovery/index.js';

describe('supportedVersions', () => {
  it.each([
    ['identity', ['3', '2.0']],
    ['compute', ['2.1', '2']],
    ['image', ['2', '1']],
    ['network', ['2.0']],
    ['block-storage', ['3', '2', '1']],
    ['volumev2', ['3', '2', '1']],
    ['placement', ['1.0']],
  ])('%s prefers %j', (type, expected) => {
    expect(supportedVersions(type)?.map((s) => s.version)).toEqual(expected);
  });
});

describe('interpretApiVersion', () => {
  it.each([
    { type: 'compute', asked: undefined, allowed: ['2.1', '2'], pin: undefined },
    { type: 'compute', asked: '2', allowed: ['2.1', '2'], pin: undefined },
    { type: 'compute', asked: '2.1', allowed: ['2.1'], pin: undefined },
    { type: 'compute', asked: '2.0', allowed: ['2'], pin: undefined },
    { type: 'compute', asked: '2.53', allowed: ['2.1'], pin: '2.53' },
    { type: 'image', asked: '2', allowed: ['2'], pin: undefined },
    { type: 'image', asked: '2.5', allowed: ['2'], pin: undefined },
    { type: 'identity', asked: '3', allowed: ['3'], pin: undefined },
    { type: 'identity', asked: '2.0', allowed: ['2.0'], pin: undefined },
    { type: 'block-storage', asked: '3', allowed: ['3'], pin: undefined },
    { type: 'block-storage', asked: '3.44', allowed: ['3'], pin: '3.44' },
    { type: 'block-storage', asked: 'v2', allowed: ['2'], pin: undefined },
    { type: 'placement', asked: '1.20', allowed: ['1.0'], pin: '1.20' },
    { type: 'dns', asked: '2', allowed: ['2'], pin: undefined },
  ])('$type with $asked', ({ type, asked, allowed, pin }) => {
    const request = interpretApiVersion(type, asked);
    expect(request?.allowed.map((s) => s.version)).toEqual(allowed);
    expect(request?.pinnedMicroversion).toBe(pin);
  });

  it.each([
    ['image', '3'],
    ['network', '3.1'],
    ['compute', 'latest'],
    ['identity', 'v4'],
  ])('%s with %s is unsupported', (type, asked) => {
    expect(interpretApiVersion(type, asked)).toBeUndefined();
  });

  it('a service without a table takes any version', () => {
    expect(interpretApiVersion('dns', undefined)).toEqual({ allowed: [], anyVersion: true });
  });
});

describe('splitCatalogUrl', () => {
  const pid = '18de52c772cd448cadd9b8dc21925ae0';
  it.each([
    { url: `http://127.0.0.1:8776/v3/${pid}`, projectId: undefined, root: 'http://127.0.0.1:8776', withoutProject: 'http://127.0.0.1:8776/v3', version: 'v3', found: pid },
    { url: 'http://127.0.0.1:5000/v3/', projectId: pid, root: 'http://127.0.0.1:5000', withoutProject: 'http://127.0.0.1:5000/v3', version: 'v3', found: undefined },
    { url: 'http://127.0.0.1:9696', projectId: pid, root: 'http://127.0.0.1:9696', withoutProject: 'http://127.0.0.1:9696', version: undefined, found: undefined },
    { url: 'https://cloud.example.com/compute/v2.1/myproject', projectId: 'myproject', root: 'https://cloud.example.com/compute', withoutProject: 'https://cloud.example.com/compute/v2.1', version: 'v2.1', found: 'myproject' },
    { url: 'http://h:8774/v2/$(tenant_id)s', projectId: 'abc', root: 'http://h:8774', withoutProject: 'http://h:8774/v2', version: 'v2', found: 'abc' },
    // A 32-hex segment is a project id only right after a version segment.
    { url: `http://h:8080/${pid}`, projectId: undefined, root: `http://h:8080/${pid}`, withoutProject: `http://h:8080/${pid}`, version: undefined, found: undefined },
  ])('$url', ({ url, projectId, root, withoutProject, version, found }) => {
    const parts = splitCatalogUrl(url, projectId);
    expect(parts).toMatchObject({ root, withoutProject });
    expect(parts.versionSegment).toBe(version);
    expect(parts.projectId).toBe(found);
  });

  it('rejects a URL that is not one with DiscoveryError', () => {
    expect(() => splitCatalogUrl('not a url')).toThrow(expect.objectContaining({ name: 'DiscoveryError' }));
  });
});
