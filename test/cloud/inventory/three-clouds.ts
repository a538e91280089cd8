/** Three simulated clouds in one clouds.yaml, for inventory tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startSimulator, type Simulator } from '../../../src/sim/index.js';

/** The clouds `east` (zed, 2 servers), `west` (train, 1 server) and `old` (kilo, 1 server). */
export interface ThreeClouds {
  sims: Record<'east' | 'west' | 'old', Simulator>;
  configFile: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts the three simulators and writes one clouds.yaml naming them all.
 *
 * @example
 * const three = await startThreeClouds();
 * await three.sims.west.stop(); // one cloud down
 */
export async function startThreeClouds(): Promise<ThreeClouds> {
  const sims = {
    east: await startSimulator({ profile: 'zed', servers: 2, buildTimeMs: 50 }),
    west: await startSimulator({ profile: 'train', servers: 1, buildTimeMs: 50 }),
    old: await startSimulator({ profile: 'kilo', servers: 1, buildTimeMs: 50 }),
  };
  const dir = mkdtempSync(join(tmpdir(), 'canopy-inventory-'));
  const configFile = join(dir, 'clouds.yaml');
  writeFileSync(configFile, stringify({ clouds: Object.fromEntries(Object.entries(sims).map(([name, sim]) => [name, sim.cloudConfig])) }), { mode: 0o600 });
  const stopped = new Set<Simulator>();
  for (const sim of Object.values(sims)) {
    const stop = sim.stop.bind(sim);
    sim.stop = async () => {
      if (stopped.has(sim)) return;
      stopped.add(sim);
      await stop();
    };
  }
  return {
    sims,
    configFile,
    dir,
    async stop() {
      await Promise.all(Object.values(sims).map((s) => s.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
