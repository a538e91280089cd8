/**
 * Waiting on one resource of any kind with a status, through the cloud's shared poller of that kind.
 */
import type { ResourceKind } from '../resources/resource-kind.js';
import type { WaitCondition } from '../wait/shared-poller.js';
import type { VerbContext } from './verb-context.js';

/** Options of every wait: how long, how to stop, what to report. */
export interface WaitLimitOptions {
  /** Give up after this long with `WaitTimeoutError` (default 10 minutes). */
  timeoutMs?: number;
  /** Stops this wait only; the cloud-side work and other waiters go on. */
  signal?: AbortSignal;
}

/** Options of {@link waitForResource}. */
export interface WaitForResourceOptions<Raw> extends WaitLimitOptions {
  /** The status (or one of several, or a condition) to reach; default: the kind's ready statuses. */
  status?: WaitCondition<Raw>;
  /** Wait until the resource no longer exists instead. */
  gone?: boolean;
  /** Statuses that end the wait with `ResourceFailedError`; default: the kind's failed statuses (`[]` to wait through them, e.g. deleting a server in ERROR). */
  failOn?: readonly string[];
  /** Only lists asked for after this moment count (ms since the epoch): set it to when the action was accepted. */
  notBefore?: number;
  /** Each time the resource is seen. */
  onProgress?: (progress: { status?: string; raw?: Raw; polls: number; elapsedMs: number }) => void;
  /** Ask for the whole list each tick even where a change list exists. */
  fullList?: boolean;
  /**
   * How long the shared poller keeps its fast cadence for this wait before backing off, ms (default the poller's
   * `fastWindowMs`, 30 s): the expected time of the action just made (see `WaitOptions.expectChangeWithinMs`).
   */
  expectChangeWithinMs?: number;
}

/** Default time a wait may take. */
export const DEFAULT_WAIT_MS = 600_000;

/**
 * Waits through the shared poller of the kind; resolves with the record (`undefined` for `gone`). A failed
 * status raises `ResourceFailedError` with the service's fault; the timeout `WaitTimeoutError` with what was seen.
 *
 * @example
 * const raw = await waitForResource(cloud, volumeSnapshotKind, id, { status: 'available' });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForResource<Raw>(ctx: VerbContext, kind: ResourceKind<Raw, any, any, any, any>, id: string, options: WaitForResourceOptions<Raw> = {}): Promise<Raw | undefined> {
  const rules = kind.status;
  if (!rules) throw new TypeError(`${kind.name} has no status to wait on`);
  return ctx.pollerFor(kind).wait(id, {
    ...(options.gone ? { gone: true } : { status: options.status ?? [...rules.ready] }),
    failOn: options.failOn ?? rules.failed,
    ...(rules.fault ? { faultOf: (raw: Raw) => rules.fault?.(raw) } : {}),
    timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
    ...(options.fullList ? { fullList: true } : {}),
    ...(options.expectChangeWithinMs !== undefined ? { expectChangeWithinMs: options.expectChangeWithinMs } : {}),
    onProgress: (p) => options.onProgress?.({ ...(p.status ? { status: p.status } : {}), ...(p.item ? { raw: p.item } : {}), polls: p.polls, elapsedMs: p.elapsedMs }),
  });
}
