/**
 * What starting a Node process costs: CPU (user + system), peak RSS and wall time from spawn to exit. Used by the
 * start-up rows (`import CPU`, `import peak RSS`, `canopy --help`).
 *
 * The figures come from the kernel, not from the process: a small `python3` parent forks, execs `node <args>`
 * and reads the child's resource usage with `wait4()` (CPU in microseconds, `ru_maxrss`). The measured process
 * runs exactly as a user would start it — no preload. (An earlier version preloaded an `--import data:` hook that
 * printed `process.cpuUsage()`; that hook started Node's ES module loader in every process and put bare
 * `node -e 0` at ~84 MB peak RSS instead of ~42 MB, so "import RSS" compared against an inflated baseline.)
 */
import { spawn } from 'node:child_process';
import { median, spread } from './stats.js';

/** Forks, execs argv[1:] with stdin/stdout on /dev/null, and prints the child's exit code, CPU ms, peak RSS MB, wall ms. */
const WAIT4 = [
  'import os, sys, time',
  't = time.perf_counter()',
  'pid = os.fork()',
  'if pid == 0:',
  '    fd = os.open(os.devnull, os.O_RDWR); os.dup2(fd, 0); os.dup2(fd, 1)',
  '    os.execv(sys.argv[1], sys.argv[1:])',
  '_, status, ru = os.wait4(pid, 0)',
  'wall = (time.perf_counter() - t) * 1000',
  "print('PROCESS-COST %d %.3f %.3f %.3f' % (os.waitstatus_to_exitcode(status), (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_maxrss / 1024, wall))",
].join('\n');

/** One run's figures. */
interface Cost {
  cpuMs: number;
  rssMb: number;
  wallMs: number;
}

function once(args: string[], env?: Record<string, string>): Promise<Cost> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', WAIT4, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const m = /PROCESS-COST (\S+) (\S+) (\S+) (\S+)/.exec(out);
      if (!m || m[1] !== '0') reject(new Error(`node ${args.join(' ')} failed (${m?.[1] ?? 'no report'}): ${err.slice(-2000)}`));
      else resolvePromise({ cpuMs: Number(m[2]), rssMb: Number(m[3]), wallMs: Number(m[4]) });
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
  rssSpread: string;
}

/**
 * Runs `node <args>` once untimed, then `runs` times, and returns the medians.
 *
 * @example
 * const bare = await processCost(['-e', '0'], 5);
 */
export async function processCost(args: string[], runs: number, env?: Record<string, string>): Promise<ProcessCost> {
  await once(args, env);
  const costs: Cost[] = [];
  for (let i = 0; i < runs; i++) costs.push(await once(args, env));
  const cpu = costs.map((c) => c.cpuMs);
  const wall = costs.map((c) => c.wallMs);
  const rss = costs.map((c) => c.rssMb);
  return { cpuMs: median(cpu), rssMb: median(rss), wallMs: median(wall), cpuSpread: spread(cpu, 0), wallSpread: spread(wall, 0), rssSpread: spread(rss, 1) };
}
