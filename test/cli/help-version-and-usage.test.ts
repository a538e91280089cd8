/** `canopy --version`, `canopy help …`, per-command help with every flag described, and unknown options. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCommandGroup, type CommandGroup, type CommandSpec } from '../../src/cli/command-spec.js';
import { COMMANDS } from '../../src/cli/command-table.js';
import { SIM_FLAGS } from '../../src/cli/commands/sim.js';
import { commandHelp, groupHelp, mainHelp } from '../../src/cli/help.js';
import { ROOT, buildCli } from './support/build-cli.js';
import { runCanopy } from './support/run-canopy.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Every runnable command by its full name (`server create`, `sim`, …). */
function everyCommand(): [string, CommandSpec][] {
  return Object.entries(COMMANDS).flatMap(([name, entry]) =>
    isCommandGroup(entry) ? Object.entries(entry.subcommands).map(([sub, spec]): [string, CommandSpec] => [`${name} ${sub}`, spec]) : [[name, entry] as [string, CommandSpec]],
  );
}

describe('help texts', () => {
  it.each(everyCommand())('%s --help names each of its own flags with a one-line description', (name, spec) => {
    const text = commandHelp(name, spec);
    expect(text).toContain(`canopy ${name}: ${spec.summary}`);
    for (const [flag, def] of Object.entries(spec.flags)) {
      expect(def.description, `--${flag} of ${name} has no description`).toMatch(/\S/);
      expect(def.description).not.toContain('\n');
      // The description follows on the flag's line, or on the next one when the flag's column is long.
      expect(text).toMatch(new RegExp(`--(\\[no-\\])?${flag}\\b[^\\n]*(\\n +)?  ${def.description!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });
});

describe('canopy --help', () => {
  it('starts every command summary in one column, at most 42 characters in, and wraps long subcommand lists', () => {
    const text = mainHelp(COMMANDS);
    const starts = Object.values(COMMANDS).map((entry) => {
      const line = text.split('\n').find((l) => l.endsWith(`  ${entry.summary}`)) ?? '';
      return line.length - entry.summary.length;
    });
    expect(new Set(starts).size).toBe(1);
    expect(starts[0]).toBeGreaterThan(0);
    expect(starts[0]).toBeLessThanOrEqual(42);
    const commandLines = text.slice(text.indexOf('Commands:'), text.indexOf('Global flags:')).split('\n');
    for (const line of commandLines) expect(line.length - (Object.values(COMMANDS).find((e) => line.endsWith(e.summary))?.summary.length ?? 0)).toBeLessThanOrEqual(102);
  });

  it('gives a group a one-line usage (its subcommands are listed below it)', () => {
    expect(groupHelp('server', COMMANDS.server as CommandGroup)).toContain('\nUsage: canopy [global flags] server <subcommand> [args]\n');
  });

  it("names a group's list by its plural alone ('list servers', not 'list servers: list, show, …')", () => {
    const list = (name: string) => (COMMANDS[name] as { subcommands: Record<string, CommandSpec> }).subcommands.list?.summary;
    expect(list('server')).toBe('list servers');
    expect(list('network')).toBe('list networks');
    expect(list('role')).toBe('list roles');
    expect(list('volume-snapshot')).toBe('list volume snapshots');
  });
});

describe('the built canopy binary', () => {
  let main: string;
  const canopy = (...args: string[]) => runCanopy(main, args, {});
  beforeAll(async () => {
    main = await buildCli();
  }, 60_000);

  it('--version prints the package version', async () => {
    const run = await canopy('--version');
    expect(run).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it('canopy help server create and canopy server create --help print the same command help', async () => {
    const viaHelp = await canopy('help', 'server', 'create');
    const viaFlag = await canopy('server', 'create', '--help');
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toMatch(/--image NAME\|ID +image to boot from/);
    expect(viaHelp.stdout).toMatch(/--\[no-\]wait +wait for ACTIVE/);
    expect(viaHelp.stdout).not.toContain('--cidr'); // another command's flag
  });

  it('canopy help server lists the subcommands; canopy help lists every command', async () => {
    const group = await canopy('help', 'server');
    expect(group.code).toBe(0);
    for (const sub of ['list', 'show', 'create', 'delete']) expect(group.stdout).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    const all = await canopy('help');
    expect(all.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(all.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(all.stdout).toContain('--version');
  });

  it('canopy sim --help lists every knob', async () => {
    const run = await canopy('sim', '--help');
    expect(run.code).toBe(0);
    for (const knob of Object.keys(SIM_FLAGS)) expect(run.stdout).toContain(`--${knob} `);
  });

  it.each([
    [['server', 'list', '--bogus'], 'canopy server list --help'],
    [['--bogus'], 'canopy --help'],
    [['server', '--bogus'], 'canopy server --help'],
    [['--os-cloud', 'x', 'volume', 'create', 'v', '--size', '1', '--colour', 'red'], 'canopy volume create --help'],
  ])('an unknown option (%j) says "unknown option", exit code 2', async (args, helpHint) => {
    const run = await canopy(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^canopy: usage: unknown option --(bogus|colour) /m);
    expect(run.stderr).toContain(helpHint);
    expect(run.stderr).not.toContain('unknown command');
  });

  it('an unknown command still says "unknown command", exit code 2', async () => {
    const run = await canopy('servers', 'list');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "servers"');
  });
});
