import { CanopyError, guardFor } from './canopy-error.js';

/**
 * A create request may or may not have taken effect, and Canopy could not find out: the POST failed in a way
 * that leaves its outcome unknown (connection reset after sending, a 5xx, a timeout) and the look-up for a
 * resource carrying the request's client token failed too. The resource, if it exists, carries `clientToken`
 * (server metadata `canopy:client-token`, a neutron `description`, volume metadata).
 *
 * @example
 * try { await cloud.createServer({ ... }); } catch (e) {
 *   if (isAmbiguousOutcomeError(e)) console.error(`look for ${e.what} tagged ${e.clientToken}`);
 * }
 */
export class AmbiguousOutcomeError extends CanopyError {
  override name = 'AmbiguousOutcomeError' as const;
  /** What was being created, e.g. `server web-1`. */
  readonly what: string;
  /** The token the resource carries if it was created. */
  readonly clientToken: string;

  constructor(details: { what: string; clientToken: string; reason?: string }, options?: { cause?: unknown }) {
    super(`could not tell whether ${details.what} was created (client token ${details.clientToken})${details.reason ? `: ${details.reason}` : ''}`, options);
    this.what = details.what;
    this.clientToken = details.clientToken;
  }
}

/** True when `e` is an {@link AmbiguousOutcomeError}. */
export const isAmbiguousOutcomeError = guardFor(AmbiguousOutcomeError, 'AmbiguousOutcomeError');
