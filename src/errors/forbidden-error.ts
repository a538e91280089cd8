import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** The request is not allowed for this user or would exceed a quota (HTTP 403). */
export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 403 }, options);
  }
}

/** True when `e` is a {@link ForbiddenError}. */
export const isForbiddenError = guardFor(ForbiddenError, 'ForbiddenError');
