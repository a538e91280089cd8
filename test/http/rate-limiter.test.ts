import { describe, expect, it } from 'vitest';
import { RateLimitBucket, RateLimiter } from '../../src/http/rate-limiter.js';

describe('rate limits', () => {
  it('a configured requests-per-second limit spreads a burst over time', async () => {
    const bucket = new RateLimitBucket(20);
    const started = Date.now();
    await Promise.all(Array.from({ length: 30 }, () => bucket.acquire()));
    // 30 requests at 20/s: the last ones wait about half a second (2 per 100 ms window).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a Retry-After pause holds every caller of the bucket, and an abort releases a waiter', async () => {
    const bucket = new RateLimitBucket();
    bucket.pause(300);
    expect(bucket.pausedForMs).toBeGreaterThan(0);
    const started = Date.now();
    await bucket.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    bucket.pause(10_000);
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });

  it('keeps separate read and write buckets per region and service, with per-service limits', () => {
    const limiter = new RateLimiter((type) => (type === 'compute' ? 5 : undefined));
    expect(limiter.bucket('r1', 'compute', false)).toBe(limiter.bucket('r1', 'compute', false));
    expect(limiter.bucket('r1', 'compute', false)).not.toBe(limiter.bucket('r1', 'compute', true));
    expect(limiter.bucket('r1', 'compute', false)).not.toBe(limiter.bucket('r2', 'compute', false));
    limiter.bucket('r1', 'network', true).pause(1000);
    expect(limiter.bucket('r1', 'network', false).pausedForMs).toBe(0);
  });
});
