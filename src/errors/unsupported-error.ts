import { CanopyError, guardFor } from './canopy-error.js';

/** What an {@link UnsupportedError} says is missing. */
export interface UnsupportedDetails {
  /** What was asked for, e.g. `server tags` or `volume backups`. */
  feature: string;
  /** The service type that would do it, e.g. `compute`. */
  service: string;
  /** What this cloud has: its API version, microversion or `no <extension> extension`. */
  have?: string;
  /** What the feature needs: a microversion (`2.26`), an API version (`v3`) or an extension name. */
  need?: string;
}

/**
 * The cloud cannot do this: its service is too old (microversion or API version), lacks an extension, or is not
 * in the catalog. Raised before any request that would only have answered 404.
 *
 * @example
 * try { await cloud.lockServer('web-1', { reason: 'maintenance' }); }
 * catch (e) { if (isUnsupportedError(e)) console.log(e.message); } // "this cloud's compute is 2.60, a lock reason needs 2.73"
 */
export class UnsupportedError extends CanopyError {
  override name = 'UnsupportedError' as const;
  readonly feature: string;
  readonly service: string;
  readonly have?: string;
  readonly need?: string;

  constructor(details: UnsupportedDetails) {
    const have = details.have ? `this cloud's ${details.service} is ${details.have}` : `this cloud's ${details.service} cannot do it`;
    super(`${have}, ${details.feature} ${details.need ? `needs ${details.need}` : 'is not available'}`);
    this.feature = details.feature;
    this.service = details.service;
    if (details.have !== undefined) this.have = details.have;
    if (details.need !== undefined) this.need = details.need;
  }
}

/** True when `e` is an {@link UnsupportedError}. */
export const isUnsupportedError = guardFor(UnsupportedError, 'UnsupportedError');
