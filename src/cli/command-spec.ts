import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './cli-context.js';

/** The parseArgs definitions of a command's own flags. */
export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * One runnable command (`discover`) or subcommand (`server list`): its flags, a one-line summary for the help
 * text, and what it does. `run` returns the exit code; errors it throws are mapped by `exitCodeFor`.
 *
 * @example
 * const list: CommandSpec = { summary: 'list flavors', flags: {}, run: async (ctx) => { …; return 0; } };
 */
export interface CommandSpec {
  summary: string;
  /** Positional arguments in words, e.g. `NAME|ID`, for the help text. */
  args?: string;
  flags: FlagSpec;
  run: (ctx: CliContext, args: string[], values: Record<string, unknown>) => Promise<number>;
}

/**
 * A command with subcommands (`server list|show|create|delete`).
 *
 * @example
 * const flavor: CommandGroup = { summary: 'flavors', subcommands: { list } };
 */
export interface CommandGroup {
  summary: string;
  subcommands: Record<string, CommandSpec>;
}

/** True when the entry has subcommands. */
export function isCommandGroup(entry: CommandSpec | CommandGroup): entry is CommandGroup {
  return 'subcommands' in entry;
}
