import { isCanopyError } from '../errors/index.js';
import type { CliContext } from './cli-context.js';
import { isCommandGroup, type CommandGroup, type CommandSpec, type FlagSpec } from './command-spec.js';
import { COMMANDS } from './command-table.js';
import { ExitCode, UsageError, exitCodeFor } from './exit-codes.js';
import { GLOBAL_FLAGS, globalOptions, parseCommandLine } from './global-options.js';

const GLOBAL_HELP = `Global flags:
  --os-cloud NAME             cloud from clouds.yaml (default: OS_CLOUD)
  --os-region-name NAME       region (default: the cloud's first)
  --os-client-config-file F   clouds.yaml to read (default: OS_CLIENT_CONFIG_FILE, then the usual places)
  --all-clouds                server list: every cloud × region of clouds.yaml, with CLOUD and REGION columns;
                              clouds that fail are named on stderr; exit 0 when at least one answered
  --json | --yaml             machine-readable output (default: a table; progress is drawn only on a terminal)
  --timeout SECONDS           per-request timeout, and the limit of a command's wait
  --debug                     log each request (redacted) and the request count to stderr

Exit codes: 0 ok, 1 other failure, 2 usage or configuration, 3 not found, 4 resource failed (e.g. server ERROR),
5 timeout, 6 credentials refused.`;

function commandLine(name: string, spec: CommandSpec): string {
  return `  ${`${name}${spec.args ? ` ${spec.args}` : ''}`.padEnd(40)} ${spec.summary}`;
}

function help(group?: { name: string; entry: CommandGroup }): string {
  if (group) {
    const lines = Object.entries(group.entry.subcommands).map(([sub, spec]) => commandLine(`${group.name} ${sub}`, spec));
    return `Usage: canopy [global flags] ${group.name} <${Object.keys(group.entry.subcommands).join('|')}> [args]\n\n${lines.join('\n')}\n\n${GLOBAL_HELP}\n`;
  }
  const lines = Object.entries(COMMANDS).map(([name, entry]) =>
    isCommandGroup(entry) ? `  ${`${name} ${Object.keys(entry.subcommands).join('|')}`.padEnd(40)} ${entry.summary}` : commandLine(name, entry),
  );
  return `canopy — OpenStack porcelain\n\nUsage: canopy [global flags] <command> [args]\n\nCommands:\n${lines.join('\n')}\n\n${GLOBAL_HELP}\n`;
}

/** Flags that take a value, so the word after them is not mistaken for the command. */
function valueFlags(extra: FlagSpec = {}): Set<string> {
  const all: FlagSpec = { ...GLOBAL_FLAGS, ...extra };
  return new Set(Object.entries(all).filter(([, spec]) => spec.type === 'string').map(([name]) => `--${name}`));
}

/** Index of the first word that is neither a flag nor a flag's value, at or after `from`. */
function nextWord(argv: string[], from: number, takesValue: Set<string>): number {
  for (let i = from; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return -1;
    if (!arg.startsWith('-')) return i;
    if (takesValue.has(arg)) i++;
  }
  return -1;
}

/** Runs the CLI with the given arguments; returns the exit code. */
export async function runCli(
  argv: string[],
  io: {
    stdout?: (t: string) => void;
    stderr?: (t: string) => void;
    env?: Record<string, string | undefined>;
    isTTY?: boolean;
    /** Writes progress as-is; default stderr when both stdout and stderr are terminals. */
    progress?: (t: string) => void;
  } = {},
): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => process.stdout.write(`${t}\n`));
  const stderr = io.stderr ?? ((t: string) => process.stderr.write(`${t}\n`));
  const env = io.env ?? process.env;
  const isTTY = io.isTTY ?? Boolean(process.stdout.isTTY);
  const progress = io.progress ?? (io.isTTY === undefined && process.stdout.isTTY && process.stderr.isTTY ? (t: string) => void process.stderr.write(t) : undefined);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  try {
    const at = nextWord(argv, 0, valueFlags());
    if (at < 0) {
      stdout(help());
      return wantsHelp ? ExitCode.ok : ExitCode.usage;
    }
    const name = argv[at] as string;
    const entry = COMMANDS[name];
    if (!entry) throw new UsageError(`unknown command "${name}"; try: ${Object.keys(COMMANDS).join(', ')}`);
    let spec: CommandSpec;
    const rest = argv.filter((_, i) => i !== at);
    if (isCommandGroup(entry)) {
      const allFlags = Object.values(entry.subcommands).reduce<FlagSpec>((acc, s) => ({ ...acc, ...s.flags }), {});
      const subAt = nextWord(rest, at, valueFlags(allFlags));
      const sub = subAt < 0 ? undefined : (rest[subAt] as string);
      if (sub === undefined || !entry.subcommands[sub]) {
        if (wantsHelp || sub === undefined) {
          stdout(help({ name, entry }));
          return wantsHelp ? ExitCode.ok : ExitCode.usage;
        }
        throw new UsageError(`unknown command "${name} ${sub}"; try: ${Object.keys(entry.subcommands).map((s) => `${name} ${s}`).join(', ')}`);
      }
      spec = entry.subcommands[sub] as CommandSpec;
      rest.splice(subAt, 1);
    } else {
      spec = entry;
    }
    const parsed = parseCommandLine(rest, spec.flags);
    if (parsed.values.help) {
      stdout(isCommandGroup(entry) ? help({ name, entry }) : help());
      return ExitCode.ok;
    }
    const options = globalOptions(parsed.values as Record<string, unknown>);
    const ctx: CliContext = { options, env, stdout, stderr, isTTY, ...(progress ? { progress } : {}) };
    return await spec.run(ctx, parsed.positionals, parsed.values as Record<string, unknown>);
  } catch (error) {
    const code = exitCodeFor(error);
    const label = error instanceof UsageError ? 'usage' : isCanopyError(error) ? (error as Error).name : error instanceof Error ? error.name : 'error';
    stderr(`canopy: ${label}: ${(error as Error).message ?? String(error)}`);
    if (!isCanopyError(error) && !(error instanceof UsageError) && env.CANOPY_TRACE === '1') stderr(String((error as Error).stack));
    return code;
  }
}
