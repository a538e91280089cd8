import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** A resource does not exist (HTTP 404), or a lookup by name or id found nothing. */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 404 }, options);
  }
}

/** True when `e` is a {@link NotFoundError}. */
export const isNotFoundError = guardFor(NotFoundError, 'NotFoundError');
