/**
 * Bench `wait100`: 100 existing servers on the simulator are stopped, and each gets a waiter for SHUTOFF.
 * Canopy's waiters share the cloud's poller (one `GET /servers/detail`, then `?changes-since=`, per tick);
 * the baseline polls `GET /servers/{id}` per server every second (Canopy's base interval). Same transition,
 * same simulator, one after the other.
 */
import { serverAction } from '../src/services/compute/servers.js';
import { routeSummary, type BenchResult } from './support/report.js';
import { naiveWait } from './support/naive-wait.js';
import { startSimProcess } from './support/sim-process.js';

const SERVERS = 100;
const INTERVAL_MS = 1000;

/** The 100-waiter bench. */
export async function benchWait100(): Promise<BenchResult> {
  // A stop takes a third of the build time in the simulator: 15 s → 5 s, several ticks.
  const sim = await startSimProcess({ profile: 'zed', servers: SERVERS, buildTimeMs: 15_000 });
  try {
    const cloud = await sim.openCloud({ intervalMs: INTERVAL_MS });
    try {
      const compute = await cloud.service('compute');
      const { token } = await cloud.auth();
      const ids: string[] = [];
      for await (const s of cloud.listServers()) ids.push(s.id);
      const stopAll = () => Promise.all(ids.map((id) => serverAction(compute, id, { 'os-stop': null })));

      // Canopy: every waiter joins the shared poller.
      await stopAll();
      await sim.resetRequests();
      const poller = cloud.serverPoller();
      const ticksBefore = poller.counters.ticks;
      let started = performance.now();
      await Promise.all(ids.map((id) => cloud.waitForServer(id, { status: 'SHUTOFF', timeoutMs: 120_000 })));
      const canopyMs = performance.now() - started;
      const canopyTicks = poller.counters.ticks - ticksBefore;
      const canopyRequests = await sim.requestCount({ method: 'GET' });
      const canopyLists = await sim.requestCount({ method: 'GET', path: '/servers/detail' });
      const canopyRoutes = await sim.requestRoutes();
      const { directGets } = poller.counters;

      // Back to ACTIVE (not measured), then the baseline waits for the same transition.
      await Promise.all(ids.map((id) => serverAction(compute, id, { 'os-start': null })));
      await Promise.all(ids.map((id) => cloud.waitForServer(id, { status: 'ACTIVE', timeoutMs: 120_000 })));
      await stopAll();
      await sim.resetRequests();
      started = performance.now();
      const naive = await naiveWait({ computeUrl: compute.endpoint, token, ids, status: 'SHUTOFF', intervalMs: INTERVAL_MS });
      const naiveMs = performance.now() - started;
      const naiveRequests = await sim.requestCount({ method: 'GET' });

      return {
        id: 'wait100',
        title: `${SERVERS} waiters on ${SERVERS} existing servers (simulator) for ACTIVE → SHUTOFF (5 s)`,
        baseline: `GET /servers/{id} per server every ${INTERVAL_MS} ms (bare fetch)`,
        rows: [
          { metric: 'poll requests per tick', canopy: canopyLists / canopyTicks, baseline: naiveRequests / naive.rounds, target: { equals: 1 } },
          { metric: 'requests, whole wait', canopy: canopyRequests, baseline: naiveRequests },
          { metric: 'wall', canopy: canopyMs, baseline: naiveMs, unit: 'ms', target: { max: 1.1 } },
        ],
        notes: [
          `Canopy: ${canopyTicks} ticks (base interval ${INTERVAL_MS} ms for the 30 s after the waiters joined, then backing off ×1.5 while nothing changes; ${directGets} direct GETs in all); requests: ${routeSummary(canopyRoutes)}`,
          `baseline: ${naive.rounds} rounds of ${ids.length} GETs`,
        ],
      };
    } finally {
      await cloud.close();
    }
  } finally {
    await sim.stop();
  }
}
