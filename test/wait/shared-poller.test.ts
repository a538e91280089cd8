import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResourceFailedError, WaitTimeoutError } from '../../src/errors/index.js';
import type { ListSource } from '../../src/wait/list-source.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';

interface Fake {
  id: string;
  status: string;
  updated: number;
  fault?: string;
}

/** A cloud of servers whose states the test moves, counting every request the poller makes. */
function fakeCloud(n: number) {
  const servers = new Map<string, Fake>();
  const deleted = new Map<string, Fake>();
  for (let i = 0; i < n; i++) servers.set(`s${i}`, { id: `s${i}`, status: 'BUILD', updated: Date.now() });
  const calls = { listAll: 0, listChanges: 0, getOne: 0 };
  const source: ListSource<Fake> = {
    resourceType: 'server',
    async listAll() {
      calls.listAll++;
      return [...servers.values()].map((s) => ({ ...s }));
    },
    async listChanges(since) {
      calls.listChanges++;
      return [...servers.values(), ...deleted.values()].filter((s) => s.updated >= since).map((s) => ({ ...s }));
    },
    async getOne(id) {
      calls.getOne++;
      const s = servers.get(id);
      return s ? { ...s } : undefined;
    },
    idOf: (s) => s.id,
    statusOf: (s) => s.status,
    isDeleted: (s) => s.status === 'DELETED',
  };
  const set = (id: string, status: string, fault?: string) => {
    const s = servers.get(id);
    if (!s) throw new Error(id);
    s.status = status;
    s.updated = Date.now();
    if (fault) s.fault = fault;
  };
  const remove = (id: string) => {
    const s = servers.get(id);
    if (!s) return;
    servers.delete(id);
    deleted.set(id, { ...s, status: 'DELETED', updated: Date.now() });
  };
  return { source, calls, set, remove, servers };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const opts = { intervalMs: 1000, maxIntervalMs: 4000, lingerMs: 500, graceMs: 3000, skewMs: 0, random: () => 1 };

describe('SharedPoller', () => {
  it('100 waiters on 100 servers cost exactly one list request per tick', async () => {
    const cloud = fakeCloud(100);
    const poller = new SharedPoller(cloud.source, opts);
    const results = [...cloud.servers.keys()].map((id) => poller.wait(id, { status: 'ACTIVE', timeoutMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(cloud.calls.listAll).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(poller.counters.ticks).toBeGreaterThanOrEqual(5);
    expect(cloud.calls.listAll + cloud.calls.listChanges).toBe(poller.counters.ticks);
    for (const id of cloud.servers.keys()) cloud.set(id, 'ACTIVE');
    await vi.advanceTimersByTimeAsync(4000);
    const done = await Promise.all(results);
    expect(done.every((s) => s?.status === 'ACTIVE')).toBe(true);
    expect(poller.counters.ticks).toBe(poller.counters.listRequests);
    expect(cloud.calls.getOne).toBe(0);
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

  it('backs off while nothing changes and resets when something does', async () => {
    const cloud = fakeCloud(1);
    const poller = new SharedPoller(cloud.source, { ...opts, maxIntervalMs: 8000 });
    void poller.wait('s0', { status: 'ACTIVE', timeoutMs: 120_000 });
    await vi.advanceTimersByTimeAsync(0);
    const countIn = async (ms: number) => {
      const before = poller.counters.ticks;
      await vi.advanceTimersByTimeAsync(ms);
      return poller.counters.ticks - before;
    };
    expect(await countIn(3000)).toBe(2); // 1000 + 1500
    expect(await countIn(20_000)).toBeLessThanOrEqual(6);
    cloud.set('s0', 'ACTIVE');
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
    const ticks = poller.counters.ticks;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(poller.counters.ticks).toBe(ticks);
    const again = poller.wait('s0', { status: 'ACTIVE' });
    await vi.advanceTimersByTimeAsync(0);
    await expect(again).resolves.toMatchObject({ status: 'ACTIVE' });
    expect(cloud.calls.listAll).toBe(2);
  });
});
