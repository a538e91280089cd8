import { ResourceFailedError, WaitTimeoutError, type ResourceFault } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import { silentLogger } from '../internal/logger.js';
import type { ListSource } from './list-source.js';
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
 * Tick policy: fast while a change is expected, slow later. The base interval is the shortest any waiter asks
 * for; the poller keeps it (ticks start a base interval apart, whatever a list takes) for `fastWindowMs` after a
 * waiter joins — a waiter usually joins right after the action it waits on — or after {@link nudge}; then it
 * backs off ×1.5 per tick that sees no change, up to `maxIntervalMs`, and a change seen starts the backoff over.
 * A joining waiter never delays a tick already due, and gets its first look at most one base interval after the
 * previous tick. Jitter only where polls are shared across processes.
 */
export class SharedPoller<T> {
  private readonly waiters = new Set<Waiter<T>>();
  private readonly items = new Map<string, T>();
  /** Ids the last change list reported as deleted (or 404 on a direct GET). */
  private readonly gone = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private lingerTimer?: ReturnType<typeof setTimeout>;
  private loopController?: AbortController;
  private lastPollStart?: number;
  /** When this poller's last tick started (its own clock, even when the answer came from another process). */
  private lastTickStart?: number;
  /** When the scheduled tick is due. */
  private nextTickAt?: number;
  /** The fast cadence lasts at least until then (a nudge). */
  private nudgedUntil = 0;
  private haveFullList = false;
  /** Ticks without a change since the fast window closed (or since the last change): the backoff exponent. */
  private slowTicks = 0;
  private ticking = false;
  /** Ticks, list requests made, snapshots taken from another process, and direct GETs made. */
  readonly counters = { ticks: 0, listRequests: 0, sharedSnapshots: 0, directGets: 0 };

  constructor(
    private readonly source: ListSource<T>,
    private readonly options: SharedPollerOptions = {},
  ) {}

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
      this.slowTicks = 0;
      this.hurry();
    });
  }

  /**
   * Tells the poller a change is coming: the client just made an action its waiters may be waiting on (a
   * create, a floating-IP association, a reboot). The next tick comes at most one base interval after the
   * previous one (at once if that is past), and the fast cadence lasts `withinMs` from now. Still one list
   * request per tick whoever nudges; nudging a poller with no waiters does nothing.
   *
   * @example
   * await associateFloatingIp(network, ip.id, portId);
   * cloud.serverPoller().nudge({ withinMs: 10_000 });
   */
  nudge(options: NudgeOptions = {}): void {
    this.nudgedUntil = Math.max(this.nudgedUntil, Date.now() + (options.withinMs ?? this.fastWindowMs));
    this.slowTicks = 0;
    this.hurry();
  }

  private get fastWindowMs(): number {
    return this.options.fastWindowMs ?? 30_000;
  }

  /** Brings the next tick forward to at most one base interval after the previous one (never later than planned). */
  private hurry(): void {
    if (this.ticking || this.waiters.size === 0) return; // the tick in flight schedules the next one with the new rules
    const now = Date.now();
    const due = this.haveFullList && this.lastTickStart !== undefined ? Math.max(now, this.lastTickStart + this.baseInterval()) : now;
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
      this.items.clear();
      this.gone.clear();
      this.haveFullList = false;
      this.lastPollStart = undefined;
      this.lastTickStart = undefined;
      this.nextTickAt = undefined;
    }, this.options.lingerMs ?? 1000);
  }

  /** The shortest interval any waiter asks for (the poller's own by default). */
  private baseInterval(): number {
    let base = this.options.intervalMs ?? 2000;
    for (const w of this.waiters) if (w.options.intervalMs !== undefined) base = Math.min(base, w.options.intervalMs);
    return base;
  }

  /** True while a waiter's window (or a nudge) says a change is expected soon. */
  private inFastWindow(now: number): boolean {
    if (now < this.nudgedUntil) return true;
    for (const w of this.waiters) if (now < w.started + (w.options.expectChangeWithinMs ?? this.fastWindowMs)) return true;
    return false;
  }

  /** The interval from this tick's start to the next: base in the fast window, backed off after it. */
  private currentInterval(now: number): number {
    const base = this.baseInterval();
    const max = Math.max(base, this.options.maxIntervalMs ?? 10_000);
    const interval = Math.round(this.inFastWindow(now) ? base : Math.min(max, base * 1.5 ** this.slowTicks));
    if (!(this.options.jitter ?? this.source.sharedFrom !== undefined)) return interval;
    // Up to 10% shorter, so pollers of several processes drift apart.
    const random = this.options.random ?? Math.random;
    return Math.round(interval * (0.9 + 0.1 * random()));
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
      const full = wantsFull || !this.haveFullList || !this.source.listChanges || this.lastPollStart === undefined;
      const answer = full
        ? await this.source.listAll(signal)
        : await (this.source.listChanges as NonNullable<ListSource<T>['listChanges']>)((this.lastPollStart as number) - (this.options.skewMs ?? 2000), signal);
      // A source that shares polls across processes may have answered from another process's list.
      const sharedFrom = this.source.sharedFrom?.();
      if (sharedFrom === undefined) this.counters.listRequests++;
      else this.counters.sharedSnapshots++;
      changed = full ? this.applyFullList(answer) : this.applyChanges(answer);
      const observedAt = sharedFrom ?? started;
      this.lastPollStart = observedAt;
      await this.evaluate(signal, observedAt);
    } catch (error) {
      if (!signal.aborted) this.logger.warn(`polling ${this.source.resourceType}s failed; retrying next tick`, { error: (error as Error).message });
    } finally {
      this.ticking = false;
      const now = Date.now();
      if (changed) this.slowTicks = 0;
      else if (!this.inFastWindow(now)) this.slowTicks++;
      if (this.waiters.size > 0) {
        // Ticks start an interval apart whatever the list took; a list slower than that still leaves the cloud a rest.
        const interval = this.currentInterval(now);
        this.schedule(Math.max(interval - (now - started), interval / 4));
      }
    }
  }

  /** Takes a whole list as the truth (ids it lacks are gone); true when a status changed. */
  private applyFullList(all: T[]): boolean {
    let changed = false;
    const fresh = new Map<string, T>();
    for (const item of all) {
      const id = this.source.idOf(item);
      // A full list can still carry a record the API already calls deleted (nova: DELETED just before it drops out).
      if (this.source.isDeleted?.(item)) this.gone.add(id);
      else fresh.set(id, item);
    }
    for (const id of this.items.keys()) if (!fresh.has(id)) this.gone.add(id);
    for (const [id, item] of fresh) {
      const before = this.items.get(id);
      if (!before || this.source.statusOf(before) !== this.source.statusOf(item)) changed = true;
      this.items.set(id, item);
      this.gone.delete(id);
    }
    for (const id of [...this.items.keys()]) if (!fresh.has(id)) this.items.delete(id);
    this.haveFullList = true;
    return changed;
  }

  /** Folds a change list in (deleted entries mark their ids gone); true when anything changed. */
  private applyChanges(changes: T[]): boolean {
    let changed = false;
    for (const item of changes) {
      const id = this.source.idOf(item);
      if (this.source.isDeleted?.(item)) {
        if (this.items.delete(id)) changed = true;
        this.gone.add(id);
        continue;
      }
      const before = this.items.get(id);
      if (!before || this.source.statusOf(before) !== this.source.statusOf(item) || JSON.stringify(before) !== JSON.stringify(item)) changed = true;
      this.items.set(id, item);
      this.gone.delete(id);
    }
    return changed;
  }

  /** Checks every waiter against the items; `observedAt` is when the list they came from was asked for. */
  private async evaluate(signal: AbortSignal, observedAt: number): Promise<void> {
    const now = Date.now();
    for (const waiter of [...this.waiters]) {
      const { options } = waiter;
      if (options.notBefore !== undefined && observedAt < options.notBefore) continue;
      waiter.polls++;
      let item = this.items.get(waiter.id);
      let isGone = this.gone.has(waiter.id);
      if (!item && !isGone && !waiter.checkedDirectly && now - waiter.started >= (this.options.graceMs ?? 5000)) {
        // Missing from the list after the grace period: ask for it once by id before believing it is gone.
        waiter.checkedDirectly = true;
        this.counters.directGets++;
        try {
          item = await this.source.getOne(waiter.id, signal);
        } catch (error) {
          this.logger.debug('direct GET failed', { id: waiter.id, error: (error as Error).message });
        }
        if (item) this.items.set(waiter.id, item);
        else {
          this.gone.add(waiter.id);
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
