/**
 * Bench `cold`: a fresh process that imports the SDK and authenticates (one token from keystone), timed from
 * spawn to exit — `node` importing the built `canopy-openstack` and calling `cloud.auth()` against `python3`
 * importing `openstack` and calling `conn.authorize()`. Through the counting proxy with 50 ms per request;
 * median of RUNS after one untimed run (so both read their files from the page cache). Two rows more, without a
 * network: the CPU a process spends importing the built package (its user + system CPU as the kernel counts it,
 * minus a bare `node -e 0`'s) and its peak RSS against a bare `node -e 0`'s (bench/support/process-cost.ts).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFaultProxy } from '../test/support/fault-proxy.js';
import { run } from './boot.js';
import { canopyDist } from './support/canopy-dist.js';
import { processCost } from './support/process-cost.js';
import { MINICLOUD, minicloudAuthUrl, writeProxiedCloudsYaml } from './support/minicloud.js';
import type { BenchResult } from './support/report.js';
import { median } from './support/stats.js';

const RUNS = 5;
const LATENCY_MS = 50;

/** Import CPU budget (ms above a bare `node -e 0`). */
const IMPORT_CPU_TARGET_MS = 150;

/** The cold start bench. */
export async function benchColdStart(): Promise<BenchResult> {
  const index = pathToFileURL(join(canopyDist(), 'index.js')).href;
  const proxy = await startFaultProxy({ upstreams: [new URL(minicloudAuthUrl()).origin], faults: { latencyMs: LATENCY_MS } });
  try {
    const configFile = writeProxiedCloudsYaml(proxy.url(minicloudAuthUrl()));
    const canopyScript = [
      `const { openCloud } = await import(${JSON.stringify(index)});`,
      `const cloud = await openCloud({ cloud: ${JSON.stringify(MINICLOUD.cloud)}, configFile: ${JSON.stringify(configFile)}, env: {} });`,
      'const { projectId } = await cloud.auth();',
      'if (!projectId) throw new Error("no project-scoped token");',
      'await cloud.close();',
    ].join('\n');
    const pythonScript = [
      'import openstack, openstack.config',
      `conn = openstack.connection.Connection(config=openstack.config.OpenStackConfig(config_files=[${JSON.stringify(configFile)}]).get_one(cloud=${JSON.stringify(MINICLOUD.cloud)}))`,
      'assert conn.authorize()',
    ].join('\n');
    const measure = async (command: string, args: string[]) => {
      await run(command, args);
      const walls: number[] = [];
      const requests: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        proxy.resetStats();
        const started = performance.now();
        await run(command, args);
        walls.push(performance.now() - started);
        requests.push(proxy.stats.total);
      }
      return { wallMs: median(walls), requests: median(requests), routes: { ...proxy.stats.byRoute } };
    };
    const bare = await processCost(['-e', '0'], RUNS);
    const imported = await processCost(['--input-type=module', '-e', `await import(${JSON.stringify(index)})`], RUNS);
    const canopy = await measure(process.execPath, ['--input-type=module', '-e', canopyScript]);
    const python = await measure('/usr/bin/python3', ['-c', pythonScript]);
    const routes = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ×${n}`).join(', ');
    return {
      id: 'cold',
      title: `cold process: import the SDK + authenticate (mini OpenStack, ${LATENCY_MS} ms per request, median of ${RUNS})`,
      baseline: 'python3 -c "import openstack; conn.authorize()" (openstacksdk 0.101)',
      rows: [
        { metric: 'wall, spawn to exit', canopy: canopy.wallMs, baseline: python.wallMs, unit: 'ms', target: { max: 0.2 } },
        { metric: 'HTTP requests', canopy: canopy.requests, baseline: python.requests },
        { metric: 'import CPU (over bare node)', canopy: imported.cpuMs - bare.cpuMs, unit: 'ms', target: { maxValue: IMPORT_CPU_TARGET_MS } },
        { metric: 'import peak RSS', canopy: imported.rssMb, baseline: bare.rssMb, unit: 'MB' },
      ],
      notes: [
        `canopy: ${routes(canopy.routes)}; node ${process.version}`,
        `openstacksdk: ${routes(python.routes)}`,
        `import: ${imported.cpuMs.toFixed(0)} ms CPU (spread ${imported.cpuSpread}), bare node -e 0: ${bare.cpuMs.toFixed(0)} ms (${bare.cpuSpread}); import RSS baseline is bare node -e 0 (no preload; kernel's ru_maxrss): ${imported.rssMb.toFixed(1)} MB (${imported.rssSpread}) vs ${bare.rssMb.toFixed(1)} MB (${bare.rssSpread}), +${(imported.rssMb - bare.rssMb).toFixed(1)} MB`,
      ],
    };
  } finally {
    await proxy.stop();
  }
}
