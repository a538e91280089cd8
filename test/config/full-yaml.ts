import fc from 'fast-check';
import { expect } from 'vitest';
import { parseDocument } from 'yaml';

/**
 * What the yaml package makes of a text with the options parseConfigText gives it (failsafe schema, merge keys,
 * repeated keys allowed): the answer the quick readers (simple-yaml.ts, json-text.ts) are compared with.
 *
 * @example
 * fullYaml('a: 1') // { ok: true, value: { a: '1' } }
 */
export function fullYaml(text: string): { ok: true; value: unknown } | { ok: false } {
  const doc = parseDocument(text, { schema: 'failsafe', merge: true, uniqueKeys: false });
  if (doc.errors.length > 0) return { ok: false };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch {
    return { ok: false };
  }
}

/**
 * Property: on every text drawn, `quickRead` gives up (`undefined`) or gives exactly what the yaml package gives —
 * and never answers for a text the yaml package rejects. At least `minRead` texts must have been read by it (a
 * generator it always gave up on would prove nothing).
 *
 * @example
 * expectAgreesWithYaml(parseSimpleYaml, fc.constant('a: 1'), { numRuns: 1, minRead: 1 });
 */
export function expectAgreesWithYaml(quickRead: (text: string) => unknown, texts: fc.Arbitrary<string>, options: { numRuns: number; minRead: number }): void {
  let read = 0;
  fc.assert(
    fc.property(texts, (text) => {
      const quick = quickRead(text);
      if (quick === undefined) return;
      read++;
      expect(fullYaml(text), JSON.stringify(text)).toStrictEqual({ ok: true, value: quick });
    }),
    { numRuns: options.numRuns },
  );
  expect(read, 'texts the quick reader read itself').toBeGreaterThanOrEqual(options.minRead);
}
