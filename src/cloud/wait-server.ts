/**
 * Waiting on one server by polling `GET /servers/{id}`. Kept behind {@link waitForServer} so the shared batched
 * poller can replace it later without touching the callers.
 */
import { ResourceFailedError, WaitTimeoutError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { findServerById } from '../services/compute/servers.js';
import type { RawServer } from '../services/compute/schemas.js';

/** Options of {@link waitForServer}. */
export interface WaitServerOptions {
  /** Resolve when this returns true for the latest record (`undefined` = the server is gone, 404). */
  done: (server: RawServer | undefined) => boolean;
  /** What the wait is for, for the timeout message, e.g. `ACTIVE`. */
  waitingFor: string;
  /** Default 10 minutes. */
  timeoutMs?: number;
  /** Aborts the waiting only; the cloud keeps working on the server. */
  signal?: AbortSignal;
  /** Each record seen. */
  onProgress?: (server: RawServer | undefined) => void;
  /** First poll delay; later polls back off to {@link MAX_INTERVAL_MS}. Default 250 ms. */
  intervalMs?: number;
  /** Treat ERROR as a failure (default true). Waiting for deletion sets this false. */
  failOnError?: boolean;
}

/** The longest pause between two polls. */
const MAX_INTERVAL_MS = 2_000;

/**
 * Polls a server until `done` says so. An `ERROR` server raises {@link ResourceFailedError} with nova's fault;
 * running out of time raises {@link WaitTimeoutError} with the last status, the poll count and the transitions seen.
 *
 * @example
 * const raw = await waitForServer(compute, id, { done: (s) => s?.status === 'ACTIVE', waitingFor: 'ACTIVE' });
 */
export async function waitForServer(compute: ServiceClient, id: string, options: WaitServerOptions): Promise<RawServer | undefined> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  let polls = 0;
  let interval = options.intervalMs ?? 250;
  let last: RawServer | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    last = await findServerById(compute, id, options.signal);
    polls++;
    const label = last ? `${last.status}${last['OS-EXT-STS:task_state'] ? `/${last['OS-EXT-STS:task_state']}` : ''}` : 'gone';
    if (seen.at(-1) !== label) seen.push(label);
    options.onProgress?.(last);
    if (options.done(last)) return last;
    if (last && last.status === 'ERROR' && options.failOnError !== false) {
      throw new ResourceFailedError({
        resourceType: 'server',
        resourceId: id,
        status: 'ERROR',
        ...(last.fault ? { fault: { code: last.fault.code, message: last.fault.message, details: last.fault.details } } : {}),
      });
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new WaitTimeoutError({ resourceType: 'server', resourceId: id, timeoutMs, lastStatus: last ? last.status : 'gone', polls, seen, waitingFor: options.waitingFor });
    }
    await sleep(Math.min(interval, remaining), options.signal);
    interval = Math.min(interval * 1.5, MAX_INTERVAL_MS);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
