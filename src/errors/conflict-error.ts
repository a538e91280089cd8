import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** The service refused the request because of the resource's state (HTTP 409). */
export class ConflictError extends HttpError {
  override name = 'ConflictError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 409 }, options);
  }
}

/** True when `e` is a {@link ConflictError}. */
export const isConflictError = guardFor(ConflictError, 'ConflictError');
