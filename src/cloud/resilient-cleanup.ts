/**
 * Undoing what a failed operation created, through the same faults that made it fail. Each delete already
 * retries inside the transport; this adds a few more spaced-out rounds, so a burst of 503s or a short outage does
 * not leave resources behind, and it reports — never swallows — what could still not be removed.
 */
import { isNotFoundError } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import { sleep } from '../internal/sleep.js';
import { backoffDelay, type BackoffOptions } from '../internal/retry-timing.js';

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
