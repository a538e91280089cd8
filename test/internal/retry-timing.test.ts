import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelayForStatus } from '../../src/internal/retry-timing.js';

describe('retry timing', () => {
  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    ['', undefined],
    ['soon', undefined],
  ])('Retry-After %j → %j ms', (value, ms) => {
    expect(parseRetryAfter(value)).toBe(ms);
  });

  it('reads an HTTP-date Retry-After relative to now', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('uses the server’s Retry-After exactly (no jitter) on 429/503/413, even for POST', () => {
    expect(retryDelayForStatus(429, '3', 1, false)).toBe(3000);
    expect(retryDelayForStatus(503, '1', 4, false)).toBe(1000);
    expect(retryDelayForStatus(413, '7', 1, true)).toBe(7000);
  });

  it('never retries a POST on its own initiative', () => {
    expect(retryDelayForStatus(500, null, 1, false)).toBeUndefined();
    expect(retryDelayForStatus(503, null, 1, false)).toBeUndefined();
    expect(retryDelayForStatus(429, null, 1, false)).toBeUndefined();
  });

  it('retries idempotent requests on 5xx with backoff, not on 4xx, and 413 only with Retry-After', () => {
    const fixed = { baseMs: 100, maxMs: 1000, random: () => 0.5 };
    expect(retryDelayForStatus(502, null, 1, true, fixed)).toBe(75);
    expect(retryDelayForStatus(404, null, 1, true, fixed)).toBeUndefined();
    expect(retryDelayForStatus(409, null, 1, true, fixed)).toBeUndefined();
    expect(retryDelayForStatus(413, null, 1, true, fixed)).toBeUndefined();
  });

  it('takes the delay from a legacy overLimit body when there is no header', () => {
    expect(retryDelayForStatus(413, null, 1, false, undefined, 59)).toBe(59_000);
  });

  it('backs off exponentially within [ceiling/2, ceiling] and caps at maxMs', () => {
    const opts = (r: number) => ({ baseMs: 100, maxMs: 800, random: () => r });
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, opts(0)))).toEqual([50, 100, 200, 400, 400]);
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, opts(0.999999)))).toEqual([100, 200, 400, 800, 800]);
  });
});
