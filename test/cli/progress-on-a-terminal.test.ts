import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildCli } from './support/build-cli.js';
import { runCanopy } from './support/run-canopy.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';
import { startInTerminal } from './support/terminal.js';

/** In the first test builds take a minute of the simulator's clock, which stands still until the test ends them. */
const BUILD_MS = 60_000;
let main: string;
let cloud: SimCloud;

beforeAll(async () => {
  main = await buildCli();
  cloud = await startSimCloud({ profile: 'zed' });
}, 60_000);
afterAll(() => cloud?.stop());

/** Runs a command inside a pseudo-terminal, returning everything the terminal received. */
function inTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return startInTerminal(main, args, env).done;
}

/** Resolves once `condition()` holds (explicit synchronisation); real time, since Date may be frozen here. */
async function until(condition: () => boolean, describe: () => string, limitMs = 30_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) throw new Error(`condition not met within ${limitMs} ms; got ${JSON.stringify(describe())}`);
    await sleep(20);
  }
}

/** Lets the simulator's builds finish: jumps its clock (this process's Date) past every build. */
function finishBuilds(): void {
  vi.setSystemTime(Date.now() + BUILD_MS);
}

const ERASE_LINE = '\r\x1b[2K';

it('on a terminal, server create redraws one progress line with step, status and elapsed time, then clears it', async () => {
  // The simulator's clock stands still, so the server stays in BUILD until the terminal has shown what we look
  // for; the CLI's own clock runs, so its elapsed time grows.
  vi.useFakeTimers({ toFake: ['Date'] });
  cloud.sim.set({ buildTimeMs: BUILD_MS });
  try {
    const run = startInTerminal(main, ['--os-cloud', 'sim', 'server', 'create', 'tty-1', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none'], cloud.env);
    const frames = () => run.output().split(ERASE_LINE).filter((f) => f.includes('server create tty-1'));
    const seconds = () => frames().map((f) => Number(/(\d+\.\d) s/.exec(f)?.[1] ?? 0));
    await until(() => frames().length > 5 && frames().some((f) => /step wait · BUILD(\/\w+)? · \d+\.\d s/.test(f)) && Math.max(...seconds()) > 1, run.output);
    finishBuilds();
    const { code, output } = await run.done;
    expect(code, output).toBe(0);
    expect(frames().some((f) => /step resolve · \d+\.\d s/.test(f))).toBe(true);
    // The table comes after the cleared progress line.
    const afterProgress = output.slice(output.lastIndexOf(ERASE_LINE) + ERASE_LINE.length);
    expect(afterProgress).toMatch(/Field\s+Value/);
    expect(afterProgress).toMatch(/status\s+ACTIVE/);
  } finally {
    vi.useRealTimers();
    cloud.sim.set({ buildTimeMs: 60 });
  }
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
