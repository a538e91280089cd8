import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeV2Catalog, normalizeV3Catalog, parseVersionDocument } from '../../src/discovery/index.js';
import { isCanopyError } from '../../src/errors/index.js';
import { openstacksdk, openstacksdkDocuments, V2_CATALOG, zed, zedCatalogBody } from './fixtures.js';

/** Runs `fn`; anything thrown must be one of Canopy's typed errors. */
function onlyCanopyErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (isCanopyError(e)) return true;
    throw e;
  }
}

/** Cuts a real document's JSON text short and parses whatever still parses (truncated bodies, missing brackets). */
function truncations(doc: unknown): fc.Arbitrary<unknown> {
  const text = JSON.stringify(doc);
  return fc.integer({ min: 0, max: text.length }).map((n) => {
    const cut = text.slice(0, n);
    for (const closing of ['', '"', ']', '}', '"}', ']}', '}]}', '"}]}', '}}', ']}}', '}]}}']) {
      try {
        return JSON.parse(cut + closing) as unknown;
      } catch {
        // try the next way of closing it
      }
    }
    return cut;
  });
}

const realDocuments = [...openstacksdkDocuments().map(openstacksdk), ...['01', '02', '08', '19', '20', '28', '29', '74', '76'].map((n) => zed(n).response.body)];
const versionDocs = fc.oneof(fc.jsonValue(), fc.constantFrom(...realDocuments).chain(truncations), fc.anything());
const urls = fc.oneof(fc.constant('http://127.0.0.1:8774/'), fc.webUrl(), fc.string());

describe('robustness: hostile input only ever raises typed errors', () => {
  it('parseVersionDocument', () => {
    fc.assert(
      fc.property(versionDocs, urls, (body, url) => {
        expect(onlyCanopyErrors(() => parseVersionDocument(body, url))).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('parseVersionDocument on mutated version entries', () => {
    const entry = fc.record(
      { id: fc.oneof(fc.string(), fc.constantFrom('v2.1', '2.0', 'v3.14', 'v1')), status: fc.anything(), version: fc.anything(), min_version: fc.anything(), max_version: fc.anything(), links: fc.oneof(fc.anything(), fc.array(fc.record({ rel: fc.constantFrom('self', 'describedby'), href: fc.oneof(fc.string(), fc.webUrl(), fc.constant('')) }))) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(entry.map((e) => ({ versions: [e] })), entry.map((e) => ({ version: e })), entry.map((e) => ({ versions: { values: [e] } })), entry), (body) => {
        expect(onlyCanopyErrors(() => parseVersionDocument(body, 'https://cloud.example.com/compute/'))).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('normalizeV3Catalog and normalizeV2Catalog', () => {
    const catalogs = fc.oneof(fc.jsonValue(), fc.anything(), truncations(zedCatalogBody()), truncations(V2_CATALOG));
    fc.assert(
      fc.property(catalogs, (raw) => {
        expect(onlyCanopyErrors(() => normalizeV3Catalog(raw))).toBe(true);
        expect(onlyCanopyErrors(() => normalizeV2Catalog(raw))).toBe(true);
      }),
      { numRuns: 600 },
    );
  });
});
