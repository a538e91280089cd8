import { describe, expect, it } from 'vitest';
import { extractBlocks, parseSimOptions } from './markdown-blocks.js';
import { unmatchedLine } from './match-output.js';
import { splitShellWords } from './shell-words.js';

describe('extractBlocks', () => {
  it.each([
    ['plain block', '```ts\nconst a = 1;\n```', [{ lang: 'ts', code: 'const a = 1;', line: 1, doc: {} }]],
    ['no language', '```\nx\n```', [{ lang: '', code: 'x', line: 1, doc: {} }]],
    ['directives above, blank line between', '<!-- sim: profile=kilo -->\n<!-- doc: exit=3 -->\n\n```sh\ncanopy x\n```', [{ lang: 'sh', code: 'canopy x', line: 4, sim: { profile: 'kilo' }, doc: { exit: '3' } }]],
    ['prose clears a directive', '<!-- doc: output -->\nsome prose\n```text\nx\n```', [{ lang: 'text', code: 'x', line: 3, doc: {} }]],
    ['longer fence keeps inner fences', '````md\n```ts\nx\n```\n````', [{ lang: 'md', code: '```ts\nx\n```', line: 1, doc: {} }]],
  ])('%s', (_name, markdown, expected) => {
    expect(extractBlocks(markdown)).toEqual(expected);
  });
});

describe('parseSimOptions', () => {
  it.each([
    ['profile=kilo', { profile: 'kilo' }],
    ['buildTimeMs=50 rateLimit.every=3 rateLimit.retryAfterSeconds=1', { buildTimeMs: 50, rateLimit: { every: 3, retryAfterSeconds: 1 } }],
    ['profile="2025.2"', { profile: '2025.2' }],
    ['unavailable.rate=0.2 flag', { unavailable: { rate: 0.2 }, flag: true }],
  ])('%s', (text, expected) => {
    expect(parseSimOptions(text)).toEqual(expected);
  });
});

describe('splitShellWords', () => {
  it.each([
    ['canopy server list', ['canopy', 'server', 'list']],
    [`canopy server create 'web 1' --image "cirros"`, ['canopy', 'server', 'create', 'web 1', '--image', 'cirros']],
    ['a\\ b c', ['a b', 'c']],
    ["x ''", ['x', '']],
  ])('%s', (line, words) => {
    expect(splitShellWords(line)).toEqual(words);
  });
  it('refuses an unterminated quote', () => expect(() => splitShellWords("canopy 'x")).toThrow(/unterminated/));
});

describe('unmatchedLine', () => {
  it.each([
    ['all lines in order', 'a\nb\nc', 'a\nc', undefined],
    ['out of order', 'a\nb', 'b\na', 'a'],
    ['… stands for any text', 'server at http://127.0.0.1:4312', 'server at http://127.0.0.1:…', undefined],
    ['aligned columns', 'TYPE     VERSION\ncompute  2.1', 'compute 2.1', undefined],
    ['a missing line', 'a', 'a\nz', 'z'],
    ['regex characters are literal', 'a.b', 'a*b', 'a*b'],
  ])('%s', (_name, actual, expected, missing) => {
    expect(unmatchedLine(actual, expected)).toBe(missing);
  });
});
