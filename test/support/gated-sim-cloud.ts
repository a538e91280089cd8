import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { gatedFetch } from './gated-fetch.js';

/**
 * A simulator and a Cloud on it whose requests picked by `pick` wait at a gate (see {@link gatedFetch}); the
 * simulator's request log counts what reached the wire.
 *
 * @example
 * const { cloud, sim, gate, close } = await gatedSimCloud((m, u) => m === 'GET' && u.includes('/flavors'));
 */
export async function gatedSimCloud(pick: (method: string, url: string) => boolean): Promise<{ sim: Simulator; cloud: Cloud; gate: ReturnType<typeof gatedFetch>; close: () => Promise<void> }> {
  const sim = await startSimulator({ buildTimeMs: 40 });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-gated-'));
  const file = join(dir, 'clouds.yaml');
  writeFileSync(file, JSON.stringify({ clouds: { sim: sim.cloudConfig } }));
  const gate = gatedFetch(pick);
  const cloud = await openCloud({ cloud: 'sim', configFile: file, env: {}, fetch: gate.fetch });
  return {
    sim,
    cloud,
    gate,
    close: async () => {
      gate.open();
      await cloud.close();
      await sim.stop();
    },
  };
}
