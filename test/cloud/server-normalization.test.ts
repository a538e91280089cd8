/** The normalized Server built from real Zed records at 2.93 and 2.1, with and without a floating IP. */
import { describe, expect, it } from 'vitest';
import { normalizeServer } from '../../src/resources/compute/server-model.js';
import { rawServerSchema, serverEnvelopeSchema } from '../../src/services/compute/schemas.js';
import { zed } from '../support/fixtures.js';

const ctx = { cloud: 'minicloud', region: 'RegionOne', externalNetworks: ['public'] };
const show = (n: number) => serverEnvelopeSchema.parse(zed(n).response.body).server;

describe('normalizeServer on Zed fixtures', () => {
  it('36 (2.93, embedded flavor): flavor name/ram/vcpus from the embedded flavor, no id; private address only', () => {
    const s = normalizeServer(show(36), ctx);
    expect(s).toMatchObject({
      id: '8c7aa18b-4515-48a9-aad7-ed3cd4718521',
      status: 'ACTIVE',
      taskState: undefined,
      vmState: 'active',
      powerState: 1,
      flavor: { id: undefined, name: 'm1.nano', ram: 128, vcpus: 1 },
      image: { id: '24ebbdf6-645b-44fd-8ffb-ab36cc483be6' },
      privateV4: '10.100.0.105',
      publicV4: undefined,
      interfaceIp: '10.100.0.105',
      tags: [],
      keyName: undefined,
      availabilityZone: 'nova',
      createdAt: '2026-11-23T06:46:25Z',
      cloud: 'minicloud',
      region: 'RegionOne',
    });
    expect(s.addresses.auto_allocated_network).toEqual([{ network: 'auto_allocated_network', addr: '10.100.0.105', version: 4, type: 'fixed', mac: 'fa:16:3e:ed:2b:29' }]);
  });

  it('38 (2.1): flavor is {id} only, tags empty although nova sends none, same keys as at 2.93', () => {
    const legacy = normalizeServer(show(38), ctx);
    expect(legacy.flavor).toEqual({ id: '42' });
    expect(legacy.tags).toEqual([]);
    expect(Object.keys(legacy).sort()).toEqual(Object.keys(normalizeServer(show(36), ctx)).sort());
  });

  it('55: the floating address nova lists becomes publicV4 and the interface address', () => {
    const s = normalizeServer(show(55), ctx);
    expect(s.publicV4).toBe('203.0.113.39');
    expect(s.privateV4).toBe('10.100.0.105');
    expect(s.interfaceIp).toBe('203.0.113.39');
  });

  it('59 + a neutron floating IP nova does not show yet: merged in under the fixed address label', () => {
    const s = normalizeServer(show(59), { ...ctx, floatingIps: [{ floatingIpAddress: '203.0.113.39', fixedIpAddress: '10.100.0.105' }] });
    expect(s.publicV4).toBe('203.0.113.39');
    expect(s.addresses.auto_allocated_network?.map((a) => `${a.addr}/${a.type}`)).toEqual(['10.100.0.105/fixed', '203.0.113.39/floating']);
  });

  it('59 alone: the address is gone, so no publicV4', () => {
    expect(normalizeServer(show(59), ctx).publicV4).toBeUndefined();
  });

  it('private: true makes the fixed address the interface address', () => {
    expect(normalizeServer(show(55), { ...ctx, private: true }).interfaceIp).toBe('10.100.0.105');
  });

  it('93 (changes-since, deleted): DELETED with no addresses and power state 0', () => {
    const body = zed(93).response.body as { servers: unknown[] };
    const s = normalizeServer(rawServerSchema.parse(body.servers[0]), ctx);
    expect(s).toMatchObject({ status: 'DELETED', vmState: 'deleted', powerState: 0, addresses: {}, publicV4: undefined, privateV4: undefined, interfaceIp: undefined });
  });

  it('35 (BUILD, no security_groups key, empty addresses) parses', () => {
    const s = normalizeServer(show(35), ctx);
    expect(s.status).toBe('BUILD');
    expect(s.availabilityZone).toBeUndefined();
  });

  it('a boot-from-volume record (image "") has image id ""', () => {
    const raw = { ...show(36), image: '' };
    expect(normalizeServer(rawServerSchema.parse(raw), ctx).image).toEqual({ id: '' });
  });
});
