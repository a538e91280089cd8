/**
 * The shared poller's tick policy on a fake clock: fast ticks while a change is expected (a waiter just joined, a
 * nudge), backing off after, ticks an interval apart from start to start, no jitter in one process, and what a
 * 10-minute wait costs. Every time is a request the fake cloud saw.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListSource } from '../../src/wait/list-source.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';
import { fakeCloud, type Fake } from './fake-list-cloud.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const opts = { intervalMs: 1000, maxIntervalMs: 8000, lingerMs: 500, graceMs: 60_000, skewMs: 0 };
const backoff = [1500, 2250, 3375, 5063, 7594, 8000];

describe('SharedPoller tick policy', () => {
  it('ticks at the base interval for the fast window after a waiter joins, then backs off ×1.5 to the ceiling', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, { ...opts, fastWindowMs: 10_000 });
    void poller.wait('s0', { status: 'ACTIVE', timeoutMs: 60_000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(cloud.gaps()).toEqual([...Array(10).fill(1000), ...backoff]);
  });

  it("a waiter's expectChangeWithinMs opens its own fast window; the next tick comes one base interval after the previous", async () => {
    const cloud = fakeCloud(2);
    const poller = new SharedPoller(cloud.source, opts);
    void poller.wait('s0', { status: 'ACTIVE', timeoutMs: 60_000, expectChangeWithinMs: 0 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(9000);
    // No window: backing off from the first tick (the first list is a change: it is all new).
    expect(cloud.listTimes).toEqual([0, 1000, 2500, 4750, 8125]);
    void poller.wait('s1', { status: 'ACTIVE', timeoutMs: 60_000, expectChangeWithinMs: 3000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(7000);
    // Joined at 9000: a look at 9125 (1000 after the previous tick), base ticks until 12000, then backing off.
    expect(cloud.listTimes.filter((t) => t > 9000)).toEqual([9125, 10125, 11125, 12125, 13625, 15875]);
  });

  it('nudge() brings the next tick forward at once and keeps the fast cadence for withinMs', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, { ...opts, fastWindowMs: 0 });
    void poller.wait('s0', { status: 'ACTIVE', timeoutMs: 120_000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(cloud.listTimes).toEqual([0, 1000, 2500, 4750, 8125, 13188, 20782, 28782]);
    poller.nudge({ withinMs: 2500 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(cloud.listTimes.filter((t) => t >= 30_000)).toEqual([30_000, 31_000, 32_000, 33_000, 34_500]);
  });

  it('nudging a poller nobody waits on asks nothing', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, opts);
    poller.nudge();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(cloud.listTimes).toEqual([]);
  });

  it('waiters joining faster than the interval never hold the ticks back', async () => {
    const cloud = fakeCloud(12);
    const poller = new SharedPoller(cloud.source, opts);
    for (let i = 0; i < 10; i++) {
      void poller.wait(`s${i}`, { status: 'ACTIVE', timeoutMs: 60_000 }).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(500);
    }
    // (Rescheduling on every join would push the tick back each time: no tick after the first.)
    expect(cloud.listTimes).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('ticks start one interval apart while lists are quick; a slow list buys the cloud twice its time of rest', async () => {
    const quick = fakeCloud(1, { latencyMs: 300 });
    void new SharedPoller(quick.source, opts).wait('s0', { status: 'ACTIVE', timeoutMs: 5000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(4500);
    // 300 ms lists: 700 ms to the next start (more than 2 × 300), so start to start is the 1 s interval.
    expect(quick.listTimes).toEqual([0, 1000, 2000, 3000, 4000]);
    const medium = fakeCloud(1, { latencyMs: 600 });
    let start = Date.now();
    void new SharedPoller(medium.source, opts).wait('s0', { status: 'ACTIVE', timeoutMs: 5000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(5000);
    // 600 ms lists: 1200 ms of rest after each, so 1.8 s start to start (it was 1 s: the cloud listed 60% of the time).
    expect(medium.listTimes.map((t) => t - start)).toEqual([0, 1800, 3600]);
    const slow = fakeCloud(1, { latencyMs: 1500 });
    start = Date.now();
    void new SharedPoller(slow.source, opts).wait('s0', { status: 'ACTIVE', timeoutMs: 10_000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    // 1.5 s lists: 3 s of rest (it was a quarter interval, 250 ms: lists back to back).
    expect(slow.listTimes.map((t) => t - start)).toEqual([0, 4500, 9000]);
  });

  it('the rest is capped at the backoff ceiling: a list that took 20 s (a timeout) is followed by one 8 s later, not 40', async () => {
    const cloud = fakeCloud(1, { latencyMs: 20_000 });
    void new SharedPoller(cloud.source, opts).wait('s0', { status: 'ACTIVE', timeoutMs: 60_000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(cloud.listTimes.map((t) => t - (cloud.listTimes[0] as number))).toEqual([0, 28_000]);
  });

  it('neither a joining waiter nor a nudge cuts the rest after a slow list short', async () => {
    const cloud = fakeCloud(3, { latencyMs: 1500 });
    const poller = new SharedPoller(cloud.source, opts);
    void poller.wait('s0', { status: 'ACTIVE', timeoutMs: 20_000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(2000);
    // The first list ended at 1500; its rest lasts until 4500. A join and a nudge at 2000 would have ticked at once.
    void poller.wait('s1', { status: 'ACTIVE', timeoutMs: 20_000 }).catch(() => undefined);
    poller.nudge();
    await vi.advanceTimersByTimeAsync(7000);
    expect(cloud.listTimes).toEqual([0, 4500, 9000]);
  });

  it('a change seen ends the wait on the first tick after it: at most one base interval late in the fast window', async () => {
    const cloud = fakeCloud(100);
    const poller = new SharedPoller(cloud.source, opts);
    const waits = [...cloud.servers.keys()].map((id) => poller.wait(id, { status: 'SHUTOFF', timeoutMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(5050);
    for (const id of cloud.servers.keys()) cloud.set(id, 'SHUTOFF');
    let doneAt = 0;
    void Promise.all(waits).then(() => (doneAt = Date.now()));
    await vi.advanceTimersByTimeAsync(2000);
    expect(doneAt).toBe(6000);
    // One request per tick for the 100 waiters.
    expect(cloud.listTimes).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000]);
  });

  it('jitter only where polls are shared across processes', async () => {
    const alone = fakeCloud(1);
    void new SharedPoller(alone.source, { ...opts, random: () => 0 }).wait('s0', { status: 'ACTIVE', timeoutMs: 3500 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(3500);
    expect(alone.gaps()).toEqual([1000, 1000, 1000]);
    const shared = fakeCloud(1);
    const source: ListSource<Fake> = { ...shared.source, sharedFrom: () => undefined };
    void new SharedPoller(source, { ...opts, random: () => 0 }).wait('s0', { status: 'ACTIVE', timeoutMs: 3500 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(3500);
    expect(shared.gaps()).toEqual([900, 900, 900]);
  });

  it('a 10-minute wait with the defaults (2 s, 10 s ceiling, 30 s window) costs 74 list requests (63 without the window); with lists of 1.5 s, 66', async () => {
    const run = async (fastWindowMs?: number, latencyMs = 0) => {
      const cloud = fakeCloud(1, { latencyMs });
      const poller = new SharedPoller(cloud.source, { graceMs: 60_000, ...(fastWindowMs !== undefined ? { fastWindowMs } : {}) });
      const waiting = poller.wait('s0', { status: 'ACTIVE', timeoutMs: 600_000 }).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(600_000);
      await waiting;
      return cloud.listTimes.length;
    };
    expect(await run()).toBe(74);
    expect(await run(0)).toBe(63);
    expect(await run(undefined, 1500)).toBe(66);
  });

  it("with openCloud's 1 s / 5 s: 146 list requests for 10 minutes of quick lists, 121 when each list takes 1.5 s (a loaded mini OpenStack) — 7 of them in the first 30 s instead of 17", async () => {
    const run = async (latencyMs: number) => {
      const cloud = fakeCloud(1, { latencyMs });
      const poller = new SharedPoller(cloud.source, { intervalMs: 1000, maxIntervalMs: 5000, graceMs: 60_000 });
      const waiting = poller.wait('s0', { status: 'ACTIVE', timeoutMs: 600_000 }).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(600_000);
      await waiting;
      return { lists: cloud.listTimes.length, inFirst30s: cloud.listTimes.filter((t) => t < (cloud.listTimes[0] as number) + 30_000).length };
    };
    expect(await run(0)).toEqual({ lists: 146, inFirst30s: 30 });
    expect(await run(1500)).toEqual({ lists: 121, inFirst30s: 7 });
  });
});
