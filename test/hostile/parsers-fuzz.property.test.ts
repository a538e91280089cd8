/**
 * Every response parser, fed random JSON, truncated bodies and wrong types, either parses or throws one of
 * Canopy's typed errors (a CanopyError subclass) — never a crash or an untyped exception.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseV2TokenResponse } from '../../src/auth/keystone-v2.js';
import { parseV3TokenResponse } from '../../src/auth/keystone-v3.js';
import { normalizeV2Catalog, normalizeV3Catalog } from '../../src/discovery/catalog.js';
import { parseVersionDocument } from '../../src/discovery/version-document.js';
import { isCanopyError } from '../../src/errors/index.js';
import { readBody } from '../../src/http/response-body.js';
import * as blockStorage from '../../src/resources/block-storage/volume-model.js';
import { parseBody } from '../../src/services/compute/parse-body.js';
import * as compute from '../../src/services/compute/schemas.js';
import * as network from '../../src/services/network/schemas.js';
import * as image from '../../src/resources/image/image-model.js';
import { zed } from '../support/fixtures.js';

/** Every exported zod schema of the service layers, by name. */
const schemas = (Object.entries({ ...compute, ...network, ...blockStorage, ...image }) as Array<[string, unknown]>)
  .filter((entry): entry is [string, z.ZodType] => typeof entry[1] === 'object' && entry[1] !== null && typeof (entry[1] as { safeParse?: unknown }).safeParse === 'function');

/** Real bodies from the Zed recordings, mangled: the shapes parsers actually meet, broken in realistic ways. */
const realBodies = Array.from({ length: 60 }, (_, i) => {
  try {
    return zed(i + 1).response.body as unknown;
  } catch {
    return undefined;
  }
}).filter((b) => b !== undefined && b !== null);

function mangle(value: unknown, pick: number, replacement: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map((v, i) => (i === pick % value.length ? replacement : mangle(v, pick + 1, replacement))) : replacement;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (!keys.length) return replacement;
    const key = keys[pick % keys.length] as string;
    return { ...(value as object), [key]: pick % 3 === 0 ? replacement : mangle((value as Record<string, unknown>)[key], pick + 1, replacement) };
  }
  return replacement;
}

const anyBody = fc.oneof(
  fc.jsonValue(),
  fc.record({ token: fc.jsonValue(), access: fc.jsonValue(), versions: fc.jsonValue(), version: fc.jsonValue(), catalog: fc.jsonValue() }, { requiredKeys: [] }),
  fc.tuple(fc.constantFrom(...realBodies), fc.nat(), fc.jsonValue()).map(([body, pick, repl]) => mangle(body, pick, repl)),
);

function typedOrOk(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect({ name: (error as Error)?.name, typed: isCanopyError(error) }).toEqual({ name: (error as Error)?.name, typed: true });
  }
}

describe('response parsers under random and broken bodies', () => {
  it(`the ${schemas.length} service schemas through parseBody`, () => {
    expect(schemas.length).toBeGreaterThan(15);
    fc.assert(fc.property(anyBody, fc.nat({ max: schemas.length - 1 }), (body, i) => {
      const [name, schema] = schemas[i] as [string, z.ZodType];
      typedOrOk(() => parseBody(schema, body, { service: 'compute', what: name }));
    }), { numRuns: 2000 });
  });

  it('keystone v3/v2 token responses and catalogs', () => {
    fc.assert(fc.property(anyBody, fc.option(fc.string()), (body, subject) => {
      typedOrOk(() => parseV3TokenResponse(body, subject, 'http://127.0.0.1:5000/v3'));
      typedOrOk(() => parseV2TokenResponse(body, 'http://127.0.0.1:5000/v2.0'));
      typedOrOk(() => normalizeV3Catalog(body));
      typedOrOk(() => normalizeV2Catalog(body));
    }), { numRuns: 1000 });
  });

  it('version documents', () => {
    fc.assert(fc.property(anyBody, fc.constantFrom('http://127.0.0.1:8774/', 'http://127.0.0.1:8774/v2.1', 'http://h/compute/v2.1/'), (body, url) => {
      typedOrOk(() => parseVersionDocument(body, url, new Headers()));
    }), { numRuns: 1000 });
  });

  it('readBody on truncated and mislabelled bodies', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), fc.nat(), fc.constantFrom('application/json', 'application/json; charset=UTF-8', 'text/html', 'text/plain', ''), async (value, cut, type) => {
      const text = JSON.stringify(value) ?? '';
      const response = new Response(text.slice(0, cut % (text.length + 1)), { status: 200, headers: type ? { 'Content-Type': type } : {} });
      try {
        await readBody(response, { service: 'compute', url: 'http://127.0.0.1:8774/v2.1/servers' });
      } catch (error) {
        expect(isCanopyError(error)).toBe(true);
      }
    }), { numRuns: 500 });
  });
});
