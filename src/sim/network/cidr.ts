/**
 * CIDR arithmetic for both IP versions: membership and overlap, as neutron checks them for
 * subnets, router interfaces and extra routes.
 *
 * @example
 * cidrsOverlap('10.0.0.0/24', '10.0.0.128/25'); // true
 */
import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether an IPv4 or IPv6 address lies in a CIDR.
 *
 * @example
 * inCidr('10.0.0.5', '10.0.0.0/24'); // true
 */
export function inCidr(address: string, cidr: string): boolean {
  const [base = '', bits = '0'] = cidr.split('/');
  const a = addressBits(address);
  const b = addressBits(base);
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  const prefix = Number(bits);
  return a.slice(0, prefix) === b.slice(0, prefix);
}

/**
 * An address as a string of bits (32 for IPv4, 128 for IPv6).
 *
 * @example
 * addressBits('0.0.0.1')?.endsWith('1'); // true
 */
export function addressBits(address: string): string | undefined {
  if (isIPv4(address)) return address.split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('');
  if (!isIPv6(address)) return undefined;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(2).padStart(16, '0')).join('');
}

/**
 * Whether two CIDRs share addresses.
 *
 * @example
 * cidrsOverlap('10.0.0.0/16', '10.1.0.0/24'); // false
 */
export function cidrsOverlap(a: string, b: string): boolean {
  const [baseA = '', bitsA = '0'] = a.split('/');
  const [baseB = '', bitsB = '0'] = b.split('/');
  const x = addressBits(baseA);
  const y = addressBits(baseB);
  if (x === undefined || y === undefined || x.length !== y.length) return false;
  const prefix = Math.min(Number(bitsA), Number(bitsB));
  return x.slice(0, prefix) === y.slice(0, prefix);
}

