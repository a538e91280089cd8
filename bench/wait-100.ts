/**
 * Bench `wait100`: 100 existing servers on the simulator are stopped, and each gets a waiter for SHUTOFF.
 * Canopy's waiters share the cloud's poller (one `GET /servers/detail`, then `?changes-since=`, per tick);
 * the baseline polls `GET /servers/{id}` per server every second (Canopy's base interval). Same transition,
 * same simulator, one after the other, in A B B A order over `CANOPY_BENCH_PAIRS` pairs (default 2); the table
 * shows medians, the notes the spread.
 */
import { serverAction } from '../src/services/compute/servers.js';
import { routeSummary, type BenchResult } from './support/report.js';
import { naiveWait } from './support/naive-wait.js';
import { startSimProcess } from './support/sim-process.js';
import { median, spread } from './support/stats.js';

const SERVERS = 100;
const INTERVAL_MS = 1000;
const PAIRS = Math.max(1, Number(process.env.CANOPY_BENCH_PAIRS ?? 2));

interface Run {
  wallMs: number;
  /** Every GET the simulator served during the wait. */
  requests: number;
  /** Canopy: list requests per tick; baseline: GETs per round. */
  perTick: number;
  ticks: number;
}

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
      const poller = cloud.serverPoller();
      let canopyRoutes: [string, number][] = [];

      /** Stops every server; the measured wait starts right after the stops were accepted. */
      const stopAll = async () => {
        await Promise.all(ids.map((id) => serverAction(compute, id, { 'os-stop': null })));
        await sim.resetRequests();
      };
      /** Back to ACTIVE (not measured). */
      const startAll = async () => {
        await Promise.all(ids.map((id) => serverAction(compute, id, { 'os-start': null })));
        await Promise.all(ids.map((id) => cloud.waitForServer(id, { status: 'ACTIVE', timeoutMs: 120_000 })));
      };
      const canopyRun = async (): Promise<Run> => {
        await stopAll();
        const ticksBefore = poller.counters.ticks;
        const started = performance.now();
        await Promise.all(ids.map((id) => cloud.waitForServer(id, { status: 'SHUTOFF', timeoutMs: 120_000 })));
        const wallMs = performance.now() - started;
        const ticks = poller.counters.ticks - ticksBefore;
        const lists = await sim.requestCount({ method: 'GET', path: '/servers/detail' });
        if (!canopyRoutes.length) canopyRoutes = await sim.requestRoutes();
        return { wallMs, requests: await sim.requestCount({ method: 'GET' }), perTick: lists / ticks, ticks };
      };
      const naiveRun = async (): Promise<Run> => {
        await stopAll();
        const started = performance.now();
        const naive = await naiveWait({ computeUrl: compute.endpoint, token, ids, status: 'SHUTOFF', intervalMs: INTERVAL_MS });
        const wallMs = performance.now() - started;
        const requests = await sim.requestCount({ method: 'GET' });
        return { wallMs, requests, perTick: requests / naive.rounds, ticks: naive.rounds };
      };

      const canopy: Run[] = [];
      const naive: Run[] = [];
      for (let pair = 0; pair < PAIRS; pair++) {
        // A B, then B A: neither side always goes first.
        const order = pair % 2 === 0 ? [canopyRun, naiveRun] : [naiveRun, canopyRun];
        for (const run of order) {
          (run === canopyRun ? canopy : naive).push(await run());
          await startAll();
        }
      }
      const med = (runs: Run[], key: keyof Run) => median(runs.map((r) => r[key]));
      const ratios = canopy.map((c, i) => c.wallMs / (naive[i] as Run).wallMs);

      return {
        id: 'wait100',
        title: `${SERVERS} waiters on ${SERVERS} existing servers (simulator) for ACTIVE → SHUTOFF (5 s)`,
        baseline: `GET /servers/{id} per server every ${INTERVAL_MS} ms (bare fetch)`,
        rows: [
          { metric: 'poll requests per tick', canopy: Math.max(...canopy.map((r) => r.perTick)), baseline: med(naive, 'perTick'), target: { equals: 1 } },
          { metric: 'requests, whole wait (median)', canopy: med(canopy, 'requests'), baseline: med(naive, 'requests') },
          { metric: 'wall (median)', canopy: med(canopy, 'wallMs'), baseline: med(naive, 'wallMs'), unit: 'ms', target: { max: 1.1 } },
        ],
        notes: [
          `${PAIRS} pair(s) in A B B A order; spread min–max: Canopy wall ${spread(canopy.map((r) => r.wallMs), 0)} ms, baseline ${spread(naive.map((r) => r.wallMs), 0)} ms; per-pair ratio ${spread(ratios, 2)}`,
          `Canopy: ${spread(canopy.map((r) => r.ticks), 0)} ticks per wait (base interval ${INTERVAL_MS} ms for the 30 s after the waiters joined, then backing off ×1.5 while nothing changes; ${poller.counters.directGets} direct GETs in all); requests: ${routeSummary(canopyRoutes)}`,
          `baseline: ${spread(naive.map((r) => r.ticks), 0)} rounds of ${ids.length} GETs`,
        ],
      };
    } finally {
      await cloud.close();
    }
  } finally {
    await sim.stop();
  }
}
