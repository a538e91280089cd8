/**
 * docs/cli.md's command reference is generated from the command table (every group, generated from a
 * ResourceCli descriptor or hand-written, with its subcommands and summary): the test fails when a group is
 * added or changed without the docs. `CANOPY_WRITE_DOCS=1` rewrites the block.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { isCommandGroup } from '../../src/cli/command-spec.js';
import { COMMANDS } from '../../src/cli/command-table.js';
import { ROOT } from './support/build-cli.js';

const FILE = join(ROOT, 'docs/cli.md');
const START = '<!-- command reference: generated from the command table by test/cli/docs-cli-reference.test.ts -->';
const END = '<!-- end of the command reference -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The reference table: one row per group (its words as openstackclient spells them) and per single command. */
function reference(): string {
  const rows = Object.entries(COMMANDS).map(([name, entry]) => {
    const words = name.replace(/-/g, ' ');
    const subs = isCommandGroup(entry) ? Object.keys(entry.subcommands).join(', ') : '';
    return `| \`canopy ${cell(words)}\` | ${cell(subs)} | ${cell(entry.summary)} |`;
  });
  return [START, '', '| command | subcommands | what |', '| --- | --- | --- |', ...rows, '', END].join('\n');
}

it('docs/cli.md lists every command group with its subcommands', () => {
  const text = readFileSync(FILE, 'utf8');
  const at = text.indexOf(START);
  const end = text.indexOf(END);
  if (process.env.CANOPY_WRITE_DOCS === '1') {
    writeFileSync(FILE, `${text.slice(0, at)}${reference()}${text.slice(end + END.length)}`);
    return;
  }
  expect(at, 'docs/cli.md has no generated command reference').toBeGreaterThanOrEqual(0);
  expect(text.slice(at, end + END.length)).toBe(reference());
});
