import pThrottle from 'p-throttle';
import { sleep } from '../internal/sleep.js';

/**
 * One bucket of a cloud's rate limits (per cloud, region, service and read/write). Requests wait for a slot
 * (p-throttle when a requests-per-second limit is configured) and for any pause a 429/503 `Retry-After` imposed
 * on the bucket, so one rate-limited answer slows every caller of that service instead of each finding out.
 */
export class RateLimitBucket {
  private pausedUntil = 0;
  private readonly slot?: () => Promise<void>;

  constructor(requestsPerSecond?: number) {
    if (requestsPerSecond && requestsPerSecond > 0) {
      // Spread the allowance over 100 ms windows so a burst cannot spend a whole second's budget at once.
      const perWindow = Math.max(1, Math.round(requestsPerSecond / 10));
      const interval = Math.round((perWindow / requestsPerSecond) * 1000);
      this.slot = pThrottle({ limit: perWindow, interval })(async () => {});
    }
  }

  /** Resolves when a request may be sent. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - Date.now();
      if (wait <= 0) break;
      await sleep(wait, signal);
    }
    if (this.slot) await this.slot();
  }

  /** Holds every request of this bucket back for `ms` (the server's `Retry-After`). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** Milliseconds until the bucket accepts requests again (0 when open). */
  get pausedForMs(): number {
    return Math.max(0, this.pausedUntil - Date.now());
  }
}

/** The buckets of one cloud: separate read and write buckets per (region, service), created on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, RateLimitBucket>();

  constructor(private readonly limitFor: (serviceType: string) => number | undefined = () => undefined) {}

  /** The bucket for a service in a region; `write` separates mutating requests from reads. */
  bucket(region: string | undefined, serviceType: string, write: boolean): RateLimitBucket {
    const key = `${region ?? ''}|${serviceType}|${write ? 'w' : 'r'}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new RateLimitBucket(this.limitFor(serviceType));
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
