import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';

/** A simulator of one generation and a Cloud opened on it through a real clouds.yaml. */
export async function simCloud(options: SimulatorOptions & { extra?: Record<string, unknown> } = {}): Promise<{ sim: Simulator; cloud: Cloud; close: () => Promise<void> }> {
  const { extra, ...simOptions } = options;
  const sim = await startSimulator({ buildTimeMs: 40, addressDelayMs: 60, ...simOptions });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-sim-'));
  const file = join(dir, 'clouds.yaml');
  writeFileSync(file, JSON.stringify({ clouds: { sim: { ...sim.cloudConfig, ...(extra ?? {}) } } }));
  const cloud = await openCloud({ cloud: 'sim', configFile: file, env: {}, poll: { intervalMs: 200, maxIntervalMs: 1000, graceMs: 1000 } });
  return {
    sim,
    cloud,
    close: async () => {
      await cloud.close();
      await sim.stop();
    },
  };
}
