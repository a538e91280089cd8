import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../src/config/simple-yaml.js';
import { parseConfigText } from '../../src/config/read-config-file.js';
import { fullYaml } from './full-yaml.js';

describe('parseSimpleYaml', () => {
  it.each(['clouds.example.yaml', 'test/fixtures/openstacksdk/clouds.yaml'])('reads %s itself, as the full parser does', (file) => {
    const text = readFileSync(file, 'utf8');
    const quick = parseSimpleYaml(text);
    expect(quick).toBeDefined();
    expect(fullYaml(text)).toStrictEqual({ ok: true, value: quick });
  });

  it('reads what clouds.yaml files usually hold: nested keys, lists, quotes, comments, CRLF line ends', () => {
    const text = [
      '# written by hand',
      'clouds:',
      '  lab:',
      '    auth:',
      '      auth_url: "https://keystone.example.com:5000/v3"',
      "      password: 'it''s: a # secret'   # trailing comment",
      '      project_name: demo#1',
      '    regions:',
      '    - RegionOne',
      '    - name: RegionTwo',
      '      values:',
      '        compute_endpoint_override: https://nova.r2.example.com/v2.1',
      '    identity_api_version: 3',
      '    verify:',
      '',
    ].join('\r\n');
    expect(parseSimpleYaml(text)).toStrictEqual({
      clouds: {
        lab: {
          auth: { auth_url: 'https://keystone.example.com:5000/v3', password: "it's: a # secret", project_name: 'demo#1' },
          regions: ['RegionOne', { name: 'RegionTwo', values: { compute_endpoint_override: 'https://nova.r2.example.com/v2.1' } }],
          identity_api_version: '3',
          verify: '',
        },
      },
    });
  });

  it.each([
    ['an anchor and a merge key', 'base: &b\n  a: 1\nlab:\n  <<: *b\n'],
    ['a flow mapping', 'clouds: {lab: {auth: {}}}\n'],
    ['a flow list', 'interface: [internal, public]\n'],
    ['a block scalar', 'cert: |\n  -----BEGIN\n'],
    ['a plain scalar over two lines', 'password: a\n  b\n'],
    ['a double-quoted escape', 'password: "a\\tb"\n'],
    ['a quoted scalar over two lines', "password: 'a\n  b'\n"],
    ['a tag', 'port: !!str 5000\n'],
    ['a tab', 'clouds:\n\tlab: x\n'],
    ['non-ASCII text in a value', 'password: pässword\n'],
    ['a repeated key', 'a: 1\na: 2\n'],
    ['a document marker', '---\na: 1\n'],
    ['a top-level list', '- a\n- b\n'],
    ['JSON', '{"clouds": {}}'],
    ['an empty file', '# nothing\n'],
    ['a mapping in a plain scalar', 'a: b: c\n'],
  ])('leaves %s to the full parser', (_what, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it('still gives the full parser its say: parseConfigText reads what the quick reader leaves', () => {
    expect(parseConfigText('base: &b\n  a: 1\nlab:\n  <<: *b\n', 'x.yaml')).toStrictEqual({ base: { a: '1' }, lab: { a: '1' } });
    expect(parseConfigText('password: pässword\n', 'x.yaml')).toStrictEqual({ password: 'pässword' });
    expect(() => parseConfigText('a: b: c\n', 'x.yaml')).toThrow(/malformed YAML at line 1/);
  });
});
