/**
 * The fast server check gives zod's answer: on every recorded nova server, and on records with any declared field
 * replaced by any JSON value (or removed), `parseRawServer` returns what `rawServerSchema` returns, or throws
 * when zod rejects. The fast path must also actually take the real records (else it is only slower).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseValidationError } from '../../../src/errors/index.js';
import { fastRawServer, parseRawServer } from '../../../src/services/compute/raw-server-fast.js';
import { rawServerSchema } from '../../../src/services/compute/schemas.js';
import { zed } from '../../support/fixtures.js';

/** Every server record in the recorded nova answers (show, list pages, changes-since). */
function recordedServers(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const n of [35, 36, 38, 42, 43, 44, 45, 46, 48, 55, 57, 59, 91, 93]) {
    const body = zed(n).response.body as { server?: Record<string, unknown>; servers?: Record<string, unknown>[] };
    if (body.server) out.push(body.server);
    out.push(...(body.servers ?? []));
  }
  return out;
}

const declared = Object.keys(rawServerSchema.unwrap().shape); // built on first use (lazySchema)

/** Values a field can hold that sit on the edges of the schema's types. */
const edgeValue = fc.oneof(
  fc.constantFrom(null, '', 'x', 0, -1, 1.5, true, [], {}, ['a'], [{}], [{ name: 'default' }], { id: 'img' }, { addr: '10.0.0.1' }, { net: [{ addr: '10.0.0.1', version: 4 }] }, { net: [{ addr: 1 }] }, { net: {} }, { a: 'b' }, { a: 1 }, { code: 500 }, { message: null }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** zod's verdict and parseRawServer's, side by side. */
function agree(record: unknown): void {
  const zod = rawServerSchema.safeParse(record);
  if (zod.success) {
    expect(parseRawServer(record, 'GET /servers/detail')).toEqual(zod.data);
  } else {
    expect(fastRawServer(record)).toBeUndefined();
    expect(() => parseRawServer(record, 'GET /servers/detail')).toThrow(ResponseValidationError);
  }
}

describe('parseRawServer (the fast server check) against rawServerSchema', () => {
  const servers = recordedServers();

  it('takes every recorded nova server on the fast path, with zod’s result', () => {
    expect(servers.length).toBeGreaterThanOrEqual(10);
    for (const s of servers) {
      expect(fastRawServer(s)).toEqual(rawServerSchema.parse(s));
      agree(s);
    }
  });

  it('agrees with zod when a nested object has an own __proto__ key, as JSON.parse makes from {"__proto__": …}', () => {
    // Found by the property below (seed 1970139048): fault {"__proto__": []} came out with the key on the fast path.
    const nested = ['{"fault":{"__proto__":[]}}', '{"fault":{"__proto__":{"a":1},"code":500}}', '{"metadata":{"__proto__":"x"}}', '{"addresses":{"__proto__":[]}}', '{"addresses":{"net":[{"addr":"10.0.0.1","__proto__":{}}]}}', '{"image":{"id":"i","__proto__":[]}}', '{"flavor":{"__proto__":{}}}', '{"security_groups":[{"name":"default","__proto__":[]}]}', '{"__proto__":{"x":1}}'];
    for (const json of nested) {
      const record = { ...structuredClone(servers[0]), ...(JSON.parse(json) as Record<string, unknown>) };
      expect(Object.keys(record).length).toBeGreaterThan(1);
      agree(record);
    }
  });

  it('agrees with zod when a declared field holds any JSON value, or is missing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...servers), fc.constantFrom(...declared), fc.option(edgeValue, { nil: undefined }), (base, key, value) => {
        const record: Record<string, unknown> = structuredClone(base);
        if (value === undefined) delete record[key];
        else record[key] = value;
        agree(record);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with zod on nested edges: addresses, flavor, fault, metadata and security groups', () => {
    const nested = fc.record({
      addresses: fc.dictionary(fc.string({ maxLength: 4 }), fc.array(fc.record({ addr: fc.oneof(fc.string(), fc.integer()), version: fc.oneof(fc.constant(4), fc.constant(6), fc.string()), 'OS-EXT-IPS:type': fc.oneof(fc.constant('fixed'), fc.integer()) }, { requiredKeys: [] }), { maxLength: 2 }), { maxKeys: 2 }),
      flavor: fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), original_name: fc.oneof(fc.string(), fc.integer()), ram: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
      fault: fc.record({ code: fc.oneof(fc.integer(), fc.string()), message: fc.oneof(fc.string(), fc.constant(null)), details: fc.string() }, { requiredKeys: [] }),
      metadata: fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.integer())),
      security_groups: fc.array(fc.oneof(fc.record({ name: fc.string() }), fc.record({ name: fc.integer() })), { maxLength: 2 }),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.constantFrom(...servers), nested, (base, fields) => {
        agree({ ...structuredClone(base), ...fields });
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves an own "__proto__" key to zod (which drops it) and never changes the record it was given', () => {
    const base = servers[0] as Record<string, unknown>;
    agree(JSON.parse(JSON.stringify({ ...base, __proto__x: 1 }).replace('"__proto__x"', '"__proto__"')));
    const copy = structuredClone(base);
    delete copy.name;
    const before = JSON.stringify(copy);
    parseRawServer(copy, 'GET /servers/detail');
    expect(JSON.stringify(copy)).toBe(before);
  });
});
