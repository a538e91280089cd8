/**
 * Waiting on one server. With the cloud's shared poller (the normal case) every waiter of the cloud shares one
 * `GET /servers/detail` per tick; without one (a bare context in tests) it polls `GET /servers/{id}`.
 */
import { ResourceFailedError, WaitTimeoutError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { findServerById } from '../services/compute/servers.js';
import type { SharedPoller } from '../wait/shared-poller.js';
import { sleep } from '../http/sleep.js';
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
  /** The cloud's shared server poller; when given, the wait joins it instead of polling on its own. */
  poller?: SharedPoller<RawServer>;
  /** With the poller: ask for full lists while waiting (for address changes `changes-since` does not show). */
  fullList?: boolean;
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
  if (options.poller) return waitWithPoller(options.poller, id, options);
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

function waitWithPoller(poller: SharedPoller<RawServer>, id: string, options: WaitServerOptions): Promise<RawServer | undefined> {
  const gone = options.done(undefined);
  return poller.wait(id, {
    ...(gone ? { gone: true } : { status: (s: RawServer) => options.done(s) }),
    failOn: options.failOnError === false ? [] : ['ERROR'],
    faultOf: (s) => (s.fault ? { code: s.fault.code, message: s.fault.message, details: s.fault.details } : undefined),
    timeoutMs: options.timeoutMs ?? 600_000,
    signal: options.signal,
    onProgress: (p) => options.onProgress?.(p.item),
    fullList: options.fullList,
    intervalMs: options.intervalMs,
  });
}
