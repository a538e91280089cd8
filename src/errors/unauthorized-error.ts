import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** The service did not accept the credentials or token (HTTP 401). */
export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 401 }, options);
  }
}

/** True when `e` is a {@link UnauthorizedError}. */
export const isUnauthorizedError = guardFor(UnauthorizedError, 'UnauthorizedError');
