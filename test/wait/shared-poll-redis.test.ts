import { describe, expect, it } from 'vitest';
import type { ListSource } from '../../src/wait/list-source.js';
import { RedisPollCoordinator } from '../../src/wait/poll-coordinator.js';
import { coordinatedListSource } from '../../src/wait/coordinated-list-source.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';
import { useRedis } from '../support/redis-server.js';

const redisUrl = useRedis();

describe('pollers in two processes sharing Redis', () => {
  it('50 servers, two pollers: one list request per lease window in total, and both see every change', async () => {
    const status = new Map<string, string>(Array.from({ length: 50 }, (_, i) => [`s${i}`, 'BUILD']));
    let requests = 0;
    const source: ListSource<{ id: string; status: string }> = {
      resourceType: 'server',
      async listAll() {
        requests++;
        return [...status].map(([id, s]) => ({ id, status: s }));
      },
      async getOne(id) {
        return status.has(id) ? { id, status: status.get(id) as string } : undefined;
      },
      idOf: (s) => s.id,
      statusOf: (s) => s.status,
    };
    const coordinators = [await RedisPollCoordinator.connect(redisUrl()), await RedisPollCoordinator.connect(redisUrl())];
    const pollers = coordinators.map(
      (coordinator) => new SharedPoller(coordinatedListSource(source, { coordinator, key: 'test:servers', intervalMs: 300, maxIntervalMs: 300 }), { intervalMs: 300, maxIntervalMs: 300, lingerMs: 50, graceMs: 60_000 }),
    );
    const waits = pollers.flatMap((p) => [...status.keys()].map((id) => p.wait(id, { status: 'ACTIVE', timeoutMs: 20_000 })));
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    for (const id of status.keys()) status.set(id, 'ACTIVE');
    const results = await Promise.all(waits);
    const elapsed = Date.now() - started;
    expect(results.every((s) => s?.status === 'ACTIVE')).toBe(true);
    // One poll per 270 ms lease window at most, shared by both pollers: as many requests as one poller's ticks
    // (plus one when both start at the same moment), not the sum of both.
    const windows = Math.ceil(elapsed / 270) + 1;
    expect(requests).toBeLessThanOrEqual(windows);
    expect(requests).toBeLessThanOrEqual(Math.max(...pollers.map((p) => p.counters.ticks)) + 1);
    const followed = pollers.reduce((n, p) => n + p.counters.sharedSnapshots, 0);
    expect(followed).toBeGreaterThan(0);
    expect(requests + followed).toBeGreaterThanOrEqual(pollers.reduce((n, p) => n + p.counters.ticks, 0));
    await Promise.all(coordinators.map((c) => c.close()));
  });
});
