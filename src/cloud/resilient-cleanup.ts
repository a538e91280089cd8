/**
 * Undoing what a failed operation created, through the same faults that made it fail. Each delete already
 * retries inside the transport; this adds a few more spaced-out rounds, so a burst of 503s or a short outage does
 * not leave resources behind, and it reports — never swallows — what could still not be removed.
 */
import { ConnectionError, HttpError, isNotFoundError } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import { sleep } from '../internal/sleep.js';
import { RETRYABLE_STATUSES, backoffDelay, type BackoffOptions } from '../internal/retry-timing.js';

/** Where a cleanup reports to (a task record has both methods). */
export interface CleanupReport {
  cleaned(type: string, id: string): void;
  cleanupFailed(type: string, id: string, error: unknown): void;
}

/** Options of {@link removeWithRetries}. */
export interface RemoveWithRetriesOptions {
  logger: Logger;
  /** Usually the task record. */
  report?: CleanupReport;
  /** Rounds in all; default 4. */
  attempts?: number;
  /** Pause between rounds; default 500 ms doubling up to 4 s. */
  backoff?: BackoffOptions;
}

const CLEANUP_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 4000 };

/**
 * Runs `remove` until it succeeds (a `NotFoundError` counts: it is gone), at most `attempts` rounds with backoff.
 * Records the outcome as `cleaned` or `cleanupFailed` (with the last error) and returns whether it is gone.
 *
 * @example
 * const gone = await removeWithRetries({ type: 'floating-ip', id: ip.id }, () => deleteKnownFloatingIp(cloud, ip), { logger, report: task });
 */
export async function removeWithRetries(target: { type: string; id: string; label?: string }, remove: () => Promise<unknown>, options: RemoveWithRetriesOptions): Promise<boolean> {
  const attempts = Math.max(1, options.attempts ?? 4);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await remove();
      options.report?.cleaned(target.type, target.id);
      return true;
    } catch (error) {
      if (isNotFoundError(error)) {
        options.report?.cleaned(target.type, target.id);
        return true;
      }
      lastError = error;
      options.logger.debug('cleanup attempt failed', { type: target.type, id: target.id, attempt, error: (error as Error).name });
      if (attempt < attempts) await sleep(backoffDelay(attempt, options.backoff ?? CLEANUP_BACKOFF));
    }
  }
  options.logger.warn(`could not remove ${target.type} ${target.label ?? target.id}; it is left on the cloud`, { type: target.type, id: target.id, error: (lastError as Error)?.message });
  options.report?.cleanupFailed(target.type, target.id, lastError);
  return false;
}

/** True for a failure worth another round later: a retryable status or no answer at all. */
function isTransient(error: unknown): boolean {
  return error instanceof ConnectionError || (error instanceof HttpError && RETRYABLE_STATUSES.has(error.status));
}

/**
 * Runs a read a cleanup depends on (which floating IPs a server has) with the same spaced-out rounds as
 * {@link removeWithRetries}, when it fails transiently (503, 429, no answer) after the transport's own retries;
 * any other error, or the last transient one, is thrown.
 *
 * @example
 * const ips = await readWithRetries('floating IPs of web-1', () => serverFloatingIps(cloud, raw), { logger });
 */
export async function readWithRetries<T>(what: string, read: () => Promise<T>, options: { logger: Logger; attempts?: number; backoff?: BackoffOptions }): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      options.logger.debug('read for a cleanup failed; trying again', { what, attempt, error: (error as Error).name });
      await sleep(backoffDelay(attempt, options.backoff ?? CLEANUP_BACKOFF));
    }
  }
}
