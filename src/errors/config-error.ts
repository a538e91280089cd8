import { CanopyError, guardFor } from './canopy-error.js';

/** Where in the configuration a problem was found. */
export interface ConfigErrorDetails {
  /** The file that holds the bad value, when it came from a file. */
  file?: string;
  /** The cloud being loaded, when known. */
  cloud?: string;
  /** Path of keys inside the file, e.g. `['clouds', 'prod', 'auth', 'auth_url']`. */
  keyPath?: (string | number)[];
  /** What was expected there, in words. */
  expected?: string;
}

/**
 * The configuration (clouds.yaml, secure.yaml, `OS_*` variables, options) is wrong or incomplete.
 *
 * @example
 * // ConfigError: /home/me/clouds.yaml: clouds.prod.auth.auth_url: expected a URL, got 42
 */
export class ConfigError extends CanopyError {
  override name: string = 'ConfigError';
  readonly file?: string;
  readonly cloud?: string;
  readonly keyPath?: (string | number)[];
  readonly expected?: string;

  constructor(message: string, details: ConfigErrorDetails = {}, options?: { cause?: unknown }) {
    const where = [details.file, details.keyPath?.length ? details.keyPath.join('.') : undefined].filter(Boolean).join(': ');
    super(where ? `${where}: ${message}` : message, options);
    this.file = details.file;
    this.cloud = details.cloud;
    this.keyPath = details.keyPath;
    this.expected = details.expected;
  }
}

/** True when `e` is a {@link ConfigError}. */
export const isConfigError = guardFor(ConfigError, 'ConfigError');
