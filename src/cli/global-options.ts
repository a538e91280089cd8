import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FlagSpec } from './command-spec.js';
import { UsageError } from './exit-codes.js';
import { OUTPUT_FORMATS, type OutputFormat, type OutputSettings } from './output.js';

/** Flags every command accepts, named like the `openstack` CLI's. */
export interface GlobalOptions extends OutputSettings {
  cloud?: string;
  region?: string;
  format: OutputFormat;
  debug: boolean;
  /** `--timeout`: per-request limit, and the limit of a command's whole wait (server create, volume create, …). */
  timeoutMs?: number;
  configFile?: string;
  /** `--all-clouds`: every cloud × region of clouds.yaml (commands that support it). */
  allClouds: boolean;
}

/** The global flags: parseArgs definitions plus their help text. */
export const GLOBAL_FLAGS = {
  'os-cloud': { type: 'string', value: 'NAME', description: 'cloud from clouds.yaml (default: OS_CLOUD)' },
  'os-region-name': { type: 'string', value: 'NAME', description: "region (default: OS_REGION_NAME, then the cloud's first)" },
  'os-auth-url': { type: 'string', value: 'URL', description: 'keystone URL, for a cloud given by flags or OS_* variables instead of clouds.yaml (OS_AUTH_URL)' },
  'os-username': { type: 'string', value: 'NAME', description: 'user name (OS_USERNAME)' },
  'os-project-name': { type: 'string', value: 'NAME', description: 'project name (OS_PROJECT_NAME)' },
  'os-user-domain-name': { type: 'string', value: 'NAME', description: "the user's domain (OS_USER_DOMAIN_NAME)" },
  'os-project-domain-name': { type: 'string', value: 'NAME', description: "the project's domain (OS_PROJECT_DOMAIN_NAME)" },
  'os-interface': { type: 'string', value: 'public|internal|admin', description: 'which endpoints to use (OS_INTERFACE)' },
  'os-cacert': { type: 'string', value: 'FILE', description: 'CA bundle to verify TLS with (OS_CACERT)' },
  insecure: { type: 'boolean', description: 'do not verify TLS certificates (OS_INSECURE)' },
  'os-compute-api-version': { type: 'string', value: '2.X', description: 'pin the compute microversion (OS_COMPUTE_API_VERSION)' },
  'os-password': {
    type: 'string',
    value: '-',
    description: 'refused: a password on the command line lands in shell history and in `ps`; use OS_PASSWORD, clouds.yaml/secure.yaml, or answer the prompt on a terminal',
  },
  'os-client-config-file': { type: 'string', value: 'FILE', description: 'clouds.yaml to read (default: OS_CLIENT_CONFIG_FILE, then the usual places)' },
  'all-clouds': { type: 'boolean', description: 'server list: every cloud × region of clouds.yaml; exit 0 when at least one answered' },
  json: { type: 'boolean', description: "the SDK's records as JSON, camelCase, every field (default: a table; progress only on a terminal)" },
  yaml: { type: 'boolean', description: "the SDK's records as YAML" },
  format: { type: 'string', short: 'f', value: 'FORMAT', description: "table, json, yaml, value, csv or shell (show only): the columns under openstackclient's names" },
  column: { type: 'string', short: 'c', multiple: true, value: 'COLUMN', description: 'only this column (repeat for several; case and punctuation ignored)' },
  long: { type: 'boolean', description: 'lists: the wide columns too' },
  'sort-column': { type: 'string', multiple: true, value: 'COLUMN', description: 'lists: sort by this column (repeat for ties)' },
  'sort-descending': { type: 'boolean', description: 'lists: sort in descending order' },
  'max-width': { type: 'string', value: 'N', description: 'tables at most N characters wide (default: the terminal width on a terminal; 0: no limit)' },
  debug: { type: 'boolean', description: 'log each request (redacted) and the request count to stderr' },
  timeout: { type: 'string', value: 'SECONDS', description: "per-request timeout, and the limit of a command's wait" },
  help: { type: 'boolean', short: 'h', description: 'this help, or a command\'s (canopy help COMMAND works too)' },
  version: { type: 'boolean', description: "the package's version" },
} as const satisfies FlagSpec;

/** The option name in a parseArgs "Unknown option '--x'" message. */
function unknownOption(error: unknown): string | undefined {
  if ((error as { code?: unknown }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  return /'([^']+)'/.exec((error as Error).message)?.[1];
}

/**
 * Parses argv with the global flags plus a command's own. An unknown flag is a {@link UsageError} saying
 * `unknown option --x` (and where to look: `help` names the command's help).
 *
 * @example
 * const { values, positionals } = parseCommandLine(['--image', 'cirros', 'web-1'], { image: { type: 'string' } }, 'server create');
 */
export function parseCommandLine<T extends FlagSpec>(args: string[], own: T, help = 'canopy --help') {
  try {
    return parseArgs({ args, options: { ...GLOBAL_FLAGS, ...own } as NonNullable<ParseArgsConfig['options']>, allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
    const option = unknownOption(error);
    if (option) throw new UsageError(`unknown option ${option} (see ${help})`);
    throw new UsageError((error as Error).message);
  }
}

/** Auth flags → the `OS_*` variable each stands for (the config loader reads a cloud from these). */
const AUTH_FLAG_VARIABLES: Record<string, string> = {
  'os-auth-url': 'OS_AUTH_URL',
  'os-username': 'OS_USERNAME',
  'os-project-name': 'OS_PROJECT_NAME',
  'os-user-domain-name': 'OS_USER_DOMAIN_NAME',
  'os-project-domain-name': 'OS_PROJECT_DOMAIN_NAME',
  'os-interface': 'OS_INTERFACE',
  'os-cacert': 'OS_CACERT',
  'os-compute-api-version': 'OS_COMPUTE_API_VERSION',
};

/**
 * The `OS_*` variables the openstackclient-style auth flags set (a flag wins over the environment). A password
 * flag is refused: it would land in shell history.
 *
 * @example
 * authFlagVariables({ 'os-auth-url': 'https://k:5000/v3', insecure: true }) // { OS_AUTH_URL: 'https://k:5000/v3', OS_INSECURE: 'true' }
 */
export function authFlagVariables(values: Record<string, unknown>): Record<string, string> {
  if (values['os-password'] !== undefined) {
    throw new UsageError('--os-password is refused: a password on the command line lands in shell history and in `ps`. Set OS_PASSWORD, put it in clouds.yaml/secure.yaml, or leave it out and answer the prompt on a terminal');
  }
  const out: Record<string, string> = {};
  for (const [flag, variable] of Object.entries(AUTH_FLAG_VARIABLES)) {
    const value = values[flag];
    if (typeof value === 'string') out[variable] = value;
  }
  const version = out.OS_COMPUTE_API_VERSION;
  if (version !== undefined && !/^2\.\d+$/.test(version)) throw new UsageError(`--os-compute-api-version takes a microversion like 2.79, got "${version}"`);
  if (values.insecure) out.OS_INSECURE = 'true';
  return out;
}

/** The output settings of `--json`/`--yaml`/`-f`/`-c`/`--long`/`--sort-*`/`--max-width`. */
function outputSettings(values: Record<string, unknown>, terminalWidth: number | undefined): OutputSettings & { format: OutputFormat } {
  const chosen = [values.json && '--json', values.yaml && '--yaml', values.format !== undefined && '-f'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.join(' and ')}`);
  const format = values.format as string | undefined;
  if (format !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`-f takes ${OUTPUT_FORMATS.join(', ')}; got "${format}"`);
  const maxWidthRaw = values['max-width'] as string | undefined;
  const maxWidth = maxWidthRaw === undefined ? terminalWidth : Number(maxWidthRaw);
  if (maxWidth !== undefined && (!Number.isInteger(maxWidth) || maxWidth < 0)) throw new UsageError(`--max-width takes a whole number, got "${maxWidthRaw}"`);
  return {
    format: values.json ? 'json' : values.yaml ? 'yaml' : ((format as OutputFormat | undefined) ?? 'table'),
    keys: format !== undefined ? 'columns' : 'model',
    columns: (values.column as string[] | undefined) ?? [],
    long: Boolean(values.long),
    sortColumns: (values['sort-column'] as string[] | undefined) ?? [],
    sortDescending: Boolean(values['sort-descending']),
    ...(maxWidth !== undefined ? { maxWidth } : {}),
  };
}

/**
 * Reads the global flags (and `OS_CLOUD` / `OS_REGION_NAME`, which the config loader also honours).
 * `terminalWidth` (stdout's columns on a terminal) is the default `--max-width` of tables.
 */
export function globalOptions(values: Record<string, unknown>, terminalWidth?: number): GlobalOptions {
  const timeout = values.timeout as string | undefined;
  let timeoutMs: number | undefined;
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes seconds, got "${timeout}"`);
    timeoutMs = Math.round(seconds * 1000);
  }
  return {
    ...outputSettings(values, terminalWidth),
    cloud: values['os-cloud'] as string | undefined,
    region: values['os-region-name'] as string | undefined,
    configFile: values['os-client-config-file'] as string | undefined,
    debug: Boolean(values.debug),
    timeoutMs,
    allClouds: Boolean(values['all-clouds']),
  };
}
