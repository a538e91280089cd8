/**
 * Waiting for a volume to reach a status (or to be gone). With the cloud's shared volume poller every waiter
 * shares one `GET /volumes/detail` per tick; without one it polls `GET /volumes/{id}`.
 */
import { ResourceFailedError, WaitTimeoutError } from '../errors/index.js';
import { sleep } from '../http/sleep.js';
import type { ServiceClient } from '../http/service-client.js';
import type { Volume } from '../services/block-storage/volume.js';
import { showVolume } from '../services/block-storage/volumes.js';
import type { SharedPoller } from '../wait/shared-poller.js';

/** Options of {@link waitForVolume}. */
export interface WaitForVolumeOptions {
  /** Give up after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Stops the waiting (never the cloud-side work). */
  signal?: AbortSignal;
  /** Time between polls (default 500 ms). */
  pollIntervalMs?: number;
  /** Called with each status seen, when it changes. */
  onProgress?: (progress: { status: string; volume: Volume }) => void;
  /** The cloud's shared volume poller; when given, the wait joins it. */
  poller?: SharedPoller<Volume>;
}

/** Every `error*` status cinder has, for the shared poller's exact-match failure list. */
const FAILURE_STATUSES = ['error', 'error_deleting', 'error_extending', 'error_restoring', 'error_managing', 'error_backing-up'];

/** Cinder's failure statuses: `error`, `error_deleting`, `error_extending`, `error_restoring`, … */
const FAILED = /^error/i;

/**
 * Polls a volume until its status is one of `target`, or (with `'deleted'`) until cinder answers 404. An
 * `error*` status raises {@link ResourceFailedError}; running out of time raises {@link WaitTimeoutError} with
 * the last status, the number of polls and every status seen.
 *
 * @example
 * const volume = await waitForVolume(cinder, id, ['available'], { timeoutMs: 60_000 });
 * await waitForVolume(cinder, id, 'deleted');
 */
export async function waitForVolume(client: ServiceClient, id: string, target: string[] | 'deleted', options: WaitForVolumeOptions = {}): Promise<Volume | undefined> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (options.poller) {
    let last: string | undefined;
    return options.poller.wait(id, {
      ...(target === 'deleted' ? { gone: true, failOn: ['error_deleting'] } : { status: target, failOn: FAILURE_STATUSES }),
      timeoutMs,
      signal: options.signal,
      onProgress: (p) => {
        if (p.item && p.status !== last) {
          last = p.status;
          options.onProgress?.({ status: p.item.status, volume: p.item });
        }
      },
    });
  }
  const interval = options.pollIntervalMs ?? 500;
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  let polls = 0;
  let last: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const volume = await showVolume(client, id, options.signal);
    polls++;
    if (!volume) {
      if (target === 'deleted') return undefined;
      throw new ResourceFailedError({ resourceType: 'volume', resourceId: id, status: 'DELETED', fault: { message: 'the volume disappeared while waiting for it' } });
    }
    if (volume.status !== last) {
      last = volume.status;
      seen.push(volume.status);
      options.onProgress?.({ status: volume.status, volume });
    }
    if (target !== 'deleted' && target.includes(volume.status)) return volume;
    // A volume in `error` may still be deleted: while waiting for a deletion only `error_deleting` is a failure.
    const failed = target === 'deleted' ? volume.status === 'error_deleting' : FAILED.test(volume.status);
    if (failed) {
      throw new ResourceFailedError({ resourceType: 'volume', resourceId: id, status: volume.status });
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new WaitTimeoutError({ resourceType: 'volume', resourceId: id, timeoutMs, lastStatus: last, polls, seen, waitingFor: target === 'deleted' ? 'deletion' : target.join(' or ') });
    }
    await sleep(Math.min(interval, left), options.signal);
  }
}
