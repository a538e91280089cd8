/** The help texts of `canopy`: the command list, a command group's subcommands, one command with its flags. */
import packageJson from '../../package.json' with { type: 'json' };
import { isCommandGroup, type CommandGroup, type CommandSpec, type FlagSpec } from './command-spec.js';
import { GLOBAL_FLAGS } from './global-options.js';

/** The package's version, printed by `canopy --version`. */
export const VERSION: string = packageJson.version;

const EXIT_CODES = `Exit codes: 0 ok, 1 other failure, 2 usage or configuration, 3 not found, 4 resource failed (e.g. server ERROR),
5 timeout, 6 credentials refused.`;

/** Widest left column before an entry's description moves to the line below it. */
const LEFT_MAX = 38;

/**
 * Two columns, the left as wide as its longest entry up to {@link LEFT_MAX}; a longer entry (it may span lines)
 * has its description on the next line, under the others.
 */
function columns(rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length).filter((length) => length <= LEFT_MAX));
  return rows.flatMap(([left, right]) => {
    if (left.length <= width && !left.includes('\n')) return [`  ${left.padEnd(width)}  ${right}`.trimEnd()];
    return [...left.split('\n').map((line) => `  ${line}`), `  ${' '.repeat(width)}  ${right}`.trimEnd()];
  });
}

/** `name a|b|c…` with the `|` list wrapped at ~100 columns, continuation lines under its first word. */
function subcommandList(name: string, subcommands: string[]): string {
  const lines: string[] = [];
  let line = `${name} `;
  for (const [i, sub] of subcommands.entries()) {
    const word = i < subcommands.length - 1 ? `${sub}|` : sub;
    if (line.length + word.length > 98 && line.trim() !== name) {
      lines.push(line);
      line = ' '.repeat(name.length + 1);
    }
    line += word;
  }
  return [...lines, line].join('\n');
}

/**
 * One line per flag: `--name VALUE   description`, values named by the flag's placeholder.
 *
 * @example
 * flagLines({ size: { type: 'string', value: 'GIB', description: 'size in GiB' } }); // ['  --size GIB  size in GiB']
 */
export function flagLines(flags: FlagSpec): string[] {
  return columns(
    Object.entries(flags).map(([name, def]) => [
      `--${def.negatable ? '[no-]' : ''}${name}${def.short ? `, -${def.short}` : ''}${def.type === 'string' ? ` ${def.value ?? 'VALUE'}` : ''}${def.multiple ? ' …' : ''}`,
      def.description ?? '',
    ]),
  );
}

/**
 * `canopy --help`: every command with its one-line summary, the global flags and the exit codes.
 *
 * @example
 * stdout(mainHelp(COMMANDS));
 */
export function mainHelp(commands: Record<string, CommandSpec | CommandGroup>): string {
  const lines = columns(
    Object.entries(commands).map(([name, entry]) => [
      isCommandGroup(entry) ? subcommandList(name, Object.keys(entry.subcommands)) : `${name}${entry.args ? ` ${entry.args}` : ''}`,
      entry.summary,
    ]),
  );
  return `canopy ${VERSION} — OpenStack porcelain

Usage: canopy [global flags] <command> [args]
       canopy help <command> [<subcommand>]

Commands:
${lines.join('\n')}

Global flags:
${flagLines(GLOBAL_FLAGS).join('\n')}

${EXIT_CODES}
`;
}

/**
 * `canopy server --help`: the group's subcommands with their summaries.
 *
 * @example
 * stdout(groupHelp('server', COMMANDS.server));
 */
export function groupHelp(name: string, group: CommandGroup): string {
  const lines = columns(Object.entries(group.subcommands).map(([sub, spec]) => [`${sub}${spec.args ? ` ${spec.args}` : ''}`, spec.summary]));
  return `canopy ${name}: ${group.summary}

Usage: canopy [global flags] ${name} <subcommand> [args]

Subcommands:
${lines.join('\n')}

Run "canopy ${name} <subcommand> --help" for a subcommand's flags, "canopy --help" for the global flags.
`;
}

/**
 * `canopy server create --help`: usage, summary, the command's own flags with one line each.
 *
 * @example
 * stdout(commandHelp('server create', SERVER_COMMANDS.create));
 */
export function commandHelp(name: string, spec: CommandSpec): string {
  const own = Object.keys(spec.flags).length ? `Flags (… = may be repeated):\n${flagLines(spec.flags).join('\n')}\n\n` : '';
  return `canopy ${name}: ${spec.summary}

Usage: canopy [global flags] ${name}${Object.keys(spec.flags).length ? ' [flags]' : ''}${spec.args ? ` ${spec.args}` : ''}

${own}Global flags (--os-cloud, --json, --timeout, …): see "canopy --help".
`;
}
