import { ResourceFailedError, WaitTimeoutError, type ResourceFault } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import { silentLogger } from '../internal/logger.js';
import type { ListSource } from './list-source.js';
import { PollView, type Changes } from './poll-view.js';
import { TickPolicy, type TickWaiter } from './tick-policy.js';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for the {@link} above
import type { coordinatedListSource } from './coordinated-list-source.js';

/** What a waiter waits for: a status, one of several, or any condition on the item. */
export type WaitCondition<T> = string | readonly string[] | ((item: T) => boolean);

/** Progress a waiter reports each time its resource is seen. */
export interface WaitProgress<T> {
  id: string;
  status?: string;
  item?: T;
  polls: number;
  elapsedMs: number;
}

/** Options of one wait. */
export interface WaitOptions<T> {
  /** The condition to reach; omit when waiting for deletion with `gone: true`. */
  status?: WaitCondition<T>;
  /** Resolve when the resource no longer exists (404, or absent from a full list, or DELETED in a change list). */
  gone?: boolean;
  /** Statuses that end the wait with {@link ResourceFailedError} (default `['ERROR']`). */
  failOn?: readonly string[];
  /** Reads the fault of a failed item, for the error. */
  faultOf?: (item: T) => ResourceFault | undefined;
  timeoutMs?: number;
  /** Stops this waiter only; the shared poll goes on for the others. */
  signal?: AbortSignal;
  onProgress?: (progress: WaitProgress<T>) => void;
  /** The longest this waiter is willing to wait between polls, ms. */
  intervalMs?: number;
  /**
   * How long after this waiter joins the poller keeps its fast cadence (the base interval) before backing off,
   * ms (default the poller's `fastWindowMs`, 30 s). Set it when the client itself just made the action this waiter
   * waits on and knows roughly how long it takes (a boot: longer; a floating-IP association showing in nova: a few
   * seconds); `0` lets the poller back off at once (a wait with no action behind it).
   */
  expectChangeWithinMs?: number;
  /**
   * Ask for the full list while this waiter waits: for changes the API's change filter does not see (nova's
   * `changes-since` misses floating-IP associations). Still one request per tick for every waiter.
   */
  fullList?: boolean;
  /**
   * Ignore lists fetched before this moment (ms since the epoch): after an action whose end state may equal the
   * state before it (a reboot ends ACTIVE), only a list made after the cloud accepted the action counts.
   */
  notBefore?: number;
}

/** Tuning of a {@link SharedPoller}. */
export interface SharedPollerOptions {
  /** Default interval between ticks, ms (2 s). */
  intervalMs?: number;
  /** Ceiling of the backoff while nothing changes, ms (10 s). */
  maxIntervalMs?: number;
  /**
   * How long the poller ticks at the base interval after a waiter joins (or {@link SharedPoller.nudge}) before
   * it backs off ×1.5 per quiet tick up to `maxIntervalMs`, ms (30 s). A waiter's `expectChangeWithinMs` overrides it.
   */
  fastWindowMs?: number;
  /**
   * After a tick that took `t` ms (its list, and any direct GET), the next starts no sooner than
   * `restFactor × t` after it ended (default 2: the poll takes at most a third of the cloud's time; the rest is
   * capped at `maxIntervalMs`, so a list that failed after a long timeout does not blind the waiters). Invisible on
   * a cloud that answers in tens of ms; on one where a list takes seconds it stops back-to-back lists.
   */
  restFactor?: number;
  /**
   * Shorten each interval by up to 10% at random so pollers of several processes drift apart. Default: on when
   * the list source is shared across processes (a {@link coordinatedListSource}), off otherwise (one process
   * has nothing to drift apart from, and jitter only makes it late).
   */
  jitter?: boolean;
  /** How long the poller stays alive after its last waiter leaves, ms (1 s). */
  lingerMs?: number;
  /** A resource missing from the list this long after its waiter started gets one direct GET, ms (5 s). */
  graceMs?: number;
  /** Subtracted from the last poll time for `changes-since` (second resolution, clock skew), ms (2 s). */
  skewMs?: number;
  logger?: Logger;
  random?: () => number;
}

/** Options of {@link SharedPoller.nudge}. */
export interface NudgeOptions {
  /** Keep the fast cadence this long from now, ms (default the poller's `fastWindowMs`). */
  withinMs?: number;
}

interface Waiter<T> {
  id: string;
  options: WaitOptions<T>;
  started: number;
  polls: number;
  seen: string[];
  checkedDirectly: boolean;
  resolve: (item: T | undefined) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

function matches<T>(condition: WaitCondition<T> | undefined, status: string, item: T): boolean {
  if (condition === undefined) return false;
  if (typeof condition === 'function') return (condition as (i: T) => boolean)(item);
  if (typeof condition === 'string') return status === condition;
  return condition.includes(status);
}

/**
 * One poll loop serving every waiter of one resource kind (per cloud, region and service): the first waiter
 * starts it, the last one leaving stops it after a short linger, and each tick makes ONE list request whatever
 * the number of waiters — a full list first, then only what changed since the previous tick where the API can
 * say (`GET /servers/detail?changes-since=…`). A resource just created may be missing from a list for a moment:
 * after a grace period its waiter gets one direct GET. Aborting or timing out one waiter never stops the loop the
 * others share.
 *
 * Tick policy (`TickPolicy` in src/wait/tick-policy.ts): fast while a change is expected, slow later, and never
 * faster than the cloud answers. The base interval is the shortest any waiter asks for; the poller keeps it
 * (ticks start a base interval apart) for `fastWindowMs` after a waiter joins — a waiter usually joins right
 * after the action it waits on — or after {@link nudge}; then it backs off ×1.5 per tick that sees no change, up
 * to `maxIntervalMs`. Only a change of something a waiter waits on starts the backoff over (its status; any
 * field for a condition that is a function), not an unrelated item moving. After a tick that took `t`, the cloud
 * gets at least `restFactor × t` (2 t, at most `maxIntervalMs`) of rest before the next, whoever joins or
 * nudges: on a loaded cloud where a list of ten servers takes seconds, lists no longer run back to back. A
 * joining waiter never delays a tick already due, and gets its first look one base interval after the previous
 * tick (or when the rest is over). Jitter only where polls are shared across processes.
 *
 * Learning the expected time of a transition (a first build took T, so the others started with it will not
 * change before ~T) was considered and left out: concurrent boots finish staggered by the cloud's serial
 * handling of their requests, so a first T arrives when the others are already due, and a fresh process (every
 * CLI run, every bench run) has learned nothing.
 */
export class SharedPoller<T> {
  private readonly waiters = new Set<Waiter<T>>();
  private readonly view: PollView<T>;
  private timer?: ReturnType<typeof setTimeout>;
  private lingerTimer?: ReturnType<typeof setTimeout>;
  private loopController?: AbortController;
  private lastPollStart?: number;
  /** When this poller's last tick started (its own clock, even when the answer came from another process). */
  private lastTickStart?: number;
  /** When the scheduled tick is due. */
  private nextTickAt?: number;
  private readonly policy: TickPolicy;
  private ticking = false;
  /** Ticks, list requests made, snapshots taken from another process, and direct GETs made. */
  readonly counters = { ticks: 0, listRequests: 0, sharedSnapshots: 0, directGets: 0 };

  constructor(
    private readonly source: ListSource<T>,
    private readonly options: SharedPollerOptions = {},
  ) {
    this.policy = new TickPolicy(options, () => source.sharedFrom !== undefined);
    this.view = new PollView(source);
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }

  /** Number of waiters attached now. */
  get size(): number {
    return this.waiters.size;
  }

  /** Waits on one resource. Resolves with the item (or `undefined` for `gone`). */
  wait(id: string, options: WaitOptions<T>): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(options.signal.reason);
        return;
      }
      const waiter: Waiter<T> = { id, options, started: Date.now(), polls: 0, seen: [], checkedDirectly: false, resolve, reject, cleanup: () => {} };
      let timeout: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => this.finish(waiter, () => reject(options.signal?.reason));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        timeout = setTimeout(() => {
          this.finish(waiter, () =>
            reject(
              new WaitTimeoutError({
                resourceType: this.source.resourceType,
                resourceId: id,
                timeoutMs: options.timeoutMs as number,
                lastStatus: waiter.seen.at(-1),
                polls: waiter.polls,
                seen: waiter.seen,
                waitingFor: options.gone ? 'deletion' : typeof options.status === 'function' ? 'its condition' : String(options.status),
              }),
            ),
          );
        }, options.timeoutMs);
      }
      waiter.cleanup = () => {
        if (timeout) clearTimeout(timeout);
        options.signal?.removeEventListener('abort', onAbort);
      };
      this.waiters.add(waiter);
      if (this.lingerTimer) {
        clearTimeout(this.lingerTimer);
        this.lingerTimer = undefined;
      }
      // A new waiter may want a shorter interval, and should not wait a whole backed-off period for its first look.
      this.policy.joined();
      this.hurry();
    });
  }

  /**
   * Tells the poller a change is coming: the client just made an action its waiters may be waiting on (a
   * create, a floating-IP association, a reboot). The next tick comes at most one base interval after the
   * previous one (at once if that is past, but never before the cloud's rest after the previous list is over),
   * and the fast cadence lasts `withinMs` from now. Still one list
   * request per tick whoever nudges; nudging a poller with no waiters does nothing.
   *
   * @example
   * await associateFloatingIp(network, ip.id, portId);
   * cloud.serverPoller().nudge({ withinMs: 10_000 });
   */
  nudge(options: NudgeOptions = {}): void {
    this.policy.nudge(Date.now(), options.withinMs);
    this.hurry();
  }

  /** The waiters as the tick policy sees them. */
  private *tickWaiters(): Iterable<TickWaiter> {
    for (const w of this.waiters) yield { started: w.started, intervalMs: w.options.intervalMs, expectChangeWithinMs: w.options.expectChangeWithinMs };
  }

  /** Brings the next tick forward to one base interval after the previous one, rest permitting (never later than planned). */
  private hurry(): void {
    if (this.ticking || this.waiters.size === 0) return; // the tick in flight schedules the next one with the new rules
    const now = Date.now();
    const due = this.policy.earliest(now, this.view.haveFullList ? this.lastTickStart : undefined, this.tickWaiters());
    if (this.nextTickAt === undefined || due < this.nextTickAt) this.schedule(due - now);
  }

  private finish(waiter: Waiter<T>, settle: () => void): void {
    if (!this.waiters.delete(waiter)) return;
    waiter.cleanup();
    settle();
    if (this.waiters.size === 0) this.scheduleStop();
  }

  private scheduleStop(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.waiters.size > 0) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.loopController?.abort();
      this.loopController = undefined;
      // Forget the snapshot: the next waiter starts from a fresh full list.
      this.view.clear();
      this.lastPollStart = undefined;
      this.lastTickStart = undefined;
      this.nextTickAt = undefined;
      this.policy.reset();
    }, this.options.lingerMs ?? 1000);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.nextTickAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.nextTickAt = undefined;
      void this.tick();
    }, delay);
  }

  private async tick(): Promise<void> {
    if (this.waiters.size === 0 || this.ticking) return;
    this.ticking = true;
    this.counters.ticks++;
    this.loopController ??= new AbortController();
    const signal = this.loopController.signal;
    const started = Date.now();
    this.lastTickStart = started;
    let changed = false;
    try {
      const wantsFull = [...this.waiters].some((w) => w.options.fullList);
      const full = wantsFull || !this.view.haveFullList || !this.source.listChanges || this.lastPollStart === undefined;
      const answer = full
        ? await this.source.listAll(signal)
        : await (this.source.listChanges as NonNullable<ListSource<T>['listChanges']>)((this.lastPollStart as number) - (this.options.skewMs ?? 2000), signal);
      // A source that shares polls across processes may have answered from another process's list.
      const sharedFrom = this.source.sharedFrom?.();
      if (sharedFrom === undefined) this.counters.listRequests++;
      else this.counters.sharedSnapshots++;
      const watchContent = this.contentWatcher();
      changed = this.watchedChanged(full ? this.view.applyFullList(answer, watchContent) : this.view.applyChanges(answer, watchContent));
      const observedAt = sharedFrom ?? started;
      this.lastPollStart = observedAt;
      await this.evaluate(signal, observedAt);
    } catch (error) {
      if (!signal.aborted) this.logger.warn(`polling ${this.source.resourceType}s failed; retrying next tick`, { error: (error as Error).message });
    } finally {
      this.ticking = false;
      const delay = this.policy.afterTick(started, Date.now(), changed, this.tickWaiters());
      if (this.waiters.size > 0) this.schedule(delay);
    }
  }

  /**
   * True when a change concerns a waiter: its item's status changed (appeared, vanished), or any field of it for
   * a waiter whose condition is a function (an address showing). Only such a change restarts the backoff.
   */
  private watchedChanged(change: Changes): boolean {
    for (const w of this.waiters) if (change.status.has(w.id) || change.content.has(w.id)) return true;
    return false;
  }

  /** Which items' other fields matter: those of waiters whose condition is a function (or that want full lists). */
  private contentWatcher(): (id: string) => boolean {
    const ids = new Set<string>();
    for (const w of this.waiters) if (typeof w.options.status === 'function' || w.options.fullList) ids.add(w.id);
    return (id) => ids.has(id);
  }

  /** Checks every waiter against the items; `observedAt` is when the list they came from was asked for. */
  private async evaluate(signal: AbortSignal, observedAt: number): Promise<void> {
    const now = Date.now();
    for (const waiter of [...this.waiters]) {
      const { options } = waiter;
      if (options.notBefore !== undefined && observedAt < options.notBefore) continue;
      waiter.polls++;
      let item = this.view.items.get(waiter.id);
      let isGone = this.view.gone.has(waiter.id);
      if (!item && !isGone && !waiter.checkedDirectly && now - waiter.started >= (this.options.graceMs ?? 5000)) {
        // Missing from the list after the grace period: ask for it once by id before believing it is gone.
        waiter.checkedDirectly = true;
        this.counters.directGets++;
        try {
          item = await this.source.getOne(waiter.id, signal);
        } catch (error) {
          this.logger.debug('direct GET failed', { id: waiter.id, error: (error as Error).message });
        }
        if (item) this.view.items.set(waiter.id, item);
        else {
          this.view.gone.add(waiter.id);
          isGone = true;
        }
      }
      if (!this.waiters.has(waiter)) continue; // aborted while we were busy
      const status = item ? this.source.statusOf(item) : isGone ? 'DELETED' : undefined;
      if (status && waiter.seen.at(-1) !== status) waiter.seen.push(status);
      options.onProgress?.({ id: waiter.id, status, item, polls: waiter.polls, elapsedMs: now - waiter.started });
      if (options.gone) {
        if (isGone && !item) this.finish(waiter, () => waiter.resolve(undefined));
        else if (item && (options.failOn ?? []).includes(this.source.statusOf(item))) this.fail(waiter, item);
        continue;
      }
      if (!item) {
        if (isGone) {
          this.finish(waiter, () =>
            waiter.reject(new ResourceFailedError({ resourceType: this.source.resourceType, resourceId: waiter.id, status: 'DELETED', fault: { message: `${this.source.resourceType} ${waiter.id} no longer exists` } })),
          );
        }
        continue;
      }
      if (matches(options.status, this.source.statusOf(item), item)) this.finish(waiter, () => waiter.resolve(item));
      else if ((options.failOn ?? ['ERROR']).includes(this.source.statusOf(item))) this.fail(waiter, item);
    }
  }

  private fail(waiter: Waiter<T>, item: T): void {
    this.finish(waiter, () =>
      waiter.reject(new ResourceFailedError({ resourceType: this.source.resourceType, resourceId: waiter.id, status: this.source.statusOf(item), fault: waiter.options.faultOf?.(item) })),
    );
  }
}
