import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/config/json-text.js';
import { expectAgreesWithYaml, fullYaml } from './full-yaml.js';

/**
 * JSON read by parseJsonText must give what the full YAML parser gives with parseConfigText's options (every
 * scalar its source text), or nothing. Texts are JSON.stringify output at several indents, with numbers written
 * in forms JSON allows, and a few hand-made variants (repeated keys, escapes, spacing).
 */

const full = (text: string): unknown => {
  const answer = fullYaml(text);
  return answer.ok ? answer.value : 'rejected by the yaml package';
};

const scalar = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const value = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
})).node;
const top = fc.dictionary(fc.string(), value, { maxKeys: 5 });
const text = fc.tuple(top, fc.constantFrom(undefined, 0, 1, 2, 4)).map(([object, indent]) => JSON.stringify(object, null, indent));

describe('parseJsonText', () => {
  it('gives what the full parser gives for JSON objects, or gives up', () => {
    expectAgreesWithYaml(parseJsonText, text, { numRuns: 2000, minRead: 1000 });
  });

  it.each([
    ['numbers as written', '{"a": 2.0, "b": -1e3, "c": [0.10, true, false, null]}', { a: '2.0', b: '-1e3', c: ['0.10', 'true', 'false', 'null'] }],
    ['escapes', '{"a": "tab\\there \\u00e9 \\/ \\"q\\" \\\\"}', { a: 'tab\there é / "q" \\' }],
    ['a repeated key (the last wins)', '{"a": "1", "a": "2"}', { a: '2' }],
    ['no spaces', '{"a":{"b":[1,2]}}', { a: { b: ['1', '2'] } }],
    ['lines at column 0', '{\n"clouds": {\n"lab": {}\n}\n}\n', { clouds: { lab: {} } }],
  ])('reads %s as the full parser does', (_what, json, expected) => {
    expect(parseJsonText(json)).toStrictEqual(expected);
    expect(full(json)).toStrictEqual(expected);
  });

  it.each([
    ['YAML', 'clouds:\n  lab: {}\n'],
    ['a top-level list', '[1, 2]'],
    ['a tab', '{"a":\t1}'],
    ['a __proto__ key', '{"__proto__": {"x": 1}}'],
    ['broken JSON', '{"a": 1,}'],
    ['a byte order mark', '\ufeff{"a": 1}'],
  ])('leaves %s to the full parser', (_what, json) => {
    expect(parseJsonText(json)).toBeUndefined();
  });
});
