import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FlagSpec } from './command-spec.js';
import { UsageError } from './exit-codes.js';
import type { OutputFormat } from './output.js';

/** Flags every command accepts, named like the `openstack` CLI's. */
export interface GlobalOptions {
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
  'os-client-config-file': { type: 'string', value: 'FILE', description: 'clouds.yaml to read (default: OS_CLIENT_CONFIG_FILE, then the usual places)' },
  'all-clouds': { type: 'boolean', description: 'server list: every cloud × region of clouds.yaml; exit 0 when at least one answered' },
  json: { type: 'boolean', description: 'machine-readable JSON output (default: a table; progress only on a terminal)' },
  yaml: { type: 'boolean', description: 'machine-readable YAML output' },
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

/** Reads the global flags (and `OS_CLOUD` / `OS_REGION_NAME`, which the config loader also honours). */
export function globalOptions(values: Record<string, unknown>): GlobalOptions {
  const timeout = values.timeout as string | undefined;
  let timeoutMs: number | undefined;
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes seconds, got "${timeout}"`);
    timeoutMs = Math.round(seconds * 1000);
  }
  if (values.json && values.yaml) throw new UsageError('choose one of --json and --yaml');
  return {
    cloud: values['os-cloud'] as string | undefined,
    region: values['os-region-name'] as string | undefined,
    configFile: values['os-client-config-file'] as string | undefined,
    format: values.json ? 'json' : values.yaml ? 'yaml' : 'table',
    debug: Boolean(values.debug),
    timeoutMs,
    allClouds: Boolean(values['all-clouds']),
  };
}
