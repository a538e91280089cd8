/**
 * IPv6 arithmetic for neutron's IPv6 subnets: addresses as BigInt, the host range of a prefix (the
 * gateway on the first address, the pool from the second to the last, as neutron allocates), and
 * the EUI-64 address SLAAC gives a port from its MAC.
 *
 * @example
 * v6Hosts('2001:db8::/64'); // { gateway: '2001:db8::1', start: '2001:db8::2', end: '2001:db8::ffff:ffff:ffff:ffff' }
 */
import { isIPv6 } from 'node:net';
import { canonicalIPv6 } from './util.js';

/**
 * An IPv6 address as a 128-bit integer.
 *
 * @example
 * v6ToBig('::1'); // 1n
 */
export function v6ToBig(address: string): bigint {
  const [head = '', tail] = canonicalIPv6(address).split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

/**
 * A 128-bit integer as a canonical IPv6 address.
 *
 * @example
 * bigToV6(1n); // '::1'
 */
export function bigToV6(value: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return canonicalIPv6(groups.join(':'));
}

/**
 * Whether a CIDR is IPv6.
 *
 * @example
 * isV6Cidr('2001:db8::/64'); // true
 */
export function isV6Cidr(cidr: string): boolean {
  return isIPv6(cidr.split('/')[0] ?? '');
}

/**
 * Gateway and allocation pool of an IPv6 prefix.
 *
 * @example
 * v6Hosts('2001:db8::/64').gateway; // '2001:db8::1'
 */
export function v6Hosts(cidr: string): { network: string; gateway: string; start: string; end: string } {
  const [base = '::', bits = '64'] = cidr.split('/');
  const hostBits = 128n - BigInt(bits);
  const network = (v6ToBig(base) >> hostBits) << hostBits;
  const last = network + (1n << hostBits) - 1n;
  return { network: bigToV6(network), gateway: bigToV6(network + 1n), start: bigToV6(network + 2n), end: bigToV6(last) };
}

/**
 * The SLAAC (EUI-64) address of a MAC in a /64.
 *
 * @example
 * eui64('2001:db8::/64', 'fa:16:3e:00:00:01'); // '2001:db8::f816:3eff:fe00:1'
 */
export function eui64(cidr: string, mac: string): string {
  const bytes = mac.split(':').map((b) => parseInt(b, 16));
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = bytes;
  const iid = [b0 ^ 0x02, b1, b2, 0xff, 0xfe, b3, b4, b5].reduce((n, b) => (n << 8n) | BigInt(b), 0n);
  const network = v6ToBig(v6Hosts(cidr).network);
  return bigToV6(network | iid);
}

/**
 * The first free address between `start` and `end`.
 *
 * @example
 * nextFreeV6('2001:db8::2', '2001:db8::ff', new Set(['2001:db8::2'])); // '2001:db8::3'
 */
export function nextFreeV6(start: string, end: string, used: Set<string>): string | undefined {
  const last = v6ToBig(end);
  for (let candidate = v6ToBig(start); candidate <= last; candidate++) {
    const ip = bigToV6(candidate);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}
