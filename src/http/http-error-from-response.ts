import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  NotAcceptableError,
  NotFoundError,
  RateLimitError,
  QuotaExceededError,
  ServiceUnavailableError,
  UnauthorizedError,
  isQuotaAnswer,
  type HttpErrorDetails,
} from '../errors/index.js';
import { parseErrorBody } from './error-body.js';
import { parseRetryAfter } from '../internal/retry-timing.js';

const BY_STATUS: Record<number, new (d: HttpErrorDetails) => HttpError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  406: NotAcceptableError,
  409: ConflictError,
  429: RateLimitError,
  503: ServiceUnavailableError,
};

/**
 * The typed error for an error response: the subclass for its status (`NotFoundError` for 404, …), carrying the
 * service's message, its error kind, the request id and any `Retry-After`.
 */
export function httpErrorFromResponse(input: {
  status: number;
  method: string;
  url: string;
  service?: string;
  headers: Headers;
  body: unknown;
  requestId?: string;
  scrub?: (text: string) => string;
}): HttpError | QuotaExceededError {
  const parsed = parseErrorBody(input.body);
  const retryMs = parseRetryAfter(input.headers.get('retry-after'));
  const retryAfterSeconds = retryMs !== undefined ? retryMs / 1000 : parsed.retryAfterSeconds;
  const scrub = input.scrub ?? ((t: string) => t);
  const details: HttpErrorDetails = {
    status: input.status,
    method: input.method.toUpperCase(),
    url: input.url,
    service: input.service,
    serviceMessage: parsed.message ? scrub(parsed.message) : undefined,
    kind: parsed.kind,
    requestId: input.requestId,
    retryAfterSeconds,
  };
  // Over quota (nova 403, old nova and cinder 413 — cinder's with `Retry-After: 0` —, neutron 409 OverQuota) is
  // its own error, never retried; only a 413 that is not about a quota is old nova's rate limit.
  if (isQuotaAnswer(input.status, parsed.kind, parsed.message)) {
    const { retryAfterSeconds: _unused, ...answer } = details;
    return new QuotaExceededError({ answer });
  }
  const Ctor = input.status === 413 && (retryAfterSeconds !== undefined || parsed.kind === 'overLimit') ? RateLimitError : BY_STATUS[input.status];
  return Ctor ? new Ctor(details) : new HttpError(details);
}
