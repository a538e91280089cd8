/**
 * Bench `cli`: a warm `canopy server list` against a warm `openstack server list` (python-openstackclient) on
 * the mini OpenStack, both through the counting proxy with 50 ms per request. "Warm" means a run has just been
 * made: Canopy keeps token and discovery in its file cache between runs; openstackclient keeps nothing, so its
 * warm run is simply the next one. Each command runs once untimed, then RUNS times; the table shows medians.
 * One row more: the wall time of `canopy --help` (no network; it must load only the help text).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultProxy } from '../test/support/fault-proxy.js';
import { run } from './boot.js';
import { canopyDist } from './support/canopy-dist.js';
import { processCost } from './support/process-cost.js';
import { MINICLOUD, minicloudAuthUrl, writeProxiedCloudsYaml } from './support/minicloud.js';
import type { BenchResult } from './support/report.js';
import { median } from './support/stats.js';

const RUNS = 5;
const LATENCY_MS = 50;

/** The warm CLI list bench. */
export async function benchCliList(): Promise<BenchResult> {
  const cli = join(canopyDist(), 'cli', 'main.js');
  const proxy = await startFaultProxy({ upstreams: [new URL(minicloudAuthUrl()).origin], faults: { latencyMs: LATENCY_MS } });
  const cacheDir = mkdtempSync(join(tmpdir(), 'canopy-bench-cache-'));
  try {
    const configFile = writeProxiedCloudsYaml(proxy.url(minicloudAuthUrl()));
    const env = { OS_CLIENT_CONFIG_FILE: configFile, OS_CLOUD: MINICLOUD.cloud, CANOPY_CACHE_DIR: cacheDir };
    const measure = async (command: string, args: string[]) => {
      await run(command, args, env); // the warming run
      const walls: number[] = [];
      const requests: number[] = [];
      let lines = 0;
      for (let i = 0; i < RUNS; i++) {
        proxy.resetStats();
        const started = performance.now();
        const out = await run(command, args, env);
        walls.push(performance.now() - started);
        requests.push(proxy.stats.total);
        lines = out.trim().split('\n').length;
      }
      return { wallMs: median(walls), requests: median(requests), lines, routes: { ...proxy.stats.byRoute } };
    };
    const help = await processCost([cli, '--help'], RUNS);
    const canopy = await measure(process.execPath, [cli, 'server', 'list']);
    const osc = await measure('openstack', ['server', 'list']);
    const routes = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ×${n}`).join(', ');
    return {
      id: 'cli',
      title: `warm server list from the command line (mini OpenStack, ${LATENCY_MS} ms per request, median of ${RUNS})`,
      baseline: '`openstack server list` (python-openstackclient, Debian)',
      rows: [
        { metric: 'HTTP requests', canopy: canopy.requests, baseline: osc.requests, target: { equals: 1 } },
        { metric: 'wall', canopy: canopy.wallMs, baseline: osc.wallMs, unit: 'ms', target: { max: 0.1 } },
        { metric: 'canopy --help wall', canopy: help.wallMs, unit: 'ms', target: { maxValue: 150 } },
      ],
      notes: [
        `canopy --help: ${help.wallMs.toFixed(0)} ms wall (spread ${help.wallSpread}), ${help.cpuMs.toFixed(0)} ms CPU, ${help.rssMb.toFixed(0)} MB peak RSS`,`canopy: ${routes(canopy.routes)}`, `openstack: ${routes(osc.routes)}`, `canopy printed ${canopy.lines} lines, openstack ${osc.lines}`],
    };
  } finally {
    await proxy.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
