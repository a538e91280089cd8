import { readFileSync } from 'node:fs';
import type { Agent } from 'undici';
import type { CloudConfig } from '../config/cloud-config.js';
import { ConfigError } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import { requirePackage } from '../internal/require-package.js';
import type { TlsSettings } from './node-http-fetch.js';

/**
 * undici, loaded on first use: only clouds with custom TLS settings need it, and importing it costs about 200 ms
 * of start-up that every other program (and `canopy --help`) would pay. A synchronous require keeps
 * {@link tlsDispatcher} synchronous.
 */
function loadUndici(): typeof import('undici') {
  return requirePackage<typeof import('undici')>('undici');
}

function readPem(config: CloudConfig, key: 'cacert' | 'cert' | 'key'): string | undefined {
  const path = config[key];
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read ${key} file ${path}`, { cloud: config.name, file: config.sources[0], keyPath: ['clouds', config.name, key] }, { cause });
  }
}

/**
 * A cloud's TLS settings as `node:https` takes them, or `undefined` for the defaults (system CAs, verification
 * on). `cacert` adds a CA bundle, `cert`/`key` present a client certificate, and `verify: false` turns
 * verification off — only when the config says so, and with a warning.
 */
export function tlsSettings(config: CloudConfig, logger: Logger): TlsSettings | undefined {
  const ca = readPem(config, 'cacert');
  const cert = readPem(config, 'cert');
  const key = readPem(config, 'key');
  if (config.verify && !ca && !cert && !key) return undefined;
  if (!config.verify) logger.warn(`TLS certificate verification is OFF for cloud "${config.name}" (verify: false): traffic can be intercepted`);
  return { rejectUnauthorized: config.verify, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/** An undici dispatcher carrying TLS settings, for a caller's own `fetch` (Node's built-in one). */
export function undiciDispatcher(settings: TlsSettings): Agent {
  return new (loadUndici().Agent)({ connect: settings });
}

/**
 * The fetch dispatcher for a cloud's TLS settings (see {@link tlsSettings}), or `undefined` for the defaults.
 */
export function tlsDispatcher(config: CloudConfig, logger: Logger): Agent | undefined {
  const settings = tlsSettings(config, logger);
  return settings ? undiciDispatcher(settings) : undefined;
}
