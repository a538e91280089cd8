/**
 * Small helpers the simulated services share: a seedable random source, id makers, the timestamp
 * formats each service uses, and IPv4 arithmetic for address allocation.
 *
 * @example
 * const rng = createRandom(42); const id = uuid(rng); // '…-4…-…' (deterministic for a seed)
 */
import { createHash } from 'node:crypto';

/** A random source: returns a float in [0, 1). Seeded so runs can be repeated. */
export type Random = () => number;

/**
 * Creates a seeded random source (mulberry32); without a seed it seeds from the clock.
 *
 * @example
 * const rng = createRandom(1); rng(); // same value on every run
 */
export function createRandom(seed?: number): Random {
  let a = (seed ?? Date.now() ^ (process.pid << 8)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hexDigits(rng: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(rng() * 16).toString(16);
  return out;
}

/**
 * A version-4 UUID, as nova, neutron, glance and cinder use for resource ids.
 *
 * @example
 * uuid(createRandom(1)); // 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'
 */
export function uuid(rng: Random): string {
  const h = hexDigits(rng, 32);
  const variant = '89ab'[Math.floor(rng() * 4)] ?? '8';
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A 32-digit hex id, as keystone uses for users, projects, endpoints and application credentials.
 *
 * @example
 * hexId(createRandom(1)); // '3f9c…' (32 characters)
 */
export function hexId(rng: Random): string {
  return hexDigits(rng, 32);
}

/**
 * A request id in the oslo form `req-<uuid>`.
 *
 * @example
 * requestId(createRandom(1)); // 'req-…'
 */
export function requestId(rng: Random): string {
  return `req-${uuid(rng)}`;
}

/**
 * A neutron-style MAC address (`fa:16:3e:…`).
 *
 * @example
 * macAddress(createRandom(1)); // 'fa:16:3e:12:ab:9f'
 */
export function macAddress(rng: Random): string {
  const byte = () => Math.floor(rng() * 256).toString(16).padStart(2, '0');
  return `fa:16:3e:${byte()}:${byte()}:${byte()}`;
}

/**
 * An opaque token value. Fernet tokens start with `gAAAAA`; the shape only matters for looks.
 *
 * @example
 * tokenValue(createRandom(1)); // 'gAAAAAB…'
 */
export function tokenValue(rng: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = 'gAAAAAB';
  for (let i = 0; i < 120; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

/**
 * `2026-11-23T06:46:26Z`: nova `created`/`updated`, neutron and glance timestamps (second resolution).
 *
 * @example
 * isoSeconds(0); // '1970-01-01T00:00:00Z'
 */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `2026-11-23T06:46:26.000000`: nova `launched_at`/`terminated_at`, instance actions and cinder (UTC, no
 * zone, microseconds always zero because the databases store seconds).
 *
 * @example
 * microsNoZone(0); // '1970-01-01T00:00:00.000000'
 */
export function microsNoZone(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000');
}

/**
 * `2026-11-23T06:46:56.808000`: cinder's create response, which still carries the sub-second part.
 *
 * @example
 * microsPrecise(1500); // '1970-01-01T00:00:01.500000'
 */
export function microsPrecise(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000');
}

/**
 * `2026-11-23T10:46:22.000000Z`: keystone token times.
 *
 * @example
 * keystoneTime(0); // '1970-01-01T00:00:00.000000Z'
 */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

/**
 * Parses an ISO-8601 time the way nova's `changes-since` does (zone optional, UTC assumed).
 *
 * @example
 * parseTime('2026-11-23T06:46:31Z'); // 1795416391000
 */
export function parseTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return undefined;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Converts dotted IPv4 text to an integer.
 *
 * @example
 * ipToInt('10.0.0.1'); // 167772161
 */
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/**
 * Converts an integer to dotted IPv4 text.
 *
 * @example
 * intToIp(167772161); // '10.0.0.1'
 */
export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * The usable host range of an IPv4 CIDR: gateway is the first host, the pool the rest.
 *
 * @example
 * cidrHosts('192.168.77.0/24'); // { gateway: '192.168.77.1', start: '192.168.77.2', end: '192.168.77.254' }
 */
export function cidrHosts(cidr: string): { gateway: string; start: string; end: string } {
  const [base = '0.0.0.0', bitsText = '24'] = cidr.split('/');
  const size = 2 ** (32 - Number(bitsText));
  const network = ipToInt(base) - (ipToInt(base) % size);
  return { gateway: intToIp(network + 1), start: intToIp(network + 2), end: intToIp(network + size - 2) };
}

/**
 * Hex digest helper for image checksums.
 *
 * @example
 * digest('md5', Buffer.from('x')); // '9dd4e461268c8034f5c8564e155c67a6'
 */
export function digest(algorithm: 'md5' | 'sha512', data: Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}

/**
 * Compares microversions numerically (`2.37` is above `2.4`).
 *
 * @example
 * compareVersions('2.37', '2.4'); // 1
 */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor !== bMajor ? Math.sign(aMajor - bMajor) : Math.sign(aMinor - bMinor);
}

/**
 * An IPv6 address in its canonical compressed form (RFC 5952), as the services store it; returns
 * the text unchanged when it is not an IPv6 address.
 *
 * @example
 * canonicalIPv6('0000:0000:0000:0000:0000:babe:220.12.22.2'); // '::babe:dc0c:1602'
 */
export function canonicalIPv6(text: string): string {
  let address = text.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return text;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => (Number.isNaN(parseInt(g, 16)) ? g : parseInt(g, 16).toString(16)));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

/**
 * A value as Python's repr() writes it, for messages that quote the request the way nova and cinder do.
 *
 * @example
 * pyRepr({ policies: ['x'] }) // "{'policies': ['x']}"
 */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `'${k}': ${pyRepr(v)}`).join(', ')}}`;
  return String(value);
}
