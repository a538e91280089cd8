import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** The service rejected the request as malformed (HTTP 400). */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 400 }, options);
  }
}

/** True when `e` is a {@link BadRequestError}. */
export const isBadRequestError = guardFor(BadRequestError, 'BadRequestError');
