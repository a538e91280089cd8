/**
 * Bench `bootsim`: the boot bench on the simulator, where the client is all that differs — zed profile, 3 s
 * build, nova showing a floating address 1–2 s after neutron has it (drawn per association, as on the lab), 50 ms added to every
 * request by the simulator itself. Canopy (10 concurrent `createServer({ autoIp: true })`) against openstacksdk
 * 0.101 (10 threads of `create_server(auto_ip=True, wait=True)`, bench/python/boot_servers.py), both from a fresh
 * connection, both on the same named network with a router to `public`; requests counted by the simulator's own
 * request log. Runs alternate (A B B A …) over `CANOPY_BENCH_PAIRS` pairs (default 2); medians are reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cloud } from '../src/cloud/cloud.js';
import { pythonScript, run } from './boot.js';
import { createBenchTopology, BENCH_PREFIX } from './support/minicloud.js';
import { median, spread } from './support/stats.js';
import type { BenchResult } from './support/report.js';
import { startSimProcess, type SimProcess } from './support/sim-process.js';

const COUNT = 10;
const BUILD_MS = 3000;
/** nova shows a floating-IP change 1–2 s after neutron made it: 1000 ms plus up to 1000 ms drawn per change. */
const ADDRESS_DELAY_MS = 1000;
const ADDRESS_DELAY_JITTER_MS = 1000;
/** Round trips on the critical path: token, discovery, lookups, boot, the tick that sees ACTIVE, the floating-IP create. */
const FLOOR_ROUND_TRIPS = 6;
const LATENCY_MS = 50;

interface RunResult {
  wallMs: number;
  requests: number;
  routes: [string, number][];
  withIp: number;
  failures: string[];
}

/** The simulator boot bench. */
export async function benchBootSim(): Promise<BenchResult> {
  const pairs = Math.max(1, Number(process.env.CANOPY_BENCH_PAIRS ?? 2) || 2);
  const sim = await startSimProcess({ profile: 'zed', buildTimeMs: BUILD_MS, addressDelayMs: ADDRESS_DELAY_MS, addressDelayJitterMs: ADDRESS_DELAY_JITTER_MS, latencyMs: LATENCY_MS, quotas: { instances: 2 * COUNT, floatingips: 4 * COUNT } });
  try {
    const setup = await sim.openCloud();
    const topology = await createBenchTopology(setup);
    const canopy: RunResult[] = [];
    const python: RunResult[] = [];
    // A B B A …: neither client always goes first.
    for (let pair = 0; pair < pairs; pair++) {
      const order = pair % 2 === 0 ? ['canopy', 'python'] : ['python', 'canopy'];
      for (const who of order) {
        const result = who === 'canopy' ? await runCanopy(sim, topology.networkName, pair) : await runPython(sim, topology.networkName, pair);
        (who === 'canopy' ? canopy : python).push(result);
        await deleteBenchServers(setup);
      }
    }
    await setup.close();
    const floor = BUILD_MS + FLOOR_ROUND_TRIPS * LATENCY_MS;
    const wall = (runs: RunResult[]) => median(runs.map((r) => r.wallMs / 1000));
    const requests = (runs: RunResult[]) => median(runs.map((r) => r.requests));
    const notes: string[] = [
      `${pairs} pair(s) in A B B A order; medians, spread min–max: Canopy wall ${spread(canopy.map((r) => r.wallMs / 1000), 1)} s, openstacksdk ${spread(python.map((r) => r.wallMs / 1000), 1)} s; requests Canopy ${spread(canopy.map((r) => r.requests), 0)}, openstacksdk ${spread(python.map((r) => r.requests), 0)}`,
      `floor: one build (${BUILD_MS / 1000} s) plus ${FLOOR_ROUND_TRIPS} round trips of at least ${LATENCY_MS} ms (token, discovery, lookups, boot, the list that sees ACTIVE, the floating-IP create) = ${(floor / 1000).toFixed(2)} s; Canopy's median is ${(wall(canopy) - floor / 1000).toFixed(2)} s above it; the wall target (0.3× openstacksdk = ${(0.3 * wall(python)).toFixed(2)} s) is below the floor (${(floor / 1000 / wall(python)).toFixed(2)}× openstacksdk), so no client can meet it`,
      `Canopy's requests: ${top(canopy.at(-1)?.routes ?? [])}`,
      `openstacksdk's requests: ${top(python.at(-1)?.routes ?? [])}`,
    ];
    for (const [who, runs] of [['Canopy', canopy], ['openstacksdk', python]] as const) {
      const bad = runs.filter((r) => r.failures.length || r.withIp !== COUNT);
      if (bad.length) notes.push(`${who}: ${bad.map((r) => `${r.withIp}/${COUNT} with a floating IP; ${r.failures.join('; ')}`).join(' | ')}`);
    }
    return {
      id: 'bootsim',
      title: `boot ${COUNT} servers with a floating IP each on the simulator (zed, ${BUILD_MS / 1000} s build, address shown ${ADDRESS_DELAY_MS / 1000}–${(ADDRESS_DELAY_MS + ADDRESS_DELAY_JITTER_MS) / 1000} s after association, ${LATENCY_MS} ms per request)`,
      baseline: 'openstacksdk 0.101, threads, create_server(auto_ip=True, wait=True)',
      rows: [
        { metric: 'HTTP requests (median)', canopy: requests(canopy), baseline: requests(python), target: { max: 0.25 } },
        { metric: 'wall (median)', canopy: wall(canopy), baseline: wall(python), unit: 's', target: { max: 0.3 } },
        { metric: 'wall / floor (build + round trips)', canopy: wall(canopy), baseline: floor / 1000, unit: 's', target: { max: 1.2 } },
      ],
      notes,
    };
  } finally {
    await sim.stop();
  }
}

async function runCanopy(sim: SimProcess, network: string, pair: number): Promise<RunResult> {
  await sim.resetRequests();
  const cloud = await sim.openCloud();
  const started = performance.now();
  const settled = await Promise.allSettled(
    Array.from({ length: COUNT }, (_, i) => cloud.createServer({ name: `${BENCH_PREFIX}c-${pair}-${i}`, image: 'cirros', flavor: 'm1.nano', network, autoIp: true, timeoutMs: 120_000 })),
  );
  const wallMs = performance.now() - started;
  await cloud.close();
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
  const withIp = settled.filter((s) => s.status === 'fulfilled' && s.value.publicV4).length;
  return { wallMs, ...(await requestsOf(sim, 'canopy', pair)), withIp, failures };
}

async function runPython(sim: SimProcess, network: string, pair: number): Promise<RunResult> {
  await sim.resetRequests();
  const out = await run('/usr/bin/python3', [pythonScript('boot_servers.py'), '--config', sim.cloudsYamlPath, '--cloud', 'sim', '--network', network, '--count', String(COUNT), '--prefix', `${BENCH_PREFIX}p-${pair}-`]).catch(
    (e: Error) => JSON.stringify({ errors: [e.message] }),
  );
  const py = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { wall_s?: number; servers?: { public_v4?: string }[]; errors?: string[] };
  return { wallMs: (py.wall_s ?? Number.NaN) * 1000, ...(await requestsOf(sim, 'openstacksdk', pair)), withIp: (py.servers ?? []).filter((s) => s.public_v4).length, failures: py.errors ?? [] };
}

/** The run's request count and routes from the simulator's log; with CANOPY_BENCH_TIMELINE=<dir>, its timeline too. */
async function requestsOf(sim: SimProcess, who: string, pair: number): Promise<{ requests: number; routes: [string, number][] }> {
  const log = await sim.requestLog();
  const dir = process.env.CANOPY_BENCH_TIMELINE;
  if (dir) {
    const t0 = log[0]?.time ?? 0;
    mkdirSync(dir, { recursive: true });
    const lines = log.map((r) => [r.time - t0, r.status, r.method, `${r.service}${r.path}${r.query}`].join('\t'));
    writeFileSync(join(dir, `bootsim-${who}-${pair}.tsv`), `start_ms\tstatus\tmethod\tpath\n${lines.join('\n')}\n`);
  }
  return { requests: log.length, routes: await sim.requestRoutes() };
}

/** Deletes every bench server (with its floating IPs) between runs, not measured. */
async function deleteBenchServers(cloud: Cloud): Promise<void> {
  const ids: string[] = [];
  for await (const s of cloud.listServers()) if (s.name.startsWith(BENCH_PREFIX)) ids.push(s.id);
  await Promise.all(ids.map((id) => cloud.deleteServer(id, { deleteIps: true, timeoutMs: 60_000 })));
}

function top(routes: [string, number][]): string {
  return routes
    .slice(0, 8)
    .map(([r, n]) => `${r} ×${n}`)
    .join(', ');
}
