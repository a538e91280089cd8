/**
 * Bench `list10k`: a full `/servers/detail` listing of 10,000 servers on the simulator, page by page (nova's
 * 1,000-per-page limit and `servers_links`). Canopy's `cloud.listServers()` (normalized servers) and the services
 * layer (validated raw records) against a bare `fetch` loop following the next links, all warm (token and
 * discovery fetched beforehand). `CANOPY_BENCH_ROUNDS` rounds (default 5) in rotating order (A B C, C B A, …);
 * the table shows medians, the notes the spread.
 */
import { listServers as listRawServers } from '../src/services/compute/servers.js';
import { routeSummary, type BenchResult } from './support/report.js';
import { startSimProcess } from './support/sim-process.js';
import { median, spread } from './support/stats.js';

const SERVERS = 10_000;
const ROUNDS = Number(process.env.CANOPY_BENCH_ROUNDS ?? 5);

/** The 10,000-server listing bench. */
export async function benchList10k(): Promise<BenchResult> {
  const sim = await startSimProcess({ profile: 'zed', servers: SERVERS });
  try {
    const cloud = await sim.openCloud();
    try {
      const compute = await cloud.service('compute');
      const { token } = await cloud.auth();
      const count = async (items: AsyncIterable<unknown>) => {
        let n = 0;
        for await (const _ of items) n++;
        return n;
      };
      const fetchLoop = async () => {
        let next: string | undefined = `${compute.endpoint}/servers/detail`;
        let fetched = 0;
        let requests = 0;
        while (next) {
          const res = await fetch(next, { headers: { 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.93', Accept: 'application/json' } });
          requests++;
          const body = (await res.json()) as { servers: unknown[]; servers_links?: { rel: string; href: string }[] };
          fetched += body.servers.length;
          next = body.servers_links?.find((l) => l.rel === 'next')?.href;
        }
        return { n: fetched, requests };
      };
      const ways = {
        canopy: async () => {
          const before = cloud.requestCount;
          return { n: await count(cloud.listServers()), requests: cloud.requestCount - before };
        },
        raw: async () => {
          const before = cloud.requestCount;
          return { n: await count(listRawServers(compute)), requests: cloud.requestCount - before };
        },
        fetch: fetchLoop,
      };
      type Way = keyof typeof ways;
      // One untimed pass of each warms the simulator's JIT and ours the same way.
      for (const run of Object.values(ways)) await run();

      const ms: Record<Way, number[]> = { canopy: [], raw: [], fetch: [] };
      const requests: Record<Way, number[]> = { canopy: [], raw: [], fetch: [] };
      // The client's own CPU time (user + system) per listing: less at the mercy of a busy machine than the wall.
      const cpu: Record<Way, number[]> = { canopy: [], raw: [], fetch: [] };
      let canopyRoutes: [string, number][] = [];
      const orders: Way[][] = [
        ['canopy', 'raw', 'fetch'],
        ['fetch', 'raw', 'canopy'],
      ];
      for (let round = 0; round < ROUNDS; round++) {
        for (const way of orders[round % 2] as Way[]) {
          if (way === 'canopy' && round === 0) await sim.resetRequests();
          const started = performance.now();
          const cpuBefore = process.cpuUsage();
          const { n, requests: made } = await ways[way]();
          ms[way].push(performance.now() - started);
          const used = process.cpuUsage(cpuBefore);
          cpu[way].push((used.user + used.system) / 1000);
          requests[way].push(made);
          if (n !== SERVERS) throw new Error(`${way} saw ${n} servers, expected ${SERVERS}`);
          if (way === 'canopy' && round === 0) canopyRoutes = await sim.requestRoutes();
        }
      }
      const ratios = (way: Way) => ms[way].map((t, i) => t / (ms.fetch[i] as number));

      return {
        id: 'list10k',
        title: `full /servers/detail listing of ${SERVERS.toLocaleString('en')} servers on the simulator (warm, paginated)`,
        baseline: 'bare fetch loop following servers_links (no validation, no normalization)',
        rows: [
          { metric: 'wall, cloud.listServers() (median)', canopy: median(ms.canopy), baseline: median(ms.fetch), unit: 'ms', target: { max: 1.1 } },
          { metric: 'wall, services layer (median)', canopy: median(ms.raw), baseline: median(ms.fetch), unit: 'ms', target: { max: 1.1 } },
          { metric: 'wall, cloud.listServers() absolute', canopy: median(ms.canopy), unit: 'ms', target: { maxValue: 1000 } },
          { metric: 'HTTP requests', canopy: median(requests.canopy), baseline: median(requests.fetch), target: { max: 1 } },
          { metric: 'client CPU, cloud.listServers() (median)', canopy: median(cpu.canopy), baseline: median(cpu.fetch), unit: 'ms' },
          { metric: 'client CPU, services layer (median)', canopy: median(cpu.raw), baseline: median(cpu.fetch), unit: 'ms' },
        ],
        notes: [
          `${ROUNDS} rounds in rotating order; spread min–max: cloud.listServers() ${spread(ms.canopy, 0)} ms, services layer ${spread(ms.raw, 0)} ms, fetch ${spread(ms.fetch, 0)} ms; per-round ratio to fetch: cloud.listServers() ${spread(ratios('canopy'), 2)} (median ${median(ratios('canopy')).toFixed(2)}), services layer ${spread(ratios('raw'), 2)} (median ${median(ratios('raw')).toFixed(2)})`,
          `cloud.listServers() requests: ${routeSummary(canopyRoutes)} (pages pipelined: the next page is asked for while one is validated and normalized; neutron is asked only for servers with addresses)`,
          `services layer made ${median(requests.raw)} requests; the simulator runs in its own process`,
        ],
      };
    } finally {
      await cloud.close();
    }
  } finally {
    await sim.stop();
  }
}
