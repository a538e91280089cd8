import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/**
 * The service is rate-limiting this client (HTTP 429, or 413 with Retry-After on old clouds). The transport
 * waits out a `Retry-After` up to its `maxRetryAfterMs`; a longer one reaches the caller as this error, with
 * the server's value in `retryAfterMs`.
 *
 * @example
 * catch (e) { if (isRateLimitError(e) && e.retryAfterMs) setTimeout(retry, e.retryAfterMs); }
 */
export class RateLimitError extends HttpError {
  override name = 'RateLimitError' as const;
  /** How long the server asked to wait, ms (`Retry-After`, or the body's `retryAfter`), when it said. */
  readonly retryAfterMs?: number;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 429 }, options);
    this.retryAfterMs = details.retryAfterSeconds !== undefined ? Math.round(details.retryAfterSeconds * 1000) : undefined;
  }
}

/** True when `e` is a {@link RateLimitError}. */
export const isRateLimitError = guardFor(RateLimitError, 'RateLimitError');
