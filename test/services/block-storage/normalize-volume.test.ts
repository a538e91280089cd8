import { describe, expect, it } from 'vitest';
import { normalizeVolume, rawVolumeSchema, volumeEnvelopeSchema } from '../../../src/resources/block-storage/volume-model.js';
import { zed } from '../../support/fixtures.js';

describe('cinder volume records → Volume', () => {
  it('the in-use volume at 3.70 (fixture 84): string bootable, attachment, UTC timestamps', () => {
    const volume = normalizeVolume(volumeEnvelopeSchema.parse(zed(84).response.body).volume);
    expect(volume).toEqual({
      id: 'fed03a8c-b02d-41ed-a84b-f603f048ba6d', name: 'fx-volume', status: 'in-use', size: 1, bootable: false,
      attachments: [{ serverId: '8c7aa18b-4515-48a9-aad7-ed3cd4718521', device: '/dev/sdb', attachmentId: '9279ad5a-169c-43d4-805d-e94921e630e3' }],
      availabilityZone: 'nova', volumeType: '__DEFAULT__', metadata: {}, readOnly: false, createdAt: '2026-11-23T06:46:56.000000Z', updatedAt: '2026-11-23T06:46:57.000000Z',
    });
  });

  it.each([
    { bootable: 'true', expected: true },
    { bootable: 'false', expected: false },
    { bootable: 'True', expected: true },
    { bootable: true, expected: true },
    { bootable: null, expected: false },
  ])('bootable $bootable → $expected', ({ bootable, expected }) => {
    expect(normalizeVolume(rawVolumeSchema.parse({ id: 'v', name: 'x', status: 'available', size: 1, bootable })).bootable).toBe(expected);
  });

  it('a v1 record names the volume display_name', () => {
    expect(normalizeVolume(rawVolumeSchema.parse({ id: 'v', display_name: 'legacy', status: 'available', size: 2, attachments: [] })).name).toBe('legacy');
  });

  it('the create answer (fixture 78) has microseconds and a null updated_at', () => {
    const volume = normalizeVolume(volumeEnvelopeSchema.parse(zed(78).response.body).volume);
    expect(volume).toMatchObject({ status: 'creating', createdAt: '2026-11-23T06:46:56.808650Z', updatedAt: undefined });
  });
});
