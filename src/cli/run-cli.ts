import { isCanopyError } from '../errors/index.js';
import type { CliContext } from './cli-context.js';
import { isCommandGroup, type CommandGroup, type CommandSpec, type FlagSpec } from './command-spec.js';
import { COMMANDS } from './command-table.js';
import { completeCommand } from './commands/completion.js';
import { ExitCode, UsageError, exitCodeFor } from './exit-codes.js';
import { authFlagVariables, GLOBAL_FLAGS, globalOptions, parseCommandLine } from './global-options.js';
import { VERSION, commandHelp, groupHelp, mainHelp } from './help.js';

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

/**
 * openstackclient's command words: `volume snapshot list` is the group `volume-snapshot`, `security group rule
 * list` the group `security-group-rule` (the longest group the words at `at` name, so `server group` wins over
 * `server`).
 */
function joinWords(argv: string[], at: number): string[] {
  // Longest first: `security group rule list` is the group `security-group-rule`, not `security-group`;
  // `floating ip port forwarding list` is `floating-ip-port-forwarding`.
  for (const n of [4, 3, 2]) {
    const words = argv.slice(at, at + n);
    if (words.length < n || words.some((w) => w.startsWith('-'))) continue;
    const joined = words.join('-');
    if (COMMANDS[joined]) return [...argv.slice(0, at), joined, ...argv.slice(at + n)];
  }
  return argv;
}

/** `canopy help [command [subcommand]]`: the help of what the words name. */
function helpCommand(words: string[], stdout: (t: string) => void): number {
  const [name, first, second] = words;
  const sub = name !== undefined && first !== undefined && second !== undefined && COMMANDS[name] && isCommandGroup(COMMANDS[name]) && (COMMANDS[name] as CommandGroup).subcommands[`${first} ${second}`] ? `${first} ${second}` : first;
  if (name === undefined) {
    stdout(mainHelp(COMMANDS));
    return ExitCode.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`unknown command "${name}"; try: ${Object.keys(COMMANDS).join(', ')}`);
  if (!isCommandGroup(entry)) {
    stdout(commandHelp(name, entry));
    return ExitCode.ok;
  }
  if (sub === undefined) {
    stdout(groupHelp(name, entry));
    return ExitCode.ok;
  }
  const spec = entry.subcommands[sub];
  if (!spec) throw new UsageError(`unknown command "${name} ${sub}"; try: ${Object.keys(entry.subcommands).map((s) => `${name} ${s}`).join(', ')}`);
  stdout(commandHelp(`${name} ${sub}`, spec));
  return ExitCode.ok;
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
    /** Asks for a password (no echo); default: on a terminal, the prompt of prompt-password.ts. */
    askPassword?: (question: string) => Promise<string>;
    /** The terminal's width (the default `--max-width` of tables); default stdout's columns on a terminal. */
    columns?: number;
  } = {},
): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => process.stdout.write(`${t}\n`));
  const stderr = io.stderr ?? ((t: string) => process.stderr.write(`${t}\n`));
  const env = io.env ?? process.env;
  const isTTY = io.isTTY ?? Boolean(process.stdout.isTTY);
  const progress = io.progress ?? (io.isTTY === undefined && process.stdout.isTTY && process.stderr.isTTY ? (t: string) => void process.stderr.write(t) : undefined);
  if (argv[0] === '__complete') return completeCommand(COMMANDS, argv.slice(1), env, stdout);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  try {
    const at = nextWord(argv, 0, valueFlags());
    if ((at < 0 ? argv : argv.slice(0, at)).includes('--version')) {
      stdout(VERSION);
      return ExitCode.ok;
    }
    if (at < 0) {
      if (!wantsHelp) parseCommandLine(argv, {}); // an unknown option is named before the command list is shown
      stdout(mainHelp(COMMANDS));
      return wantsHelp ? ExitCode.ok : ExitCode.usage;
    }
    if (argv[at] === 'help') return helpCommand(joinWords(argv.slice(at + 1).filter((a) => !a.startsWith('-')), 0), stdout);
    const words = joinWords(argv, at);
    const name = words[at] as string;
    const entry = COMMANDS[name];
    if (!entry) throw new UsageError(`unknown command "${name}"; try: ${Object.keys(COMMANDS).join(', ')} (or canopy --help)`);
    let spec: CommandSpec;
    let fullName = name;
    const rest = words.filter((_, i) => i !== at);
    if (isCommandGroup(entry)) {
      const allFlags = Object.values(entry.subcommands).reduce<FlagSpec>((acc, s) => ({ ...acc, ...s.flags }), {});
      const subAt = nextWord(rest, at, valueFlags(allFlags));
      const sub = subAt < 0 ? undefined : (rest[subAt] as string);
      const known = (word: string | undefined) => word !== undefined && Object.keys(entry.subcommands).some((k) => k === word || k.startsWith(`${word} `));
      if (sub === undefined || !known(sub)) {
        if (wantsHelp) {
          stdout(groupHelp(name, entry));
          return ExitCode.ok;
        }
        if (sub === undefined) {
          parseCommandLine(rest, allFlags, `canopy ${name} --help`);
          stdout(groupHelp(name, entry));
          return ExitCode.usage;
        }
        throw new UsageError(`unknown command "${name} ${sub}"; try: ${Object.keys(entry.subcommands).map((s) => `${name} ${s}`).join(', ')}`);
      }
      // A two-word subcommand (`router add subnet`, `image add project`) wins over its first word.
      const next = rest[subAt + 1];
      const two = next !== undefined && !next.startsWith('-') && entry.subcommands[`${sub} ${next}`] ? `${sub} ${next}` : sub;
      const found = entry.subcommands[two];
      if (!found) throw new UsageError(`unknown command "${name} ${two}"; try: ${Object.keys(entry.subcommands).map((s) => `${name} ${s}`).join(', ')}`);
      spec = found;
      fullName = `${name} ${two}`;
      rest.splice(subAt, two === sub ? 1 : 2);
    } else {
      spec = entry;
    }
    if (wantsHelp) {
      stdout(commandHelp(fullName, spec));
      return ExitCode.ok;
    }
    const parsed = parseCommandLine(rest, spec.flags, `canopy ${fullName} --help`);
    const options = globalOptions(parsed.values as Record<string, unknown>, io.columns ?? (isTTY && io.isTTY === undefined ? process.stdout.columns : undefined));
    const runEnv = { ...env, ...authFlagVariables(parsed.values as Record<string, unknown>) };
    const ctx: CliContext = { options, env: runEnv, stdout, stderr, isTTY, ...(progress ? { progress } : {}), ...(io.askPassword ? { askPassword: io.askPassword } : {}) };
    return await spec.run(ctx, parsed.positionals, parsed.values as Record<string, unknown>);
  } catch (error) {
    const code = exitCodeFor(error);
    const label = error instanceof UsageError ? 'usage' : isCanopyError(error) ? (error as Error).name : error instanceof Error ? error.name : 'error';
    stderr(`canopy: ${label}: ${(error as Error).message ?? String(error)}`);
    if (!isCanopyError(error) && !(error instanceof UsageError) && env.CANOPY_TRACE === '1') stderr(String((error as Error).stack));
    return code;
  }
}
