/**
 * Abort helpers for work that several callers share. The rule: shared work runs detached from every caller (no
 * caller's signal reaches it), and each caller races its own signal against the shared promise — an aborted
 * caller leaves with its own reason, the others keep waiting, and the work finishes (and is cached) anyway.
 */

/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts — whichever comes first.
 * The promise itself is left running; only this caller stops waiting for it.
 *
 * @example
 * const token = await raceSignal(sharedLogin, options.signal);
 */
export function raceSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Nobody else may be listening to `promise`: keep its eventual rejection from going unhandled.
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as unknown);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Single-flight by key: concurrent `run`s with the same key share one execution of `work`, which is started
 * without any caller's signal; each caller waits with its own `signal` (see {@link raceSignal}). The key is free
 * again once the work settles, so the next call after that starts afresh.
 *
 * @example
 * const flights = new SingleFlight<string, Flavor[]>();
 * const flavors = await flights.run('flavors', () => fetchFlavors(), { signal });
 */
export class SingleFlight<K, T> {
  private readonly flights = new Map<K, Promise<T>>();

  /** Joins the flight for `key`, or starts it with `work`. A caller whose signal is already aborted starts nothing. */
  run(key: K, work: () => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(signal.reason as unknown);
    let flight = this.flights.get(key);
    if (!flight) {
      const started = Promise.resolve().then(work);
      flight = started.finally(() => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      });
      // Every caller may have left before it settles: its rejection is theirs to see, not the process's.
      flight.catch(() => undefined);
      this.flights.set(key, flight);
    }
    return raceSignal(flight, signal);
  }

  /** Number of flights under way. */
  get size(): number {
    return this.flights.size;
  }
}

/**
 * An abort signal that fires after `ms` (with a `TimeoutError` reason), built on `setTimeout` so fake timers
 * drive it, plus `clear()` to cancel it once the work is done. `ms` undefined or ≤ 0 gives no timer.
 *
 * @example
 * const timer = timeoutSignal(30_000);
 * try { await fetch(url, { signal: timer.signal }); } finally { timer.clear(); }
 */
export function timeoutSignal(ms: number | undefined, message = `timed out after ${ms} ms`): { signal?: AbortSignal; clear: () => void } {
  if (ms === undefined || !(ms > 0) || !Number.isFinite(ms)) return { clear: () => undefined };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(message, 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * One signal that aborts when any of the given ones does (`undefined`s are skipped); `undefined` when none is
 * given, so callers can pass it on unchanged.
 *
 * @example
 * const signal = anySignal(options.signal, timer.signal);
 */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
