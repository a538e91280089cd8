/**
 * The hot path of server validation: a hand-written check of exactly what {@link rawServerSchema} declares, for
 * long listings (10,000 servers: zod's generic walk of ~30 keys per record, most of them undeclared, was the
 * largest client-side cost after `JSON.parse`). A record it accepts comes out as zod would make it (defaults
 * filled, a shallow copy, nested values shared); anything it does not accept goes through zod, so an invalid
 * record fails with zod's own issues. test/services/raw-server-fast.test.ts holds the two to the same answers.
 */
import { parseBody } from './parse-body.js';
import { rawServerSchema, type RawServer } from './schemas.js';

type Rec = Record<string, unknown>;

/**
 * A plain JSON object the fast path can take. One with an own `__proto__` key (JSON.parse makes one from
 * `{"__proto__": …}`) is left to zod: zod copies keys by assignment, which turns that key into a prototype.
 */
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.hasOwn(v, '__proto__');
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const nullishString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const optNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

function addressesOk(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v)) return false;
  for (const label in v) {
    const list = v[label];
    if (!Array.isArray(list)) return false;
    for (const a of list) {
      if (!isRecord(a) || typeof a.addr !== 'string' || !optNumber(a.version) || !optString(a['OS-EXT-IPS:type']) || !optString(a['OS-EXT-IPS-MAC:mac_addr'])) return false;
    }
  }
  return true;
}

function metadataOk(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v)) return false;
  for (const key in v) if (typeof v[key] !== 'string') return false;
  return true;
}

function imageOk(v: unknown): boolean {
  return v === undefined || v === null || typeof v === 'string' || (isRecord(v) && typeof v.id === 'string');
}

function flavorOk(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v)) return false;
  const id = v.id;
  return (id === undefined || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) && optString(v.original_name) && optNumber(v.ram) && optNumber(v.vcpus) && optNumber(v.disk);
}

function faultOk(v: unknown): boolean {
  return v === undefined || (isRecord(v) && optNumber(v.code) && optString(v.message) && optString(v.details) && optString(v.created));
}

function listOk(v: unknown, item: (x: unknown) => boolean): boolean {
  return v === undefined || (Array.isArray(v) && v.every(item));
}

/**
 * The record as zod would return it, or `undefined` when it needs zod's verdict (exported for its test).
 *
 * @example
 * fastRawServer({ id: 'a', status: 'ACTIVE' }); // { id: 'a', status: 'ACTIVE', name: '', metadata: {}, addresses: {} }
 * @internal
 */
export function fastRawServer(s: unknown): RawServer | undefined {
  if (!isRecord(s)) return undefined;
  const ok =
    typeof s.id === 'string' &&
    optString(s.name) &&
    typeof s.status === 'string' &&
    optString(s.tenant_id) &&
    metadataOk(s.metadata) &&
    imageOk(s.image) &&
    flavorOk(s.flavor) &&
    optString(s.created) &&
    optString(s.updated) &&
    addressesOk(s.addresses) &&
    nullishString(s.accessIPv4) &&
    nullishString(s.accessIPv6) &&
    nullishString(s.key_name) &&
    listOk(s.tags, (t) => typeof t === 'string') &&
    faultOk(s.fault) &&
    listOk(s.security_groups, (g) => isRecord(g) && typeof g.name === 'string') &&
    nullishString(s['OS-EXT-STS:task_state']) &&
    nullishString(s['OS-EXT-STS:vm_state']) &&
    (s['OS-EXT-STS:power_state'] === undefined || s['OS-EXT-STS:power_state'] === null || optNumber(s['OS-EXT-STS:power_state'])) &&
    nullishString(s['OS-EXT-AZ:availability_zone']);
  if (!ok) return undefined;
  const fault = s.fault as Rec | undefined;
  return {
    ...s,
    name: s.name ?? '',
    metadata: s.metadata ?? {},
    addresses: s.addresses ?? {},
    ...(fault && fault.message === undefined ? { fault: { ...fault, message: '' } } : {}),
  } as RawServer;
}

/**
 * One server record of a nova answer, validated: the fast check, else zod (which throws `ResponseValidationError`).
 *
 * @example
 * const raw = parseRawServer(item, 'GET /servers/detail');
 */
export function parseRawServer(item: unknown, what: string): RawServer {
  return fastRawServer(item) ?? parseBody(rawServerSchema, item, { service: 'compute', what });
}
