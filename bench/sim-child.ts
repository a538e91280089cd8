/**
 * Runs the simulator in its own process for the simulator benches, so the heap and event loop measured in the
 * bench process hold only the client. Reads the simulator options as JSON from argv, prints one JSON line
 * `{ authUrl, cloudConfig }` when it listens, and stops when its stdin closes (the parent exited or ended it).
 *
 * Bundled beside bench/main.ts; started by `startSimProcess()` in bench/support/sim-process.ts.
 */
import { startSimulator, type SimulatorOptions } from '../src/sim/index.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
const sim = await startSimulator(options);
process.stdout.write(`${JSON.stringify({ authUrl: sim.authUrl, cloudConfig: sim.cloudConfig })}\n`);
const stop = () => {
  void sim.stop().finally(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
