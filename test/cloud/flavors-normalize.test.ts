import { describe, expect, it } from 'vitest';
import { flavorRecordSchema, normalizeFlavor } from '../../src/resources/compute/flavor.js';

describe('nova flavor records → Flavor', () => {
  it.each([
    { swap: 0, expected: 0 },
    { swap: '', expected: 0 },
    { swap: 512, expected: 512 },
    { swap: '1024', expected: 1024 },
    { swap: undefined, expected: 0 },
  ])('swap $swap → $expected (an integer from 2.75, "" before)', ({ swap, expected }) => {
    expect(normalizeFlavor(flavorRecordSchema.parse({ id: 1, name: 'm1.tiny', ram: 512, vcpus: 1, disk: 1, swap })).swap).toBe(expected);
  });

  it('numeric ids become strings, and missing extensions get defaults', () => {
    expect(normalizeFlavor(flavorRecordSchema.parse({ id: 42, name: 'm1.nano', ram: 128, vcpus: 1, disk: 0 }))).toMatchObject({ id: '42', ephemeral: 0, isPublic: true, disabled: false, extraSpecs: undefined });
  });
});
