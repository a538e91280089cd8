import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListSource } from '../../src/wait/list-source.js';
import type { PollCoordinator, PollSnapshot } from '../../src/wait/poll-coordinator.js';
import { coordinatedListSource } from '../../src/wait/coordinated-list-source.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';

interface Fake {
  id: string;
  status: string;
  updated: number;
}

/** What Redis does for the pollers (SET NX PX lease, snapshot with TTL), on the fake clock. */
function memoryCoordinator(): PollCoordinator {
  const lease = new Map<string, number>();
  const snapshots = new Map<string, { value: PollSnapshot; until: number }>();
  return {
    async tryLead(key, ttlMs) {
      if ((lease.get(key) ?? 0) > Date.now()) return false;
      lease.set(key, Date.now() + ttlMs);
      return true;
    },
    async publish(key, snapshot, ttlMs) {
      snapshots.set(key, { value: structuredClone(snapshot), until: Date.now() + ttlMs });
    },
    async read(key) {
      const entry = snapshots.get(key);
      return entry && entry.until > Date.now() ? structuredClone(entry.value) : undefined;
    },
    async close() {},
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('two pollers sharing a coordinator (two processes on one Redis)', () => {
  it('stay at one list request per tick between them after backing off to a long interval', async () => {
    const server: Fake = { id: 's0', status: 'BUILD', updated: Date.now() };
    const lists: number[] = [];
    const source: ListSource<Fake> = {
      resourceType: 'server',
      async listAll() {
        lists.push(Date.now());
        return [{ ...server }];
      },
      async listChanges(since) {
        lists.push(Date.now());
        return server.updated >= since ? [{ ...server }] : [];
      },
      async getOne() {
        return { ...server };
      },
      idOf: (s) => s.id,
      statusOf: (s) => s.status,
    };
    const coordinator = memoryCoordinator();
    // openCloud's defaults: 1 s, backing off to 5 s while nothing changes.
    const options = { intervalMs: 1000, maxIntervalMs: 5000, skewMs: 0 };
    // Each process wraps its own list source around the one coordinator.
    const shared = () => coordinatedListSource(source, { coordinator, key: 'k', intervalMs: 1000, maxIntervalMs: 5000 });
    const a = new SharedPoller(shared(), { ...options, random: () => 0.5 });
    const b = new SharedPoller(shared(), { ...options, random: () => 0.2 });
    const waitA = a.wait('s0', { status: 'ACTIVE' });
    await vi.advanceTimersByTimeAsync(400);
    const waitB = b.wait('s0', { status: 'ACTIVE' });
    await vi.advanceTimersByTimeAsync(120_000);
    const ticks = Math.max(a.counters.ticks, b.counters.ticks);
    // Two pollers alone would make a.ticks + b.ticks requests; sharing, about one process's worth.
    expect(a.counters.ticks + b.counters.ticks).toBeGreaterThan(ticks + 10);
    expect(lists.length).toBeLessThanOrEqual(ticks + 1);
    server.status = 'ACTIVE';
    server.updated = Date.now();
    await vi.advanceTimersByTimeAsync(12_000);
    await expect(Promise.all([waitA, waitB])).resolves.toMatchObject([{ status: 'ACTIVE' }, { status: 'ACTIVE' }]);
  });
});
