import { parseArgs, type ParseArgsConfig } from 'node:util';
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

/** The parseArgs definitions of the global flags. */
export const GLOBAL_FLAGS = {
  'os-cloud': { type: 'string' },
  'os-region-name': { type: 'string' },
  'os-client-config-file': { type: 'string' },
  'all-clouds': { type: 'boolean' },
  json: { type: 'boolean' },
  yaml: { type: 'boolean' },
  debug: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Parses argv with the global flags plus a command's own; unknown flags are a {@link UsageError}. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], own: T) {
  try {
    return parseArgs({ args, options: { ...GLOBAL_FLAGS, ...own }, allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
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
