/**
 * The bodies of image updates: the v2 JSON patch holds only what differs (add vs replace by whether the
 * property exists, removals of absent properties left out, tags as one replace, JSON-pointer escaping), and the
 * v1 headers (purge-props with every remaining property when something is removed).
 */
import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/resources/image/image-model.js';
import { buildImagePatch, imageV1UpdateHeaders } from '../../../src/services/image/image-update.js';

const image: Image = {
  id: 'i1', name: 'golden', status: 'active', visibility: 'private', minDiskGb: 0, minRamMb: 0, protected: false, tags: ['a'],
  properties: { os_distro: 'cirros', build: '7' },
};

describe('buildImagePatch', () => {
  it('replaces changed fields, adds new properties, replaces existing ones and removes only present ones', () => {
    expect(buildImagePatch(image, { name: 'g2', protected: true, minDiskGb: 2, properties: { build: '8', 'hw/model': 'x~y' }, removeProperties: ['os_distro', 'absent'] })).toEqual([
      { op: 'replace', path: '/name', value: 'g2' },
      { op: 'replace', path: '/protected', value: true },
      { op: 'replace', path: '/min_disk', value: 2 },
      { op: 'replace', path: '/build', value: '8' },
      { op: 'add', path: '/hw~1model', value: 'x~y' },
      { op: 'remove', path: '/os_distro' },
    ]);
  });

  it('sends tags as one replace of the whole list, and nothing at all when nothing differs', () => {
    expect(buildImagePatch(image, { addTags: ['b'], removeTags: ['a'] })).toEqual([{ op: 'replace', path: '/tags', value: ['b'] }]);
    expect(buildImagePatch(image, { name: 'golden', visibility: 'private', properties: { build: '7' }, addTags: ['a'], removeProperties: ['absent'] })).toEqual([]);
  });

  it('a property both set and removed is set', () => {
    expect(buildImagePatch(image, { properties: { build: '9' }, removeProperties: ['build'] })).toEqual([{ op: 'replace', path: '/build', value: '9' }]);
  });
});

describe('imageV1UpdateHeaders', () => {
  it('names fields as x-image-meta-*, visibility as is_public', () => {
    expect(imageV1UpdateHeaders(image, { name: 'g2', visibility: 'public', protected: true, minRamMb: 64, properties: { build: '8' } })).toEqual({
      'x-image-meta-name': 'g2',
      'x-image-meta-is_public': 'True',
      'x-image-meta-protected': 'True',
      'x-image-meta-min_ram': '64',
      'x-image-meta-property-build': '8',
    });
  });

  it('removing a property purges and resends every property that stays', () => {
    expect(imageV1UpdateHeaders(image, { removeProperties: ['build'] })).toEqual({ 'x-image-meta-property-os_distro': 'cirros', 'x-glance-registry-purge-props': 'true' });
  });
});
