import { CanopyError, guardFor } from './canopy-error.js';

/**
 * The request never got an HTTP answer: connection refused or reset, DNS failure, TLS failure, or a per-attempt
 * timeout. `sent` says whether the request may have reached the server (an ambiguous outcome for a POST).
 */
export class ConnectionError extends CanopyError {
  override name = 'ConnectionError' as const;
  readonly method: string;
  readonly url: string;
  readonly service?: string;
  readonly timedOut: boolean;

  constructor(details: { method: string; url: string; service?: string; timedOut?: boolean; reason?: string }, options?: { cause?: unknown }) {
    const svc = details.service ? `${details.service} ` : '';
    const why = details.timedOut ? `timed out${details.reason ? ` (${details.reason})` : ''}` : `failed${details.reason ? `: ${details.reason}` : ''}`;
    super(`${svc}${details.method.toUpperCase()} ${details.url} ${why}`, options);
    this.method = details.method;
    this.url = details.url;
    this.service = details.service;
    this.timedOut = details.timedOut ?? false;
  }
}

/** True when `e` is a {@link ConnectionError}. */
export const isConnectionError = guardFor(ConnectionError, 'ConnectionError');
