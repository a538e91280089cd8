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

  it('ticks start one interval apart whatever a list takes; a list slower than the interval still gets a rest', async () => {
    const quick = fakeCloud(1, { latencyMs: 300 });
    void new SharedPoller(quick.source, opts).wait('s0', { status: 'ACTIVE', timeoutMs: 5000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(4500);
    expect(quick.listTimes).toEqual([0, 1000, 2000, 3000, 4000]);
    const slow = fakeCloud(1, { latencyMs: 1500 });
    const start = Date.now();
    void new SharedPoller(slow.source, opts).wait('s0', { status: 'ACTIVE', timeoutMs: 5000 }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(4000);
    expect(slow.listTimes.map((t) => t - start)).toEqual([0, 1750, 3500]);
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

  it('a 10-minute wait with the defaults (2 s, 10 s ceiling, 30 s window) costs 74 list requests (63 without the window)', async () => {
    const run = async (fastWindowMs?: number) => {
      const cloud = fakeCloud(1);
      const poller = new SharedPoller(cloud.source, { graceMs: 60_000, ...(fastWindowMs !== undefined ? { fastWindowMs } : {}) });
      const waiting = poller.wait('s0', { status: 'ACTIVE', timeoutMs: 600_000 }).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(600_000);
      await waiting;
      return cloud.listTimes.length;
    };
    expect(await run()).toBe(74);
    expect(await run(0)).toBe(63);
  });
});
