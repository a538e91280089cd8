import { describe, expect, it } from 'vitest';
import { normalizeImageV1, normalizeImageV2, rawImageV1Schema, rawImageV2Schema } from '../../../src/resources/image/image-model.js';
import { imageV1FromHeaders } from '../../../src/services/image/images-v1.js';
import { zed } from '../../support/fixtures.js';

describe('glance image records → Image', () => {
  it('v2 (Zed fixture 13): core fields mapped, extra keys kept as properties, links dropped', () => {
    const image = normalizeImageV2(rawImageV2Schema.parse(zed(13).response.body));
    expect(image).toMatchObject({ name: 'fx-image', status: 'active', visibility: 'private', size: 20, diskFormat: 'raw', containerFormat: 'bare', minDiskGb: 0, minRamMb: 0, createdAt: '2026-11-23T06:46:23Z' });
    expect(Object.keys(image.properties).sort()).toEqual(['os_hash_algo', 'os_hash_value', 'os_hidden', 'owner', 'protected']);
  });

  it('v2 queued record (fixture 11): null size and checksum become undefined', () => {
    const image = normalizeImageV2(rawImageV2Schema.parse(zed(11).response.body));
    expect(image).toMatchObject({ status: 'queued', size: undefined, checksum: undefined });
  });

  it.each([
    { is_public: true, visibility: 'public' },
    { is_public: false, visibility: 'private' },
  ])('v1 is_public $is_public → visibility $visibility', ({ is_public, visibility }) => {
    expect(normalizeImageV1(rawImageV1Schema.parse({ id: 'i', name: 'cirros', status: 'active', is_public, created_at: '2014-05-01T10:00:00' })).visibility).toBe(visibility);
  });

  it('v1 HEAD headers become a record: numbers, booleans, properties', () => {
    const headers = new Headers({
      'x-image-meta-id': '5f1c', 'x-image-meta-name': 'cirros', 'x-image-meta-status': 'active', 'x-image-meta-is_public': 'True',
      'x-image-meta-size': '13287936', 'x-image-meta-min_ram': '64', 'x-image-meta-created_at': '2014-05-01T10:00:00', 'x-image-meta-property-os_distro': 'cirros',
    });
    const image = normalizeImageV1(rawImageV1Schema.parse(imageV1FromHeaders(headers)));
    expect(image).toMatchObject({ id: '5f1c', visibility: 'public', size: 13287936, minRamMb: 64, createdAt: '2014-05-01T10:00:00Z', properties: { os_distro: 'cirros' } });
  });
});
