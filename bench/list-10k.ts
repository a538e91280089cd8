/**
 * Bench `list10k`: a full `/servers/detail` listing of 10,000 servers on the simulator, page by page (nova's
 * 1,000-per-page limit and `servers_links`). Canopy's `cloud.listServers()` (normalized servers) against a bare
 * `fetch` loop following the next links, both warm (token and discovery fetched beforehand).
 */
import { listServers as listRawServers } from '../src/services/compute/servers.js';
import { routeSummary, type BenchResult } from './support/report.js';
import { startSimProcess } from './support/sim-process.js';

const SERVERS = 10_000;

/** The 10,000-server listing bench. */
export async function benchList10k(): Promise<BenchResult> {
  const sim = await startSimProcess({ profile: 'zed', servers: SERVERS });
  try {
    const cloud = await sim.openCloud();
    try {
      const compute = await cloud.service('compute');
      const { token } = await cloud.auth();
      // One untimed pass of each warms the simulator's JIT and ours the same way.
      for await (const _ of listRawServers(compute)) void _;

      await sim.resetRequests();
      let before = cloud.requestCount;
      let started = performance.now();
      let count = 0;
      for await (const _ of cloud.listServers()) count++;
      const canopyMs = performance.now() - started;
      const canopyRequests = cloud.requestCount - before;
      if (count !== SERVERS) throw new Error(`listServers saw ${count} servers, expected ${SERVERS}`);
      const canopyRoutes = await sim.requestRoutes();

      before = cloud.requestCount;
      started = performance.now();
      let raw = 0;
      for await (const _ of listRawServers(compute)) raw++;
      const rawLayerMs = performance.now() - started;
      const rawLayerRequests = cloud.requestCount - before;
      if (raw !== SERVERS) throw new Error(`services listServers saw ${raw} servers`);

      started = performance.now();
      let next: string | undefined = `${compute.endpoint}/servers/detail`;
      let fetched = 0;
      let fetchRequests = 0;
      while (next) {
        const res = await fetch(next, { headers: { 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.93', Accept: 'application/json' } });
        fetchRequests++;
        const body = (await res.json()) as { servers: unknown[]; servers_links?: { rel: string; href: string }[] };
        fetched += body.servers.length;
        next = body.servers_links?.find((l) => l.rel === 'next')?.href;
      }
      const fetchMs = performance.now() - started;
      if (fetched !== SERVERS) throw new Error(`fetch loop saw ${fetched} servers`);

      return {
        id: 'list10k',
        title: `full /servers/detail listing of ${SERVERS.toLocaleString('en')} servers on the simulator (warm, paginated)`,
        baseline: 'bare fetch loop following servers_links (no validation, no normalization)',
        rows: [
          { metric: 'wall, cloud.listServers()', canopy: canopyMs, baseline: fetchMs, unit: 'ms', target: { maxValue: 1000 } },
          { metric: 'wall, services layer (raw)', canopy: rawLayerMs, baseline: fetchMs, unit: 'ms', target: { maxValue: 1000 } },
          { metric: 'HTTP requests', canopy: canopyRequests, baseline: fetchRequests },
        ],
        notes: [`cloud.listServers() requests: ${routeSummary(canopyRoutes)}`, `services layer made ${rawLayerRequests} requests; the simulator runs in its own process`],
      };
    } finally {
      await cloud.close();
    }
  } finally {
    await sim.stop();
  }
}
