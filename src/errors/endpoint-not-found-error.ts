import { CanopyError, guardFor } from './canopy-error.js';

/**
 * The catalog has no usable endpoint for a service type (with its aliases), interface and region.
 *
 * @example
 * // EndpointNotFoundError: no public endpoint for service "object-store" in region RegionOne; the catalog has: compute, identity, …
 */
export class EndpointNotFoundError extends CanopyError {
  override name = 'EndpointNotFoundError' as const;
  readonly serviceType: string;
  readonly available: string[];

  constructor(message: string, details: { serviceType: string; available?: string[] }) {
    super(message);
    this.serviceType = details.serviceType;
    this.available = details.available ?? [];
  }
}

/** True when `e` is an {@link EndpointNotFoundError}. */
export const isEndpointNotFoundError = guardFor(EndpointNotFoundError, 'EndpointNotFoundError');
