/**
 * One waiting engine for every action: 100 servers, half stopped and half hard-rebooted at once, all waited on
 * through the shared server poller — on the wire, at most one `GET /servers/detail` per tick and no GET by id.
 */
import { describe, expect, it } from 'vitest';
import { simCloud } from './sim-cloud.js';

const COUNT = 100;

describe('100 servers doing a mix of actions', () => {
  it('are waited on with one list request per tick, whatever the number of waiters', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed', quotas: { instances: 1000 }, buildTimeMs: 300 });
    try {
      const ids = await Promise.all(
        Array.from({ length: COUNT }, (_, i) => cloud.createServer({ name: `mix-${i}`, image: 'cirros', flavor: 'm1.nano', network: 'auto', timeoutMs: 60_000 }).then((s) => s.id)),
      );
      sim.requests.reset();
      const done = await Promise.all(ids.map((id, i) => (i % 2 === 0 ? cloud.stopServer(id, { timeoutMs: 60_000 }) : cloud.rebootServer(id, { type: 'HARD', timeoutMs: 60_000 }))));
      expect(done.filter((s) => s.status === 'SHUTOFF')).toHaveLength(COUNT / 2);
      expect(done.filter((s) => s.status === 'ACTIVE')).toHaveLength(COUNT / 2);

      const log = sim.requests.all();
      const lists = log.filter((r) => r.method === 'GET' && r.path.endsWith('/servers/detail'));
      const byId = log.filter((r) => r.method === 'GET' && /\/servers\/[0-9a-f-]{36}$/.test(r.path));
      // The resolution of each name-or-id (one GET by id per action) comes before its action; none after it.
      const lastAction = Math.max(...log.filter((r) => r.method === 'POST' && r.path.endsWith('/action')).map((r) => r.seq));
      expect(byId.filter((r) => r.seq > lastAction)).toEqual([]);
      expect(log.filter((r) => r.method === 'POST' && r.path.endsWith('/action'))).toHaveLength(COUNT);
      // One list per tick: ticks start one 200 ms interval apart, so the lists number at most one per interval of
      // the wait's span (plus the first), however late a loaded machine delivers any single one of them.
      const span = (lists.at(-1)?.time ?? 0) - (lists[0]?.time ?? 0);
      expect(lists.length).toBeLessThanOrEqual(Math.floor(span / 200) + 2);
      expect(lists.length).toBeLessThan(COUNT / 4);
      console.log('mixed actions', { waiters: COUNT, listRequests: lists.length });
    } finally {
      await close();
    }
  }, 180_000);
});
