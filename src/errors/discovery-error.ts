import { CanopyError, guardFor } from './canopy-error.js';

/**
 * Version discovery failed: no version document could be read, or none offers a version Canopy can use.
 */
export class DiscoveryError extends CanopyError {
  override name = 'DiscoveryError' as const;
  readonly serviceType?: string;
  readonly url?: string;

  constructor(message: string, details: { serviceType?: string; url?: string } = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.serviceType = details.serviceType;
    this.url = details.url;
  }
}

/** True when `e` is a {@link DiscoveryError}. */
export const isDiscoveryError = guardFor(DiscoveryError, 'DiscoveryError');
