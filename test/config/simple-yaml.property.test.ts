import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../src/config/simple-yaml.js';
import { expectAgreesWithYaml, fullYaml as full } from './full-yaml.js';

/**
 * The quick reader must never disagree with the full parser: on any text it either gives up (`undefined`) or gives
 * exactly what `yaml` gives with the options parseConfigText uses — and it gives up on text the full parser
 * rejects. Texts are built from clouds.yaml-like pieces plus the characters YAML treats specially.
 */

const special = fc.constantFrom(...':#-\'" ,[]{}&*!|>%@`?<\\\t\r~', ': ', ' #', "''", '- ', '\n', '  ');
const word = fc.constantFrom('auth', 'auth_url', 'password', 'region_name', 'RegionOne', 'lab-1', 'x.y', 'a/b', '$v', 'https://k.example:5000/v3', '0123', '2.0', 'true', 'null', '~', 'it', 's');
const piece = fc.oneof({ weight: 4, arbitrary: word }, { weight: 2, arbitrary: special });
const scalarText = fc.array(piece, { minLength: 0, maxLength: 4 }).map((parts) => parts.join(''));
const valueText = fc.oneof(
  scalarText,
  scalarText.map((s) => `'${s.replaceAll("'", "''")}'`),
  scalarText.map((s) => `"${s}"`),
  fc.tuple(scalarText, scalarText).map(([a, b]) => `${a} # ${b}`),
);

/** A mapping of depth ≤ 3 written as block YAML, its values random scalars (special characters included). */
type Tree = { [key: string]: string | (string | Tree)[] | Tree };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.dictionary(
    word,
    fc.oneof({ depthSize: 'small', withCrossShrink: true }, valueText, fc.array(fc.oneof(valueText, tie('node')), { minLength: 1, maxLength: 3 }), tie('node')),
    { minKeys: 1, maxKeys: 4 },
  ),
})).node;

function write(node: Tree, indent: number, listIndent: number): string[] {
  return Object.entries(node).flatMap(([key, value]) => {
    const pad = ' '.repeat(indent);
    if (typeof value === 'string') return [`${pad}${key}: ${value}`];
    if (!Array.isArray(value)) return [`${pad}${key}:`, ...write(value, indent + 2, listIndent)];
    const dash = ' '.repeat(indent + listIndent);
    return [
      `${pad}${key}:`,
      ...value.flatMap((item) => {
        if (typeof item === 'string') return [`${dash}- ${item}`];
        const [first = '', ...rest] = write(item, indent + listIndent + 2, listIndent);
        return [`${dash}- ${first.trimStart()}`, ...rest];
      }),
    ];
  });
}

/** Such a mapping's text, then sometimes spoilt: a line moved left or right, a comment or an odd line put in. */
const documentText = fc
  .tuple(tree, fc.constantFrom(0, 2), fc.array(fc.tuple(fc.nat(), fc.constantFrom('indent+', 'indent-', 'comment', 'odd')), { maxLength: 2 }), scalarText)
  .map(([node, listIndent, spoils, odd]) => {
    const lines = write(node, 0, listIndent);
    for (const [at, how] of spoils) {
      const i = at % lines.length;
      const text = lines[i] as string;
      if (how === 'indent+') lines[i] = ` ${text}`;
      else if (how === 'indent-') lines[i] = text.replace(/^ /, '');
      else lines.splice(i, 0, how === 'comment' ? `  # ${odd} ≡ é` : odd);
    }
    return lines.join('\n');
  });

/** Documents inside the subset: nested mappings and lists of plain or quoted scalars. */
const plainValue = fc.constantFrom('alice', 'https://keystone.example.com:5000/v3', 'pw:with:colons', '0123', 'a b c', 'x#y', "it's");
const simpleDocument = fc
  .array(
    fc.tuple(
      fc.constantFrom('clouds', 'lab', 'auth', 'prod'),
      fc.array(fc.tuple(word.filter((w) => /^[A-Za-z_$][\w.$/-]*$/.test(w)), plainValue, fc.constantFrom('plain', 'single', 'double', 'list')), { minLength: 1, maxLength: 5 }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((sections) =>
    sections
      .map(([name, entries], i) => {
        const body = entries.map(([key, value, style]) => {
          if (style === 'list') return `  ${key}:\n    - ${value}\n    - '${value.replaceAll("'", "''")}'`;
          if (style === 'single') return `  ${key}: '${value.replaceAll("'", "''")}'  # note`;
          if (style === 'double') return `  ${key}: "${value}"`;
          return `  ${key}: ${value}`;
        });
        return [`${name}${i}:`, ...new Map(body.map((b) => [b.split(':')[0], b])).values()].join('\n');
      })
      .join('\n\n# a comment\n'),
  );

describe('parseSimpleYaml', () => {
  it('gives what the full parser gives, or gives up (random clouds.yaml-like text)', () => {
    expectAgreesWithYaml(parseSimpleYaml, documentText, { numRuns: 3000, minRead: 200 });
  });

  it('reads documents inside its subset itself, the same as the full parser', () => {
    fc.assert(
      fc.property(simpleDocument, (text) => {
        const quick = parseSimpleYaml(text);
        expect(quick, JSON.stringify(text)).toBeDefined();
        expect(quick).toStrictEqual((full(text) as { value: unknown }).value);
      }),
      { numRuns: 500 },
    );
  });
});
