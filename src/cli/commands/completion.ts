/**
 * `canopy completion bash|zsh|fish`: a script for the shell's completion that asks `canopy __complete WORDS…`
 * for the candidates, so what it offers is always this version's commands, subcommands, flags, `-f` formats
 * and the cloud names of clouds.yaml. Neither loads the SDK's HTTP stack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type * as Yaml from 'yaml';
import { requirePackage } from '../../internal/require-package.js';
import { positionals } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { isCommandGroup, type CommandGroup, type CommandSpec, type FlagSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { GLOBAL_FLAGS } from '../global-options.js';
import { OUTPUT_FORMATS } from '../output.js';

/** The bash completion function; zsh runs the same one through bashcompinit. */
const BASH_FUNCTION = `_canopy() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local candidates
  candidates="$(canopy __complete "\${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null)"
  COMPREPLY=( $(compgen -W "$candidates" -- "$cur") )
}
complete -F _canopy canopy
`;

const SCRIPTS: Record<string, string> = {
  bash: `# canopy completion for bash: eval "$(canopy completion bash)" (or save it under bash-completion's completions/)
${BASH_FUNCTION}`,
  zsh: `# canopy completion for zsh: eval "$(canopy completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${BASH_FUNCTION}`,
  fish: `# canopy completion for fish: canopy completion fish | source
complete -c canopy -f -a '(canopy __complete (commandline -opc)[2..-1])'
`,
};

/** The cloud names of the clouds.yaml the CLI would read (OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack, /etc/openstack). */
function cloudNames(env: Record<string, string | undefined>): string[] {
  const files = [env.OS_CLIENT_CONFIG_FILE, 'clouds.yaml', join(env.HOME ?? homedir(), '.config/openstack/clouds.yaml'), '/etc/openstack/clouds.yaml'].filter((f): f is string => Boolean(f));
  const names = new Set<string>();
  for (const file of files) {
    if (!existsSync(file)) continue;
    try {
      const data = requirePackage<typeof Yaml>('yaml').parse(readFileSync(file, 'utf8')) as { clouds?: Record<string, unknown> } | null;
      for (const name of Object.keys(data?.clouds ?? {})) names.add(name);
    } catch {
      // A broken file completes nothing; the command itself will say what is wrong.
    }
  }
  return [...names];
}

const flagWords = (flags: FlagSpec) => Object.entries(flags).flatMap(([name, def]) => [`--${name}`, ...(def.negatable ? [`--no-${name}`] : []), ...(def.short ? [`-${def.short}`] : [])]);

/**
 * The candidates for the word after `words` (the words typed so far, without `canopy`).
 *
 * @example
 * completions(COMMANDS, ['volume'], {}) // ['list', 'show', …, 'snapshot', 'backup', …]
 */
export function completions(commands: Record<string, CommandSpec | CommandGroup>, words: string[], env: Record<string, string | undefined>): string[] {
  const last = words.at(-1);
  if (last === '--os-cloud') return cloudNames(env);
  if (last === '-f' || last === '--format') return [...OUTPUT_FORMATS];
  // The words that are not flags nor flag values.
  const all: FlagSpec = { ...GLOBAL_FLAGS };
  for (const entry of Object.values(commands)) for (const spec of isCommandGroup(entry) ? Object.values(entry.subcommands) : [entry]) Object.assign(all, spec.flags);
  const takesValue = new Set(Object.entries(all).filter(([, d]) => d.type === 'string').flatMap(([n, d]) => [`--${n}`, ...(d.short ? [`-${d.short}`] : [])]));
  if (last !== undefined && takesValue.has(last)) return [];
  const plain: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith('-')) {
      if (takesValue.has(w)) i++;
      continue;
    }
    plain.push(w);
  }
  // The longest group the leading words name (`volume snapshot` → volume-snapshot).
  let group: string | undefined;
  let used = 0;
  for (let n = Math.min(3, plain.length); n >= 1 && !group; n--) {
    const name = plain.slice(0, n).join('-');
    if (commands[name]) [group, used] = [name, n];
  }
  const global = flagWords(GLOBAL_FLAGS);
  if (!group) return [...new Set([...Object.keys(commands).map((name) => name.split('-')[0] as string), ...Object.keys(commands)]), ...global];
  const entry = commands[group] as CommandSpec | CommandGroup;
  if (!isCommandGroup(entry)) return [...flagWords(entry.flags), ...global];
  const rest = plain.slice(used);
  const sub = rest.length >= 2 && entry.subcommands[`${rest[0]} ${rest[1]}`] ? `${rest[0]} ${rest[1]}` : rest[0];
  const spec = sub !== undefined ? entry.subcommands[sub] : undefined;
  if (spec) return [...flagWords(spec.flags), ...global];
  if (rest.length === 1) return Object.keys(entry.subcommands).filter((k) => k.startsWith(`${rest[0]} `)).map((k) => k.split(' ')[1] as string);
  // Subcommands, and the next word of the longer groups (`volume` → snapshot, backup, type).
  const longer = Object.keys(commands).filter((name) => name.startsWith(`${group}-`)).map((name) => name.slice(group.length + 1).split('-')[0] as string);
  return [...new Set([...Object.keys(entry.subcommands).map((k) => k.split(' ')[0] as string), ...longer])];
}

/** `canopy completion SHELL`. */
export const COMPLETION_COMMAND: CommandSpec = {
  summary: 'print a shell completion script: eval "$(canopy completion bash)" (bash, zsh) or canopy completion fish | source',
  args: 'bash|zsh|fish',
  flags: {},
  run: async (ctx: CliContext, args) => {
    const [shell] = positionals(args, ['bash|zsh|fish'], 'completion');
    const script = SCRIPTS[shell as string];
    if (!script) throw new UsageError(`completion takes bash, zsh or fish, got "${shell}"`);
    ctx.stdout(script.trimEnd());
    return 0;
  },
};

/**
 * `canopy __complete WORDS…` (what the scripts run): one candidate a line. Read before any flag parsing, since
 * the words are a half-typed command line.
 *
 * @example
 * completeCommand(['server', 'li'], process.env, console.log);
 */
export function completeCommand(commands: Record<string, CommandSpec | CommandGroup>, words: string[], env: Record<string, string | undefined>, stdout: (t: string) => void): number {
  stdout(completions(commands, words, env).join('\n'));
  return 0;
}
