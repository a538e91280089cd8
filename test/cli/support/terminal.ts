import { spawn } from 'node:child_process';
import { NODE } from './build-cli.js';

/**
 * A built `canopy` (`main`, from buildCli) running inside a pseudo-terminal (util-linux `script`): what the terminal
 * received so far, and its end.
 */
export function startInTerminal(main: string, args: string[], env: Record<string, string>): { output: () => string; done: Promise<{ code: number | null; output: string }> } {
  const quoted = [NODE, main, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  let output = '';
  const done = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('script', ['-qfec', quoted, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
  return { output: () => output, done };
}

