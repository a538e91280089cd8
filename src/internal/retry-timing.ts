/**
 * When to retry: the server's `Retry-After` wins (no jitter then); otherwise jittered exponential backoff.
 */

/** Statuses that mean "try again later" when the server says when (`Retry-After`). */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([413, 429, 503]);

/** Statuses worth retrying for idempotent requests. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Methods that may be repeated without changing the outcome. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Parses a `Retry-After` value (delay seconds or an HTTP date) into milliseconds, or `undefined` when absent or
 * unreadable.
 *
 * @example
 * parseRetryAfter('2') // 2000
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Backoff settings. */
export interface BackoffOptions {
  /** First delay, ms. */
  baseMs: number;
  /** Upper bound of a single delay, ms. */
  maxMs: number;
  /** Random source in [0, 1); injectable for tests. */
  random?: () => number;
}

/** Default backoff: 250 ms doubling up to 8 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 8000 };

/**
 * Delay before retry number `attempt` (1-based): "equal jitter" — half fixed, half random — so many clients do
 * not retry in lockstep but each still waits a minimum.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The delay to wait before retrying a response, or `undefined` when it must not be retried.
 * `idempotent` requests retry on {@link RETRYABLE_STATUSES}; others (POST) only when the server asked for a
 * retry with a `Retry-After` on 429/503 (a 413 is retried only with `Retry-After`, as old nova rate-limited with it).
 */
export function retryDelayForStatus(
  status: number,
  retryAfterHeader: string | null | undefined,
  attempt: number,
  idempotent: boolean,
  options: BackoffOptions = DEFAULT_BACKOFF,
  bodyRetryAfterSeconds?: number,
): number | undefined {
  const serverAsked = parseRetryAfter(retryAfterHeader) ?? (bodyRetryAfterSeconds !== undefined ? bodyRetryAfterSeconds * 1000 : undefined);
  if (RETRY_AFTER_STATUSES.has(status) && serverAsked !== undefined) return serverAsked;
  if (status === 413) return undefined;
  if (!idempotent) return undefined;
  return RETRYABLE_STATUSES.has(status) ? backoffDelay(attempt, options) : undefined;
}
