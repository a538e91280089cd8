/**
 * A waiter that joins while a list is in flight must not be satisfied by that list when it asked for
 * `notBefore`: after a reboot the server is ACTIVE again, and a list asked for before nova accepted the reboot
 * also says ACTIVE.
 */
import { describe, expect, it } from 'vitest';
import type { ListSource } from '../../src/wait/list-source.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';

interface Item {
  id: string;
  status: string;
}

/** A source whose list requests the test answers one by one. */
function manualSource() {
  const pending: ((items: Item[]) => void)[] = [];
  const source: ListSource<Item> = {
    resourceType: 'server',
    listAll: () => new Promise<Item[]>((resolve) => pending.push(resolve)),
    getOne: async () => undefined,
    idOf: (i) => i.id,
    statusOf: (i) => i.status,
  };
  const nextRequest = async (): Promise<(items: Item[]) => void> => {
    for (let i = 0; i < 500 && pending.length === 0; i++) await new Promise((r) => setTimeout(r, 2));
    const answer = pending.shift();
    if (!answer) throw new Error('no list request came');
    return answer;
  };
  return { source, nextRequest, waiting: () => pending.length };
}

describe('SharedPoller notBefore', () => {
  it('ignores the list that was in flight when the waiter joined, and resolves on the next one', async () => {
    const { source, nextRequest } = manualSource();
    const poller = new SharedPoller(source, { intervalMs: 5, maxIntervalMs: 5, lingerMs: 10, graceMs: 60_000 });
    // A first waiter starts the loop; its list request stays open.
    const first = poller.wait('a', { status: 'ACTIVE', timeoutMs: 5_000 });
    const inFlight = await nextRequest();
    // The second waiter joins now, after "the cloud accepted the action".
    let settled = false;
    const second = poller.wait('b', { status: 'ACTIVE', notBefore: Date.now() + 1, timeoutMs: 5_000 }).then((item) => {
      settled = true;
      return item;
    });
    await new Promise((r) => setTimeout(r, 5));
    inFlight([
      { id: 'a', status: 'ACTIVE' },
      { id: 'b', status: 'ACTIVE' },
    ]);
    await first;
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    const fresh = await nextRequest();
    fresh([{ id: 'b', status: 'ACTIVE' }]);
    await expect(second).resolves.toEqual({ id: 'b', status: 'ACTIVE' });
  });
});
