/**
 * A simulator in a child process, and a Cloud opened on it: the simulator benches use this so the bench
 * process's heap and event loop belong to the client alone (the simulator keeps a request log and serializes
 * big lists, which would otherwise count against Canopy).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import type { SimulatorOptions } from '../../src/sim/index.js';
import type { RequestRecord } from '../../src/sim/index.js';
import type { SharedPollerOptions } from '../../src/wait/shared-poller.js';

/** A simulator running in a child process. */
export interface SimProcess {
  authUrl: string;
  /** A clouds.yaml file with the simulator under the name `sim`. */
  cloudsYamlPath: string;
  /** Opens a Canopy Cloud on it (token and discovery not yet fetched). */
  openCloud(poll?: SharedPollerOptions): Promise<Cloud>;
  /** Requests the simulator served, optionally filtered by method and a path regex. */
  requestCount(filter?: { method?: string; path?: string }): Promise<number>;
  /** Requests the simulator served by route (`compute GET /v2.1/servers/detail`), most frequent first. */
  requestRoutes(): Promise<[string, number][]>;
  /** Every request the simulator logged since the last reset, in arrival order. */
  requestLog(): Promise<RequestRecord[]>;
  resetRequests(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the simulator with these options in a child process (the bundled bench/sim-child.js beside this file).
 *
 * @example
 * const sim = await startSimProcess({ servers: 10_000 });
 * const cloud = await sim.openCloud();
 * await sim.stop();
 */
export async function startSimProcess(options: SimulatorOptions): Promise<SimProcess> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [join(here, 'sim-child.js'), JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator child exited with ${code} before listening`)));
  });
  const { authUrl, cloudConfig } = JSON.parse(first) as { authUrl: string; cloudConfig: Record<string, unknown> };
  const dir = mkdtempSync(join(tmpdir(), 'canopy-bench-sim-'));
  const cloudsYamlPath = join(dir, 'clouds.yaml');
  writeFileSync(cloudsYamlPath, JSON.stringify({ clouds: { sim: cloudConfig } }));
  return {
    authUrl,
    cloudsYamlPath,
    openCloud: (poll) => openCloud({ cloud: 'sim', configFile: cloudsYamlPath, env: {}, ...(poll ? { poll } : {}) }),
    async requestCount(filter = {}) {
      const query = new URLSearchParams();
      if (filter.method) query.set('method', filter.method);
      if (filter.path) query.set('path', filter.path);
      const body = (await (await fetch(`${authUrl}/__sim/requests?${query}`)).json()) as { count: number };
      return body.count;
    },
    async requestRoutes() {
      const body = (await (await fetch(`${authUrl}/__sim/requests`)).json()) as { byRoute: Record<string, number> };
      return Object.entries(body.byRoute).sort((a, b) => b[1] - a[1]);
    },
    async requestLog() {
      const body = (await (await fetch(`${authUrl}/__sim/requests`)).json()) as { requests: RequestRecord[] };
      return body.requests;
    },
    async resetRequests() {
      await fetch(`${authUrl}/__sim/requests`, { method: 'DELETE' });
    },
    async stop() {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      child.stdin?.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
