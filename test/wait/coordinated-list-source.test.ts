/**
 * The cross-process sharing decorator on its own: a follower answers from another process's snapshot without a
 * request (what the leader knew was deleted reaches the poller as a deleted entry, so a gone-wait ends without a
 * direct GET), the poller learns when that list was asked for (a `notBefore` wait is not fooled by an older
 * snapshot), and a stale snapshot (a dead leader) makes it ask the cloud itself.
 */
import { describe, expect, it } from 'vitest';
import { coordinatedListSource } from '../../src/wait/coordinated-list-source.js';
import type { ListSource } from '../../src/wait/list-source.js';
import type { PollCoordinator, PollSnapshot } from '../../src/wait/poll-coordinator.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';

interface Item {
  id: string;
  status: string;
}

/** A coordinator whose lease another process always holds, with a snapshot the test sets. */
function heldElsewhere(snapshot: () => PollSnapshot | undefined): PollCoordinator {
  return { tryLead: async () => false, publish: async () => {}, read: async () => snapshot(), close: async () => {} };
}

function counting(items: Item[]): { source: ListSource<Item>; requests: () => number } {
  let n = 0;
  return {
    source: {
      resourceType: 'volume',
      listAll: async () => {
        n++;
        return items.map((i) => ({ ...i }));
      },
      getOne: async (id) => {
        n++;
        return items.find((i) => i.id === id);
      },
      idOf: (i) => i.id,
      statusOf: (i) => i.status,
    },
    requests: () => n,
  };
}

describe('coordinatedListSource', () => {
  it('follows a fresh snapshot: no request, gone ids end gone-waits, counters say shared', async () => {
    const { source, requests } = counting([]);
    let at = Date.now();
    const coordinator = heldElsewhere(() => ({ at, items: [{ id: 'a', status: 'available' }], gone: ['b'] }));
    const poller = new SharedPoller(coordinatedListSource(source, { coordinator, key: 'k', intervalMs: 50 }), { intervalMs: 50, graceMs: 60_000 });
    const refresh = setInterval(() => (at = Date.now()), 20);
    try {
      const [a, b] = await Promise.all([poller.wait('a', { status: 'available', timeoutMs: 5000 }), poller.wait('b', { gone: true, timeoutMs: 5000 })]);
      expect(a).toMatchObject({ id: 'a', status: 'available' });
      expect(b).toBeUndefined();
      expect(requests()).toBe(0);
      expect(poller.counters.listRequests).toBe(0);
      expect(poller.counters.sharedSnapshots).toBeGreaterThan(0);
    } finally {
      clearInterval(refresh);
    }
  });

  it('a snapshot older than notBefore does not end the wait; a newer one does', async () => {
    const { source } = counting([]);
    const accepted = Date.now();
    let snapshot: PollSnapshot = { at: accepted - 10, items: [{ id: 'a', status: 'available' }], gone: [] };
    const poller = new SharedPoller(coordinatedListSource(source, { coordinator: heldElsewhere(() => snapshot), key: 'k', intervalMs: 40 }), { intervalMs: 40, graceMs: 60_000 });
    let settled = false;
    const waiting = poller.wait('a', { status: 'available', notBefore: accepted, timeoutMs: 5000 }).then((r) => {
      settled = true;
      return r;
    });
    while (poller.counters.sharedSnapshots < 3) await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    snapshot = { at: Date.now(), items: [{ id: 'a', status: 'available' }], gone: [] };
    await expect(waiting).resolves.toMatchObject({ status: 'available' });
  });

  it('a stale snapshot (its leader died) or none: asks the cloud itself', async () => {
    const { source, requests } = counting([{ id: 'a', status: 'available' }]);
    const stale: PollSnapshot = { at: Date.now() - 120_000, items: [], gone: ['a'] };
    const poller = new SharedPoller(coordinatedListSource(source, { coordinator: heldElsewhere(() => stale), key: 'k', intervalMs: 40, maxIntervalMs: 40 }), { intervalMs: 40, graceMs: 60_000 });
    await expect(poller.wait('a', { status: 'available', timeoutMs: 5000 })).resolves.toMatchObject({ id: 'a' });
    expect(requests()).toBe(1);
    expect(poller.counters.listRequests).toBe(1);
  });
});
