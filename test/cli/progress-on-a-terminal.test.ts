import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli, NODE } from './support/build-cli.js';
import { runCanopy } from './support/run-canopy.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let main: string;
let cloud: SimCloud;

beforeAll(async () => {
  main = await buildCli();
  cloud = await startSimCloud({ profile: 'zed', buildTimeMs: 1500 });
}, 60_000);
afterAll(() => cloud?.stop());

/** Runs a command inside a pseudo-terminal (util-linux `script`), returning everything the terminal received. */
function inTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const quoted = [NODE, main, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', quoted, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const ERASE_LINE = '\r\x1b[2K';

it('on a terminal, server create redraws one progress line with step, status and elapsed time, then clears it', async () => {
  const { code, output } = await inTerminal(['--os-cloud', 'sim', 'server', 'create', 'tty-1', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none'], cloud.env);
  expect(code, output).toBe(0);
  const frames = output.split(ERASE_LINE).filter((f) => f.includes('server create tty-1'));
  expect(frames.length).toBeGreaterThan(5);
  expect(frames.some((f) => /step wait · BUILD(\/\w+)? · \d+\.\d s/.test(f))).toBe(true);
  expect(frames.some((f) => /step resolve · \d+\.\d s/.test(f))).toBe(true);
  // Elapsed time grows from frame to frame.
  const seconds = frames.map((f) => Number(/(\d+\.\d) s/.exec(f)?.[1]));
  expect(Math.max(...seconds)).toBeGreaterThan(1);
  // The table comes after the cleared progress line.
  const afterProgress = output.slice(output.lastIndexOf(ERASE_LINE) + ERASE_LINE.length);
  expect(afterProgress).toMatch(/FIELD\s+VALUE/);
  expect(afterProgress).toMatch(/status\s+ACTIVE/);
});

it('the same command piped prints no progress and no terminal escapes', async () => {
  const run = await runCanopy(main, ['--os-cloud', 'sim', 'server', 'create', 'piped-1', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none'], cloud.env);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout + run.stderr).not.toContain('\x1b');
  expect(run.stdout).toMatch(/status\s+ACTIVE/);
});

it('on a terminal with --json there is no progress either', async () => {
  const { code, output } = await inTerminal(['--os-cloud', 'sim', 'server', 'create', 'tty-json-1', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none', '--json'], cloud.env);
  expect(code, output).toBe(0);
  expect(output).not.toContain('\x1b');
  expect((JSON.parse(output) as { status: string }).status).toBe('ACTIVE');
});
