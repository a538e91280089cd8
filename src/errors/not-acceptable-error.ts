import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** The requested API version or microversion is not supported (HTTP 406). */
export class NotAcceptableError extends HttpError {
  override name = 'NotAcceptableError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 406 }, options);
  }
}

/** True when `e` is a {@link NotAcceptableError}. */
export const isNotAcceptableError = guardFor(NotAcceptableError, 'NotAcceptableError');
