/**
 * What starting a Node process costs: CPU (user + system) and peak RSS as the process itself reports them at its
 * end, and wall time from spawn to exit. Used by the start-up rows (`import CPU`, `canopy --help`).
 */
import { spawn } from 'node:child_process';
import { median, spread } from './stats.js';

/** Prints the process's own CPU and peak RSS on stderr when it exits (preloaded with `--import`). */
const REPORT = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\nPROCESS-COST '+(u.user+u.system)/1000+' '+process.resourceUsage().maxRSS/1024+'\\n')})`;

/** One run's figures. */
interface Cost {
  cpuMs: number;
  rssMb: number;
  wallMs: number;
}

function once(args: string[]): Promise<Cost> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const m = /PROCESS-COST (\S+) (\S+)/.exec(err);
      if (code !== 0 || !m) reject(new Error(`node ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      else resolvePromise({ cpuMs: Number(m[1]), rssMb: Number(m[2]), wallMs });
    });
  });
}

/** Medians (and spreads) of `runs` runs of `node <args>`, after one untimed run (page cache, compile cache). */
export interface ProcessCost {
  cpuMs: number;
  rssMb: number;
  wallMs: number;
  cpuSpread: string;
  wallSpread: string;
}

/**
 * Runs `node <args>` once untimed, then `runs` times, and returns the medians.
 *
 * @example
 * const bare = await processCost(['-e', '0'], 5);
 */
export async function processCost(args: string[], runs: number): Promise<ProcessCost> {
  await once(args);
  const costs: Cost[] = [];
  for (let i = 0; i < runs; i++) costs.push(await once(args));
  const cpu = costs.map((c) => c.cpuMs);
  const wall = costs.map((c) => c.wallMs);
  return { cpuMs: median(cpu), rssMb: median(costs.map((c) => c.rssMb)), wallMs: median(wall), cpuSpread: spread(cpu, 0), wallSpread: spread(wall, 0) };
}
