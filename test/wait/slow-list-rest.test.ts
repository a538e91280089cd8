/**
 * The rest after a slow list, on the simulator with its latency knob: every answer takes at least 300 ms, so a
 * list tick takes at least 300 ms and the next list may start no sooner than twice that after it ended — at least
 * 900 ms from start to start, where the 200 ms interval of these tests alone would list back to back (every
 * ~350 ms). Counted on the wire from the simulator's request log. A slower machine only makes lists longer and
 * the gaps wider, so the bound holds whatever the load.
 */
import { describe, expect, it } from 'vitest';
import { simCloud } from '../cloud/sim-cloud.js';

const LATENCY_MS = 300;

describe('the shared poller on a slow cloud', () => {
  it('leaves the cloud twice a list’s time of rest between lists while a server builds', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed', buildTimeMs: 4000, latencyMs: LATENCY_MS });
    try {
      const server = await cloud.createServer({ name: 'slow-1', image: 'cirros', flavor: 'm1.nano', network: 'none', timeoutMs: 60_000 });
      expect(server.status).toBe('ACTIVE');
      const lists = sim.requests.all().filter((r) => r.service === 'compute' && r.method === 'GET' && /\/servers\/detail$/.test(r.path));
      // BUILD for 4 s: several ticks, each seen by the simulator.
      expect(lists.length).toBeGreaterThanOrEqual(2);
      const gaps = lists.slice(1).map((r, i) => r.time - (lists[i] as { time: number }).time);
      // ≥ 3 × 300 ms (a few ms of slack for when each request reached the simulator).
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(3 * LATENCY_MS - 20);
      // The 4 s build fits at most 4000 / 900 + 2 lists (the first one, and one after the build ended).
      expect(lists.length).toBeLessThanOrEqual(Math.floor(4000 / (3 * LATENCY_MS)) + 2);
    } finally {
      await close();
    }
  });
});
