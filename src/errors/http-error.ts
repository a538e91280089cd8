import { CanopyError, guardFor } from './canopy-error.js';

/** Everything known about a failed HTTP exchange. */
export interface HttpErrorDetails {
  status: number;
  method: string;
  /** The request URL with secrets removed. */
  url: string;
  /** Service type, e.g. `compute`. */
  service?: string;
  /** The service's own message, taken from its error body. */
  serviceMessage?: string;
  /** The service's error kind, e.g. `itemNotFound`, `NetworkNotFound`. */
  kind?: string;
  /** `x-openstack-request-id` / `x-compute-request-id` of the response. */
  requestId?: string;
  /** Seconds the server asked to wait (`Retry-After`), when present. */
  retryAfterSeconds?: number;
}

/**
 * An OpenStack service answered with an error status. Carries what a person needs to act: status, method,
 * redacted URL, service, the service's message and the request id.
 *
 * @example
 * // HttpError: compute GET http://127.0.0.1:8774/v2.1/servers/x → 404: Instance x could not be found. (request req-…)
 */
export class HttpError extends CanopyError {
  override name: string = 'HttpError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly service?: string;
  readonly serviceMessage?: string;
  readonly kind?: string;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;

  constructor(details: HttpErrorDetails, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? HttpError.describe(details), options);
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.service = details.service;
    this.serviceMessage = details.serviceMessage;
    this.kind = details.kind;
    this.requestId = details.requestId;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** One line saying what failed, for the error message. */
  static describe(d: HttpErrorDetails): string {
    const svc = d.service ? `${d.service} ` : '';
    const msg = d.serviceMessage ? `: ${d.serviceMessage}` : '';
    const rid = d.requestId ? ` (request ${d.requestId})` : '';
    return `${svc}${d.method.toUpperCase()} ${d.url} → ${d.status}${msg}${rid}`;
  }
}

/** True when `e` is an {@link HttpError} or one of its subclasses. */
export const isHttpError = guardFor(HttpError, 'HttpError', 'NotFoundError', 'ConflictError', 'UnauthorizedError', 'ForbiddenError', 'BadRequestError', 'RateLimitError', 'ServiceUnavailableError', 'NotAcceptableError');
