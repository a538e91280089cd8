import { guardFor } from './canopy-error.js';
import { HttpError, type HttpErrorDetails } from './http-error.js';

/** The service is temporarily unavailable (HTTP 503). */
export class ServiceUnavailableError extends HttpError {
  override name = 'ServiceUnavailableError' as const;

  constructor(details: Omit<HttpErrorDetails, 'status'> & { status?: number }, options?: { cause?: unknown; message?: string }) {
    super({ ...details, status: details.status ?? 503 }, options);
  }
}

/** True when `e` is a {@link ServiceUnavailableError}. */
export const isServiceUnavailableError = guardFor(ServiceUnavailableError, 'ServiceUnavailableError');
