import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResourceFailedError, WaitTimeoutError } from '../../src/errors/index.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';
import { fakeCloud } from './fake-list-cloud.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const opts = { intervalMs: 1000, maxIntervalMs: 4000, lingerMs: 500, graceMs: 3000, skewMs: 0, random: () => 1 };

describe('SharedPoller', () => {
  it('100 waiters on 100 servers cost exactly one list request per tick', async () => {
    // The same 14 s with one waiter gives the number of ticks; 100 waiters must make exactly as many requests.
    const run = async (waiters: number) => {
      const cloud = fakeCloud(100);
      const poller = new SharedPoller(cloud.source, opts);
      const ids = [...cloud.servers.keys()].slice(0, waiters);
      const results = ids.map((id) => poller.wait(id, { status: 'ACTIVE', timeoutMs: 60_000 }));
      await vi.advanceTimersByTimeAsync(0);
      const first = cloud.calls.listAll;
      await vi.advanceTimersByTimeAsync(10_000);
      for (const id of cloud.servers.keys()) cloud.set(id, 'ACTIVE');
      await vi.advanceTimersByTimeAsync(4000);
      const done = await Promise.all(results);
      return { first, done, calls: { ...cloud.calls }, times: [...cloud.listTimes] };
    };
    const one = await run(1);
    const hundred = await run(100);
    expect(hundred.first).toBe(1);
    expect(hundred.done.every((s) => s?.status === 'ACTIVE')).toBe(true);
    expect(hundred.done).toHaveLength(100);
    // Every request at its own moment (no tick made two), as many as one waiter needs, and a handful in all.
    expect(new Set(hundred.times).size).toBe(hundred.times.length);
    expect(hundred.times.length).toBe(one.times.length);
    expect(hundred.times.length).toBeGreaterThanOrEqual(5);
    expect(hundred.times.length).toBeLessThanOrEqual(15);
    expect(hundred.calls.getOne).toBe(0);
  });

  it('after the first full list, ticks ask only for changes', async () => {
    const cloud = fakeCloud(3);
    const poller = new SharedPoller(cloud.source, opts);
    const p = poller.wait('s1', { status: 'ACTIVE', timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    cloud.set('s1', 'ACTIVE');
    await vi.advanceTimersByTimeAsync(1500);
    await expect(p).resolves.toMatchObject({ id: 's1', status: 'ACTIVE' });
    expect(cloud.calls.listAll).toBe(1);
    expect(cloud.calls.listChanges).toBeGreaterThanOrEqual(1);
  });

  it('aborting one waiter leaves the others and the shared loop running', async () => {
    const cloud = fakeCloud(2);
    const poller = new SharedPoller(cloud.source, opts);
    const controller = new AbortController();
    const aborted = poller.wait('s0', { status: 'ACTIVE', signal: controller.signal });
    const other = poller.wait('s1', { status: 'ACTIVE', timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort(new Error('user cancelled'));
    await expect(aborted).rejects.toThrow('user cancelled');
    const before = cloud.calls.listChanges + cloud.calls.listAll;
    await vi.advanceTimersByTimeAsync(2000);
    expect(cloud.calls.listChanges + cloud.calls.listAll).toBeGreaterThan(before);
    cloud.set('s1', 'ACTIVE');
    await vi.advanceTimersByTimeAsync(2000);
    await expect(other).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('a timeout says the last status, the polls made and what was seen', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, opts);
    const p = poller.wait('s0', { status: 'ACTIVE', timeoutMs: 5000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    cloud.set('s0', 'REBUILD');
    await vi.advanceTimersByTimeAsync(4500);
    const error = (await p) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastStatus).toBe('REBUILD');
    expect(error.seen).toEqual(['BUILD', 'REBUILD']);
    expect(error.polls).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/last status REBUILD after \d+ polls; saw BUILD → REBUILD/);
  });

  it('a failure state rejects with ResourceFailedError carrying the fault', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, opts);
    const p = poller.wait('s0', { status: 'ACTIVE', faultOf: (s) => (s.fault ? { message: s.fault } : undefined) }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    cloud.set('s0', 'ERROR', 'No valid host was found.');
    await vi.advanceTimersByTimeAsync(1500);
    const error = (await p) as ResourceFailedError;
    expect(error).toBeInstanceOf(ResourceFailedError);
    expect(error.fault?.message).toBe('No valid host was found.');
  });

  it('waiting for deletion resolves when the change list reports DELETED', async () => {
    const cloud = fakeCloud(2);
    const poller = new SharedPoller(cloud.source, opts);
    const p = poller.wait('s0', { gone: true, timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(1000);
    cloud.remove('s0');
    await vi.advanceTimersByTimeAsync(1500);
    await expect(p).resolves.toBeUndefined();
  });

  it('a full list that still carries a DELETED record counts it as gone (nova shows DELETED a moment before dropping it)', async () => {
    const cloud = fakeCloud(1);
    const source = { ...cloud.source, listChanges: undefined };
    const poller = new SharedPoller(source, opts);
    const p = poller.wait('s0', { gone: true, timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(1000);
    cloud.set('s0', 'DELETED');
    await vi.advanceTimersByTimeAsync(1500);
    await expect(p).resolves.toBeUndefined();
  });

  it('a resource missing from the list gets one direct GET after the grace period', async () => {
    const cloud = fakeCloud(0);
    const poller = new SharedPoller(cloud.source, opts);
    const p = poller.wait('ghost', { status: 'ACTIVE', timeoutMs: 20_000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2500);
    expect(cloud.calls.getOne).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(cloud.calls.getOne).toBe(1);
    expect(await p).toBeInstanceOf(ResourceFailedError);
  });

  it('backs off while nothing changes; only a change of what a waiter waits on starts it over', async () => {
    const cloud = fakeCloud(2);
    const poller = new SharedPoller(cloud.source, { ...opts, maxIntervalMs: 8000, fastWindowMs: 0 });
    const p = poller.wait('s0', { status: 'ACTIVE', timeoutMs: 120_000 });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(40_000);
    // random() = 1: no jitter, so the gaps are exactly 1000 × 1.5ⁿ up to the ceiling.
    expect(cloud.gaps()).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 8000, 8000]);
    // Another server (nobody waits on it) moves: the backoff goes on.
    let before = cloud.listTimes.length;
    cloud.set('s1', 'ACTIVE');
    await vi.advanceTimersByTimeAsync(16_000);
    expect(cloud.gaps().slice(before - 1)).toEqual([8000, 8000]);
    // The watched server moves to a status that does not end its wait: the tick that sees it starts the backoff over.
    before = cloud.listTimes.length;
    cloud.set('s0', 'REBUILD');
    await vi.advanceTimersByTimeAsync(10_500);
    expect(cloud.gaps().slice(before - 1)).toEqual([8000, 1000, 1500, 2250]);
    cloud.set('s0', 'ACTIVE');
    await vi.advanceTimersByTimeAsync(3375);
    await expect(p).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('for a waiter whose condition is a function, a change of any field of its item starts the backoff over', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, { ...opts, maxIntervalMs: 8000, fastWindowMs: 0 });
    const p = poller.wait('s0', { status: (s) => s.fault === 'done', timeoutMs: 120_000 });
    await vi.advanceTimersByTimeAsync(20_000);
    const at = () => cloud.listTimes.map((t) => t - (cloud.listTimes[0] as number));
    expect(at()).toEqual([0, 1000, 2500, 4750, 8125, 13188]);
    // Same status, another field (an address showing, in real life): seen at 20782, then 1 s, 1.5 s…
    cloud.set('s0', 'BUILD', 'half');
    await vi.advanceTimersByTimeAsync(4000);
    expect(at().slice(6)).toEqual([20782, 21782, 23282]);
    cloud.set('s0', 'BUILD', 'done');
    await vi.advanceTimersByTimeAsync(2250);
    await expect(p).resolves.toMatchObject({ fault: 'done' });
  });

  it('stops polling after the last waiter leaves (after the linger) and restarts from a full list', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, opts);
    const p = poller.wait('s0', { status: 'ACTIVE' });
    await vi.advanceTimersByTimeAsync(1000);
    cloud.set('s0', 'ACTIVE');
    await vi.advanceTimersByTimeAsync(1500);
    await p;
    await vi.advanceTimersByTimeAsync(600);
    const requests = cloud.listTimes.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(cloud.listTimes.length).toBe(requests);
    const again = poller.wait('s0', { status: 'ACTIVE' });
    await vi.advanceTimersByTimeAsync(0);
    await expect(again).resolves.toMatchObject({ status: 'ACTIVE' });
    expect(cloud.calls.listAll).toBe(2);
  });
});
