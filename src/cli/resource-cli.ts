/**
 * The command generator: a small declarative {@link ResourceCli} per resource kind becomes the command group
 * `canopy <words> list|show|create|set|delete` (plus the kind's own verbs), with openstackclient's habits
 * (`-f`/`-c`/`--long`/`--sort-column`, list filters, `--limit`/`--marker`, idempotent delete with `--strict`).
 *
 * HOW TO ADD A KIND (this is all another helper writes):
 * 1. One file `src/cli/resources/<kind>.ts`:
 *    ```ts
 *    import type { KeyPair } from '../../cloud/keypairs.js';   // `import type` ONLY from the SDK (lazy loading)
 *    import { defineResourceCli } from '../resource-cli.js';
 *    export const keyPairCli = defineResourceCli<KeyPair>({
 *      words: ['keypair'], summary: 'SSH key pairs',
 *      columns: [
 *        { header: 'Name', value: (k) => k.name },
 *        { header: 'Fingerprint', value: (k) => k.fingerprint },
 *        { header: 'Type', value: (k) => k.type, long: true },            // only with --long
 *        { header: 'Public Key', field: 'public_key', value: (k) => k.publicKey, in: 'show' },
 *      ],
 *      list: { call: (cloud) => cloud.listKeyPairs() },
 *      show: (cloud, name) => cloud.getKeyPair(name),
 *      create: { flags: { 'public-key': { type: 'string', value: 'FILE', description: '…', parse: 'file' } },
 *                call: (cloud, { name, options }) => cloud.createKeyPair({ name, publicKey: options.publicKey as string }) },
 *      delete: { call: (cloud, name) => cloud.deleteKeyPair(name) },
 *    });
 *    ```
 *    Headers are openstackclient's (`ID`, `Name`, `Status`, …); `field` (default: the header in snake_case) is the
 *    key of `show` and of `-f json` on show. Call the SDK only through the `cloud` argument.
 * 2. One line in `src/cli/resources/index.ts`: add it to `RESOURCE_CLIS`.
 * The group's help, shell completion, the docs reference and the every-kind CLI test pick it up from there.
 */
import type { Cloud } from '../cloud/cloud.js';
import type { DeleteResult } from '../verbs/change-resources.js';
import { positionals } from './args.js';
import type { CliContext } from './cli-context.js';
import type { CommandGroup, CommandSpec, FlagDef, FlagSpec } from './command-spec.js';
import { deleteCommand } from './delete-command.js';
import { UsageError } from './exit-codes.js';
import { formatOutput, formatRecord, type Column } from './output.js';
import { startProgress } from './progress.js';
import { withCloud } from './with-cloud.js';

/** One column of a kind: a list column under `header`, a show field under `field`. */
export interface CliColumn<M> {
  /** openstackclient's list header: `ID`, `Name`, `Status`, `Size`, `Is Public`. */
  header: string;
  /** The show field (and `-f json` key of show); default the header in snake_case (`Is Public` → `is_public`). */
  field?: string;
  value(model: M): unknown;
  /** A list shows it only with `--long` (or `-c`). */
  long?: boolean;
  /** Only in the list or only in show (default both). */
  in?: 'list' | 'show';
}

/** A flag that becomes one option of the SDK call. */
export interface CliFlag extends FlagDef {
  /** The option's key (default the flag in camelCase: `--volume-type` → `volumeType`). */
  option?: string;
  /** How a string value is read (default as-is): a number, JSON, `key=value` pairs (repeatable), a file's text. */
  parse?: 'number' | 'json' | 'properties' | 'file' | ((raw: string) => unknown);
  /** Missing it is a usage error. */
  required?: boolean;
  /** The only values it takes. */
  choices?: readonly string[];
}

/** A list filter flag: sent to the service by the `call`, and checked locally when `matches` is given. */
export interface CliFilter<M> extends CliFlag {
  /** Also applied to each record the list returns (for releases that ignore the filter). */
  matches?(model: M, value: unknown): boolean;
}

/** What a generated command hands the SDK call besides the cloud. */
export interface CliCall {
  ctx: CliContext;
  /** `--timeout` as the SDK's `timeoutMs` (empty when not given): spread it into a waiting call's options. */
  wait: { timeoutMs?: number };
  /**
   * True when the output shows the columns (a table, `-f …`), false for `--json`/`--yaml` (the SDK's records as
   * they are): only then is it worth extra requests to put names in columns (server list's Image and Flavor).
   */
  columns: boolean;
  /** Updates the progress line on a terminal (create and the kind's waits); a no-op elsewhere. */
  progress(update: { step?: string; status?: string }): void;
}

/** What a list's `call` gets. */
export interface CliListQuery extends CliCall {
  /** The filter flags given, by option key (`{ status: 'available' }`). */
  filters: Record<string, unknown>;
  /** `--limit N` (the generator also stops after N). */
  limit?: number;
  /** `--marker ID` (the generator also skips up to and including it when the service did not). */
  marker?: string;
  /** `--all-projects` (only when the list declares `allProjects`). */
  allProjects: boolean;
  /** `--long`: a call may fetch more (e.g. resolve names) only then. */
  long: boolean;
}

/** The declaration a kind's command group is generated from. See the comment at the top of this file. */
export interface ResourceCli<M> {
  /** The command words: `['volume', 'snapshot']` → `canopy volume snapshot list` (also `volume-snapshot list`). */
  words: readonly string[];
  /** One line for the help: `volume snapshots`. */
  summary: string;
  /** The singular noun in messages (default the words). */
  noun?: string;
  columns: readonly CliColumn<M>[];
  list?: {
    call(cloud: Cloud, query: CliListQuery): AsyncIterable<M> | Promise<Iterable<M> | AsyncIterable<M>>;
    filters?: Record<string, CliFilter<M>>;
    /** Adds `--all-projects` (admins). */
    allProjects?: boolean;
    /** `--all-clouds`: the list of every cloud × region, printed by this instead (returns the exit code). */
    everywhere?(ctx: CliContext, columns: Column<M>[]): Promise<number>;
  };
  show?(cloud: Cloud, nameOrId: string, call: CliCall): Promise<M>;
  create?: {
    /** The positional (default `NAME`); `''` for none. */
    args?: string;
    flags?: Record<string, CliFlag>;
    summary?: string;
    /** Returns the record, or an `Operation` of it (its progress is drawn on a terminal). */
    call(cloud: Cloud, input: { name: string; options: Record<string, unknown> } & CliCall): PromiseLike<M>;
  };
  set?: {
    flags: Record<string, CliFlag>;
    call(cloud: Cloud, nameOrId: string, changes: Record<string, unknown>, call: CliCall): PromiseLike<M>;
  };
  delete?: {
    /** The key naming each asked-for resource in the result rows (default the last word, upper case). */
    header?: string;
    call(cloud: Cloud, nameOrId: string, call: CliCall): PromiseLike<DeleteResult | boolean>;
  };
  /** The kind's commands need admin rights on most clouds (the every-kind CLI test runs them as the cloud's admin). */
  admin?: boolean;
  /** The kind's own verbs (`server stop`, `volume attach`), hand-written or generated elsewhere. */
  commands?: Record<string, CommandSpec>;
  /** Other names of subcommands: `{ upload: 'create' }` makes `image upload` the same command as `image create`. */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Command lines (the words after `canopy`) that make one of the kind on a fresh simulated cloud, in order (what
   * it needs first, then the kind itself). The every-kind CLI test runs them before its list/show checks, and the
   * docs reference shows them. All the examples run on one cloud, so name what they make after the kind
   * (`snap-source`, not `data`). Leave it out for kinds every cloud already has (flavors).
   */
  example?: ReadonlyArray<readonly string[]>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceCli = ResourceCli<any>;

/**
 * Declares a kind's CLI (typed by its model); returns it unchanged.
 *
 * @example
 * export const flavorCli = defineResourceCli<Flavor>({ words: ['flavor'], summary: 'flavors', columns: [...], list: { call: (cloud) => cloud.listFlavors() } });
 */
export function defineResourceCli<M>(cli: ResourceCli<M>): ResourceCli<M> {
  return cli;
}

/** The group's name in the command table: the words joined by `-` (`volume-snapshot`). */
export function resourceCliName(cli: AnyResourceCli): string {
  return cli.words.join('-');
}

/** The show field of a column. */
export function fieldOf(column: CliColumn<unknown>): string {
  return column.field ?? column.header.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** The list columns of a kind, for {@link formatOutput}. */
export function listColumns<M>(cli: ResourceCli<M>): Column<M>[] {
  return cli.columns.filter((c) => c.in !== 'show').map((c) => ({ header: c.header, value: (m: M) => c.value(m), ...(c.long ? { long: true } : {}) }));
}

/** The show fields of a kind, for {@link formatRecord}. */
export function showFields<M>(cli: ResourceCli<M>): Record<string, (m: M) => unknown> {
  return Object.fromEntries(cli.columns.filter((c) => c.in !== 'list').map((c) => [fieldOf(c as CliColumn<unknown>), (m: M) => c.value(m)]));
}

const camel = (flag: string) => flag.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

function flagSpec(flags: Record<string, CliFlag> = {}): FlagSpec {
  return Object.fromEntries(
    Object.entries(flags).map(([name, f]) => {
      const def: FlagDef = { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple || f.parse === 'properties' ? { multiple: true } : {}), ...(f.negatable ? { negatable: true } : {}), ...(f.value ? { value: f.value } : {}) };
      const notes = [f.required ? 'required' : '', f.choices ? `one of ${f.choices.join(', ')}` : ''].filter(Boolean).join('; ');
      def.description = [f.description, notes && `(${notes})`].filter(Boolean).join(' ');
      return [name, def];
    }),
  );
}

async function parseValue(flag: string, f: CliFlag, raw: string): Promise<unknown> {
  if (f.choices && !f.choices.includes(raw)) throw new UsageError(`--${flag} takes one of ${f.choices.join(', ')}; got "${raw}"`);
  if (f.parse === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} takes a number, got "${raw}"`);
    return n;
  }
  if (f.parse === 'json') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new UsageError(`--${flag} takes JSON, got "${raw}"`);
    }
  }
  if (f.parse === 'file') {
    const { readFile } = await import('node:fs/promises');
    return readFile(raw, 'utf8').catch((e: Error) => {
      throw new UsageError(`--${flag} ${raw}: ${e.message}`);
    });
  }
  if (typeof f.parse === 'function') return f.parse(raw);
  return raw;
}

/**
 * The options an SDK call gets from the flags given (keys per {@link CliFlag.option}); a missing required flag
 * or a bad value is a {@link UsageError}.
 *
 * @example
 * await flagOptions({ size: { type: 'string', parse: 'number' } }, { size: '2' }, 'volume create') // { size: 2 }
 */
export async function flagOptions(flags: Record<string, CliFlag> = {}, values: Record<string, unknown>, command: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(flags)) {
    const given = values[name];
    if (given === undefined) {
      if (f.required) throw new UsageError(`${command} needs --${name}`);
      continue;
    }
    const key = f.option ?? camel(name);
    if (f.type === 'boolean') out[key] = Boolean(given);
    else if (f.parse === 'properties') {
      const pairs: Record<string, string> = {};
      for (const item of given as string[]) {
        const at = item.indexOf('=');
        if (at <= 0) throw new UsageError(`--${name} takes KEY=VALUE, got "${item}"`);
        pairs[item.slice(0, at)] = item.slice(at + 1);
      }
      out[key] = pairs;
    } else if (Array.isArray(given)) out[key] = await Promise.all(given.map((g) => parseValue(name, f, String(g))));
    else out[key] = await parseValue(name, f, String(given));
  }
  return out;
}

/** True when the output prints the columns rather than the SDK's records. */
function showsColumns(ctx: CliContext): boolean {
  return !((ctx.options.format === 'json' || ctx.options.format === 'yaml') && ctx.options.keys !== 'columns' && !ctx.options.columns?.length);
}

function callOf(ctx: CliContext, progress: CliCall['progress'] = () => {}): CliCall {
  return { ctx, wait: ctx.options.timeoutMs !== undefined ? { timeoutMs: ctx.options.timeoutMs } : {}, columns: showsColumns(ctx), progress };
}

function whole(values: Record<string, unknown>, flag: string): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${flag} takes a whole number, got "${String(raw)}"`);
  return n;
}

function listCommand<M>(cli: ResourceCli<M>, list: NonNullable<ResourceCli<M>['list']>, name: string): CommandSpec {
  const filters = list.filters ?? {};
  const flags: FlagSpec = {
    ...flagSpec(filters),
    limit: { type: 'string', value: 'N', description: 'at most N (the service is asked for pages of N)' },
    marker: { type: 'string', value: 'ID', description: 'start after this id' },
    ...(list.allProjects ? { 'all-projects': { type: 'boolean', description: 'of every project (admins)' } } : {}),
  };
  return {
    summary: `list ${cli.summary.split(/\s*[:(,;]/)[0]}`, // 'servers: list, show, …' → 'list servers'
    flags,
    run: async (ctx, args, values) => {
      positionals(args, [], `${name} list`);
      if (ctx.options.allClouds && list.everywhere) return list.everywhere(ctx, listColumns(cli));
      const given = await flagOptions(filters, values, `${name} list`);
      const limit = whole(values, 'limit');
      const marker = values.marker as string | undefined;
      const query: CliListQuery = { ...callOf(ctx), filters: given, ...(limit !== undefined ? { limit } : {}), ...(marker !== undefined ? { marker } : {}), allProjects: Boolean(values['all-projects']), long: Boolean(ctx.options.long) };
      const local = Object.entries(filters).filter(([flag, f]) => f.matches && given[f.option ?? camel(flag)] !== undefined);
      return withCloud(ctx, async (cloud) => {
        let rows: M[] = [];
        for await (const model of await list.call(cloud, query)) {
          if (!local.every(([flag, f]) => f.matches?.(model, given[f.option ?? camel(flag)]))) continue;
          rows.push(model);
          if (limit !== undefined && marker === undefined && rows.length >= limit) break;
        }
        // A service that honoured the marker never returns it; one that ignored it returned everything.
        const at = marker === undefined ? -1 : rows.findIndex((m) => (m as { id?: unknown }).id === marker);
        if (at >= 0) rows = rows.slice(at + 1);
        if (limit !== undefined) rows = rows.slice(0, limit);
        ctx.stdout(formatOutput(ctx.options, rows, listColumns(cli)));
      });
    },
  };
}

function showCommand<M>(cli: ResourceCli<M>, show: NonNullable<ResourceCli<M>['show']>, name: string): CommandSpec {
  return {
    summary: `show one ${cli.noun ?? cli.words.join(' ')}`,
    args: 'NAME|ID',
    flags: {},
    run: (ctx, args) => {
      const [nameOrId] = positionals(args, ['NAME|ID'], `${name} show`);
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await show(cloud, nameOrId as string, callOf(ctx)), showFields(cli))));
    },
  };
}

function createCommand<M>(cli: ResourceCli<M>, create: NonNullable<ResourceCli<M>['create']>, name: string): CommandSpec {
  const arg = create.args ?? 'NAME';
  return {
    summary: create.summary ?? `create a ${cli.noun ?? cli.words.join(' ')}`,
    ...(arg ? { args: arg } : {}),
    flags: flagSpec(create.flags),
    run: async (ctx, args, values) => {
      const [given] = positionals(args, arg ? [arg] : [], `${name} create`);
      const options = await flagOptions(create.flags, values, `${name} create`);
      return withCloud(ctx, async (cloud) => {
        const progress = startProgress(ctx, `${name} create${given ? ` ${given}` : ''}`);
        try {
          const pending = create.call(cloud, { name: given ?? '', options, ...callOf(ctx, (u) => progress.update(u)) });
          const observable = pending as { onProgress?: (fn: (p: { step: string; status?: string }) => void) => unknown };
          if (typeof observable.onProgress === 'function') observable.onProgress((p) => progress.update({ step: p.step, ...(p.status ? { status: p.status } : {}) }));
          const made = await pending;
          progress.stop();
          ctx.stdout(formatRecord(ctx.options, made, showFields(cli)));
        } finally {
          progress.stop();
        }
      });
    },
  };
}

function setCommand<M>(cli: ResourceCli<M>, set: NonNullable<ResourceCli<M>['set']>, name: string): CommandSpec {
  return {
    summary: `change a ${cli.noun ?? cli.words.join(' ')} (prints the result with -f/--json)`,
    args: 'NAME|ID',
    flags: flagSpec(set.flags),
    run: async (ctx, args, values) => {
      const [nameOrId] = positionals(args, ['NAME|ID'], `${name} set`);
      const changes = await flagOptions(set.flags, values, `${name} set`);
      if (Object.keys(changes).length === 0) throw new UsageError(`${name} set: nothing to change; give one of ${Object.keys(set.flags).map((f) => `--${f}`).join(', ')}`);
      return withCloud(ctx, async (cloud) => {
        const changed = await set.call(cloud, nameOrId as string, changes, callOf(ctx));
        if (ctx.options.format !== 'table') ctx.stdout(formatRecord(ctx.options, changed, showFields(cli)));
      });
    },
  };
}

/**
 * The command group of a {@link ResourceCli}: `list`, `show`, `create`, `set`, `delete` for what it declares,
 * then its own commands.
 *
 * @example
 * COMMANDS['volume-snapshot'] = resourceCliGroup(volumeSnapshotCli);
 */
export function resourceCliGroup<M>(cli: ResourceCli<M>): CommandGroup {
  const name = cli.words.join(' ');
  const noun = cli.noun ?? name;
  const subcommands: Record<string, CommandSpec> = {};
  if (cli.list) subcommands.list = listCommand(cli, cli.list, name);
  if (cli.show) subcommands.show = showCommand(cli, cli.show, name);
  if (cli.create) subcommands.create = createCommand(cli, cli.create, name);
  if (cli.set) subcommands.set = setCommand(cli, cli.set, name);
  const remove = cli.delete;
  if (remove) {
    subcommands.delete = deleteCommand(name, remove.header ?? (cli.words.at(-1) as string).toUpperCase(), `delete ${noun}s`, async (cloud, nameOrId, ctx) => {
      const result = await remove.call(cloud, nameOrId, callOf(ctx));
      return typeof result === 'boolean' ? { deleted: result } : result;
    });
  }
  const all = { ...subcommands, ...cli.commands };
  for (const [alias, target] of Object.entries(cli.aliases ?? {})) {
    const spec = all[target];
    if (spec) all[alias] = { ...spec, summary: `${spec.summary} (same as ${name} ${target})` };
  }
  return { summary: cli.summary, subcommands: all };
}
