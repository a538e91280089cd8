/** The built `canopy` binary against one simulated cloud named `sim`, set up and torn down with the test file. */
import { afterAll, beforeAll } from 'vitest';
import type { SimulatorOptions } from '../../../src/sim/index.js';
import { buildCli } from './build-cli.js';
import { runCanopy, type CanopyRun } from './run-canopy.js';
import { startSimCloud, type SimCloud } from './sim-cloud.js';

/** What {@link useCanopyOnSim} hands a test file. */
export interface CanopyOnSim {
  /** Runs `canopy --os-cloud sim …args`. */
  canopy(...args: string[]): Promise<CanopyRun>;
  /** The simulated cloud (valid inside tests, after `beforeAll`). */
  readonly cloud: SimCloud;
}

/**
 * Builds the CLI and starts a simulator before the file's tests, stops it after them.
 *
 * @example
 * const env = useCanopyOnSim({ profile: 'zed' });
 * it('lists', async () => expect((await env.canopy('server', 'list')).code).toBe(0));
 */
export function useCanopyOnSim(options: SimulatorOptions = {}): CanopyOnSim {
  let main: string | undefined;
  let cloud: SimCloud | undefined;
  beforeAll(async () => {
    main = await buildCli();
    cloud = await startSimCloud(options);
  }, 60_000);
  afterAll(() => cloud?.stop());
  const started = () => {
    if (!main || !cloud) throw new Error('useCanopyOnSim: used outside a test (before beforeAll ran)');
    return { main, cloud };
  };
  return {
    canopy: (...args) => {
      const { main: bin, cloud: sim } = started();
      return runCanopy(bin, ['--os-cloud', 'sim', ...args], sim.env);
    },
    get cloud() {
      return started().cloud;
    },
  };
}
