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
