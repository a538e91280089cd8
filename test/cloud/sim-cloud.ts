import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { startSimulator, type ProfileName, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';
import { PROFILE_FACTS } from '../../src/sim/profiles.js';

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

/** A second Cloud on a running simulator, as its `admin` user in the `admin` project (close it yourself). */
export async function simAdminCloud(sim: Simulator): Promise<Cloud> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-sim-admin-'));
  const file = join(dir, 'clouds.yaml');
  const auth = { ...(sim.cloudConfig.auth as Record<string, unknown>), username: 'admin', password: 'admin-secret', project_name: 'admin' };
  writeFileSync(file, JSON.stringify({ clouds: { admin: { ...sim.cloudConfig, auth } } }));
  return openCloud({ cloud: 'admin', configFile: file, env: {}, poll: { intervalMs: 200, maxIntervalMs: 1000, graceMs: 1000 } });
}

/** True when the profile's compute offers at least microversion `mv` (false on nova v2 without microversions). */
export function computeAtLeast(profile: ProfileName, mv: string): boolean {
  const max = PROFILE_FACTS[profile].nova.maxMicroversion;
  if (!max) return false;
  const [a, b] = max.split('.').map(Number) as [number, number];
  const [c, d] = mv.split('.').map(Number) as [number, number];
  return a > c || (a === c && b >= d);
}

/** What a promise (or an Operation) rejects with; `undefined` when it resolves. */
export async function caught(p: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(p).then(() => undefined, (e: unknown) => e);
}
