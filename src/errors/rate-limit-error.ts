import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** The service is rate-limiting this client (HTTP 429, or 413 with Retry-After on old clouds). */
export class RateLimitError extends HttpError {
  override name = 'RateLimitError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 429 }, options);
  }
}

/** True when `e` is a {@link RateLimitError}. */
export const isRateLimitError = guardFor(RateLimitError, 'RateLimitError');
