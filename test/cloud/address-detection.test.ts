/** Public/private address detection across cloud generations and clouds.yaml `networks:` settings. */
import { describe, expect, it } from 'vitest';
import { detectAddresses, flattenAddresses, isPrivateAddress, mergeFloatingIps } from '../../src/resources/compute/server-model.js';
import type { NetworkConfig } from '../../src/config/cloud-config.js';

type Addr = { addr: string; version?: number; 'OS-EXT-IPS:type'?: string };
interface Case {
  name: string;
  addresses: Record<string, Addr[]>;
  access?: { accessIPv4?: string; accessIPv6?: string };
  networks?: NetworkConfig[];
  externalNetworks?: string[];
  private?: boolean;
  expected: { publicV4?: string; publicV6?: string; privateV4?: string; interfaceIp?: string };
}

const fixed = (addr: string, version = 4): Addr => ({ addr, version, 'OS-EXT-IPS:type': 'fixed' });
const floating = (addr: string): Addr => ({ addr, version: 4, 'OS-EXT-IPS:type': 'floating' });

const CASES: Case[] = [
  {
    name: 'neutron: fixed on a tenant network + floating',
    addresses: { net: [fixed('10.0.0.5'), floating('203.0.113.9')] },
    expected: { publicV4: '203.0.113.9', privateV4: '10.0.0.5', interfaceIp: '203.0.113.9' },
  },
  {
    name: 'nova-network: floating listed under the fixed network label (172.24 is private space, but typed floating)',
    addresses: { private: [fixed('10.0.0.2'), floating('172.24.4.228')] },
    expected: { publicV4: '172.24.4.228', privateV4: '10.0.0.2', interfaceIp: '172.24.4.228' },
  },
  {
    name: 'Essex/Folsom: no OS-EXT-IPS type, a public address under "public"',
    addresses: { public: [{ addr: '198.51.100.7', version: 4 }], private: [{ addr: '10.1.0.7', version: 4 }] },
    expected: { publicV4: '198.51.100.7', privateV4: '10.1.0.7', interfaceIp: '198.51.100.7' },
  },
  {
    name: 'accessIPv4-only cloud: addresses private, accessIPv4 is the public one',
    addresses: { internal: [fixed('10.2.0.3')] },
    access: { accessIPv4: '198.51.100.20' },
    expected: { publicV4: '198.51.100.20', privateV4: '10.2.0.3', interfaceIp: '198.51.100.20' },
  },
  {
    name: 'empty accessIPv4 ("") is ignored',
    addresses: { internal: [fixed('10.2.0.3')] },
    access: { accessIPv4: '' },
    expected: { publicV4: undefined, privateV4: '10.2.0.3', interfaceIp: '10.2.0.3' },
  },
  {
    name: 'provider network with public fixed addresses, known external from neutron',
    addresses: { ext: [fixed('198.51.100.44'), fixed('2001:db8::44', 6)] },
    externalNetworks: ['ext'],
    expected: { publicV4: '198.51.100.44', publicV6: '2001:db8::44', privateV4: undefined, interfaceIp: '198.51.100.44' },
  },
  {
    name: 'routes_externally: true makes a 10.x network public (clouds.yaml)',
    addresses: { corp: [fixed('10.9.0.4')] },
    networks: [{ name: 'corp', routesExternally: true }],
    expected: { publicV4: '10.9.0.4', privateV4: undefined, interfaceIp: '10.9.0.4' },
  },
  {
    name: 'routes_externally: false keeps a public-looking range private',
    addresses: { lab: [fixed('198.51.100.60')] },
    networks: [{ name: 'lab', routesExternally: false }],
    expected: { publicV4: undefined, privateV4: '198.51.100.60', interfaceIp: '198.51.100.60' },
  },
  {
    name: 'two internal networks: nat_destination picks the private address',
    addresses: { a: [fixed('10.0.0.5')], b: [fixed('10.5.0.5')] },
    networks: [{ name: 'b', natDestination: true }],
    expected: { publicV4: undefined, privateV4: '10.5.0.5', interfaceIp: '10.5.0.5' },
  },
  {
    name: 'private cloud: interface is the fixed address even with a floating one',
    addresses: { net: [fixed('10.0.0.5'), floating('203.0.113.9')] },
    private: true,
    expected: { publicV4: '203.0.113.9', privateV4: '10.0.0.5', interfaceIp: '10.0.0.5' },
  },
  {
    name: 'IPv6 only, global: publicV6 and interface',
    addresses: { v6: [fixed('2001:db8:1::5', 6), fixed('fe80::1', 6)] },
    expected: { publicV4: undefined, publicV6: '2001:db8:1::5', privateV4: undefined, interfaceIp: '2001:db8:1::5' },
  },
];

describe('detectAddresses', () => {
  it.each(CASES)('$name', (c) => {
    const found = detectAddresses(flattenAddresses(c.addresses as never), c.access ?? {}, { networks: c.networks, externalNetworks: c.externalNetworks, private: c.private });
    expect(found).toEqual({ publicV4: undefined, publicV6: undefined, privateV4: undefined, interfaceIp: undefined, ...c.expected });
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['10.0.0.1', true],
    ['172.16.0.1', true],
    ['172.31.255.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['100.64.0.1', true],
    ['169.254.1.1', true],
    ['203.0.113.9', false],
    ['fd00::1', true],
    ['fe80::1', true],
    ['2001:db8::1', false],
  ])('%s → %s', (addr, expected) => {
    expect(isPrivateAddress(addr)).toBe(expected);
  });
});

describe('mergeFloatingIps', () => {
  const base = flattenAddresses({ net: [fixed('10.0.0.5')] } as never);
  it('adds a floating IP nova does not list yet under the fixed address label', () => {
    expect(mergeFloatingIps(base, [{ floatingIpAddress: '203.0.113.9', fixedIpAddress: '10.0.0.5' }]).map((a) => `${a.network}:${a.addr}:${a.type}`)).toEqual(['net:10.0.0.5:fixed', 'net:203.0.113.9:floating']);
  });
  it('does not duplicate one nova already lists', () => {
    const withIt = flattenAddresses({ net: [fixed('10.0.0.5'), floating('203.0.113.9')] } as never);
    expect(mergeFloatingIps(withIt, [{ floatingIpAddress: '203.0.113.9', fixedIpAddress: '10.0.0.5' }])).toHaveLength(2);
  });
  it('ignores a floating IP whose fixed address is not the server’s', () => {
    expect(mergeFloatingIps(base, [{ floatingIpAddress: '203.0.113.9', fixedIpAddress: '10.0.0.99' }])).toHaveLength(1);
  });
});
