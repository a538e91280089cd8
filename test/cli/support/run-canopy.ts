/** Runs the built `canopy` binary as a child process and collects what it printed. */
import { spawn } from 'node:child_process';
import { NODE } from './build-cli.js';

/** What a run printed, and how it ended. */
export interface CanopyRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `node main.js …args` with `env` added to a clean environment (no OS_* leaking in from the machine).
 *
 * @example
 * const run = await runCanopy(main, ['--os-cloud', 'sim', 'server', 'list', '--json'], env);
 */
export function runCanopy(main: string, args: string[], env: Record<string, string>): Promise<CanopyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [main, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The request count `--debug` printed on stderr. */
export function requestCount(stderr: string): number | undefined {
  const match = /\[canopy debug\] (\d+) HTTP requests/.exec(stderr);
  return match ? Number(match[1]) : undefined;
}
