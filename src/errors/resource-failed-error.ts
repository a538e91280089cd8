import { CanopyError, guardFor } from './canopy-error.js';

/** What the service recorded about a failure (nova's `fault`). */
export interface ResourceFault {
  code?: number;
  message: string;
  details?: string;
}

/** A resource reached a failure state (e.g. a server in ERROR) while Canopy waited for it. */
export class ResourceFailedError extends CanopyError {
  override name = 'ResourceFailedError' as const;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly status: string;
  readonly fault?: ResourceFault;

  constructor(details: { resourceType: string; resourceId: string; status: string; fault?: ResourceFault }, options?: { cause?: unknown }) {
    const why = details.fault?.message ? `: ${details.fault.message}` : '';
    super(`${details.resourceType} ${details.resourceId} went ${details.status}${why}`, options);
    this.resourceType = details.resourceType;
    this.resourceId = details.resourceId;
    this.status = details.status;
    this.fault = details.fault;
  }
}

/** True when `e` is a {@link ResourceFailedError}. */
export const isResourceFailedError = guardFor(ResourceFailedError, 'ResourceFailedError');
