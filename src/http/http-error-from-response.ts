import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  NotAcceptableError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  UnauthorizedError,
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
}): HttpError {
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
  // Old nova rate-limited with 413 + overLimit; that is a rate limit, not a payload problem.
  const Ctor = input.status === 413 && (retryAfterSeconds !== undefined || parsed.kind === 'overLimit') ? RateLimitError : BY_STATUS[input.status];
  return Ctor ? new Ctor(details) : new HttpError(details);
}
