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
