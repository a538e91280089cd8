/**
 * When a {@link SharedPoller}'s next tick comes: fast while a change is expected, slow later, and never faster
 * than the cloud answers. Pure bookkeeping on the poller's clock (no timers, no requests), so the schedule can be
 * reasoned about and tested on its own.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for the {@link} above
import type { SharedPoller } from './shared-poller.js';

/** What the policy reads of one waiter. */
export interface TickWaiter {
  /** When it joined, ms since the epoch. */
  readonly started: number;
  /** The longest it is willing to wait between polls, ms. */
  readonly intervalMs?: number | undefined;
  /** How long after joining it expects a change, ms (default the poller's `fastWindowMs`). */
  readonly expectChangeWithinMs?: number | undefined;
}

/** Tuning of a {@link TickPolicy}; the same names as the poller's options. */
export interface TickPolicyOptions {
  intervalMs?: number;
  maxIntervalMs?: number;
  fastWindowMs?: number;
  /** Rest after a tick, as a multiple of what the tick took (2: the cloud is asked at most a third of the time). */
  restFactor?: number;
  jitter?: boolean;
  random?: () => number;
}

/**
 * The tick schedule of one poller.
 *
 * - Fast window: the base interval (the shortest any waiter asks for) for `fastWindowMs` after a waiter joins
 *   (or its own `expectChangeWithinMs`), or after a nudge; outside it, ×1.5 per quiet tick up to `maxIntervalMs`.
 * - Rest: after a tick that took `t` ms, the next starts no sooner than `restFactor × t` (default 2; at most
 *   `maxIntervalMs`) after it ended, and a join or nudge cannot bring it forward past that. On a cloud that answers a list in 50 ms this
 *   never shows (ticks start one interval apart, start to start); on one where a list of ten servers takes 1–4 s
 *   because nova asks neutron for every server's ports (and queues behind the boots it is serving), it keeps the
 *   poll to at most a third of the cloud's time instead of listing back to back.
 * - Backoff reset: only by a change of something a waiter waits on (its status; any field for a waiter whose
 *   condition is a function), not by any change of an unrelated item.
 */
export class TickPolicy {
  /** The fast cadence lasts at least until then (a nudge). */
  private nudgedUntil = 0;
  /** Quiet ticks since the fast window closed (or since the last change): the backoff exponent. */
  private slowTicks = 0;
  /** No tick may start before then: the rest after the previous one. */
  private restUntil = 0;

  constructor(
    private readonly options: TickPolicyOptions,
    /** True when the poll is shared across processes (jitter on by default). */
    private readonly shared: () => boolean,
  ) {}

  get fastWindowMs(): number {
    return this.options.fastWindowMs ?? 30_000;
  }

  /** A waiter joined: start the backoff over (its first look should not wait a backed-off period). */
  joined(): void {
    this.slowTicks = 0;
  }

  /** A nudge: fast cadence for `withinMs` from `now`. */
  nudge(now: number, withinMs = this.fastWindowMs): void {
    this.nudgedUntil = Math.max(this.nudgedUntil, now + withinMs);
    this.slowTicks = 0;
  }

  /** Forgets the rest and the nudge (the poller stopped). */
  reset(): void {
    this.nudgedUntil = 0;
    this.slowTicks = 0;
    this.restUntil = 0;
  }

  /** The shortest interval any waiter asks for (the poller's own by default). */
  baseInterval(waiters: Iterable<TickWaiter>): number {
    let base = this.options.intervalMs ?? 2000;
    for (const w of waiters) if (w.intervalMs !== undefined) base = Math.min(base, w.intervalMs);
    return base;
  }

  /** True while a waiter's window (or a nudge) says a change is expected soon. */
  inFastWindow(now: number, waiters: Iterable<TickWaiter>): boolean {
    if (now < this.nudgedUntil) return true;
    for (const w of waiters) if (now < w.started + (w.expectChangeWithinMs ?? this.fastWindowMs)) return true;
    return false;
  }

  /**
   * When a tick wanted now (a join, a nudge) may start: one base interval after the previous tick's start, and
   * not before the rest after it is over; `now` when both are past (or there was no previous tick).
   */
  earliest(now: number, lastTickStart: number | undefined, waiters: Iterable<TickWaiter>): number {
    const cadence = lastTickStart === undefined ? now : lastTickStart + this.baseInterval(waiters);
    return Math.max(now, cadence, this.restUntil);
  }

  /**
   * After a tick that started at `started` and ended at `now`: the delay until the next one. `changed`: the
   * tick saw a change of something a waiter waits on.
   */
  afterTick(started: number, now: number, changed: boolean, waiters: Iterable<TickWaiter>): number {
    if (changed) this.slowTicks = 0;
    else if (!this.inFastWindow(now, waiters)) this.slowTicks++;
    const took = Math.max(0, now - started);
    // Capped at the backoff ceiling: a list that failed after a long timeout must not leave waiters blind for minutes.
    const rest = Math.min((this.options.restFactor ?? 2) * took, this.maxInterval(waiters));
    this.restUntil = now + rest;
    // Ticks start an interval apart (start to start) while the list is quick; a slow list buys the cloud a rest.
    return Math.max(this.interval(now, waiters) - took, rest);
  }

  /** The backoff ceiling (never below the base interval). */
  private maxInterval(waiters: Iterable<TickWaiter>): number {
    return Math.max(this.baseInterval(waiters), this.options.maxIntervalMs ?? 10_000);
  }

  /** The interval from one tick's start to the next: base in the fast window, backed off after it; jittered when shared. */
  private interval(now: number, waiters: Iterable<TickWaiter>): number {
    const base = this.baseInterval(waiters);
    const max = this.maxInterval(waiters);
    const interval = Math.round(this.inFastWindow(now, waiters) ? base : Math.min(max, base * 1.5 ** this.slowTicks));
    if (!(this.options.jitter ?? this.shared())) return interval;
    // Up to 10% shorter, so pollers of several processes drift apart.
    const random = this.options.random ?? Math.random;
    return Math.round(interval * (0.9 + 0.1 * random()));
  }
}
