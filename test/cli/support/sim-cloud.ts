/** A simulated cloud with a clouds.yaml and a private cache directory, for CLI runs against it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/sim/index.js';

/** A running simulator plus the environment a `canopy` run needs to reach it as cloud `sim`. */
export interface SimCloud {
  sim: Simulator;
  dir: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts a simulator (fast builds by default) and writes its clouds.yaml into a fresh directory.
 *
 * @example
 * const cloud = await startSimCloud({ profile: 'zed' });
 * await runCanopy(main, ['--os-cloud', 'sim', 'server', 'list'], cloud.env);
 */
export async function startSimCloud(options: SimulatorOptions = {}): Promise<SimCloud> {
  const sim = await startSimulator({ buildTimeMs: 60, addressDelayMs: 20, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-cli-test-'));
  writeFileSync(join(dir, 'clouds.yaml'), sim.cloudsYaml('sim'), { mode: 0o600 });
  return {
    sim,
    dir,
    env: { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), CANOPY_CACHE_DIR: join(dir, 'cache') },
    async stop() {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `canopy --os-cloud sim …` in process against a {@link SimCloud}; its exit code and what it printed.
 *
 * @example
 * const { code, out } = await canopyIn(simCloud, 'subnet', 'list', '-f', 'json');
 */
export async function canopyIn(cloud: SimCloud, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { runCli } = await import('../../../src/cli/run-cli.js');
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--os-cloud', 'sim', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: cloud.env, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
