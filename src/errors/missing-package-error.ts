import { ConfigError } from './config-error.js';
import { guardFor } from './canopy-error.js';

/**
 * The configuration asks for a feature whose optional package is not installed, e.g. a Redis cache without
 * `@keyv/redis`. The message says what to install; `packageName` names it for programs.
 *
 * @example
 * // MissingPackageError: the Redis cache (cache.store: redis) needs the optional package @keyv/redis: npm install @keyv/redis
 */
export class MissingPackageError extends ConfigError {
  override name = 'MissingPackageError' as const;
  /** The npm package to install. */
  readonly packageName: string;

  constructor(packageName: string, feature: string, options?: { cause?: unknown }) {
    super(`${feature} needs the optional package ${packageName}: npm install ${packageName}`, {}, options);
    this.packageName = packageName;
  }
}

/** True when `e` is a {@link MissingPackageError}. */
export const isMissingPackageError = guardFor(MissingPackageError, 'MissingPackageError');
