import type { CliContext } from './cli-context.js';

/**
 * One flag: its parseArgs definition plus what the help text says about it (`parseArgs` ignores the extra keys).
 *
 * @example
 * const image: FlagDef = { type: 'string', value: 'NAME|ID', description: 'image to boot from' };
 */
export interface FlagDef {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** A boolean that `--no-<name>` turns off; the help shows `--[no-]<name>`. */
  negatable?: boolean;
  /** One line for the help text. */
  description?: string;
  /** The value's placeholder in the help text, e.g. `NAME|ID` (default `VALUE`). */
  value?: string;
}

/** The definitions of a command's own flags, by long name. */
export type FlagSpec = Record<string, FlagDef>;

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
