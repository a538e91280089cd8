import { describe, expect, it } from 'vitest';
import { simCommand } from '../../src/cli/commands/sim.js';
import type { CliContext } from '../../src/cli/cli-context.js';
import { globalOptions } from '../../src/cli/global-options.js';

function context(out: string[]): CliContext {
  return { options: globalOptions({ json: true }), env: {}, stdout: (t) => out.push(t), stderr: () => {}, isTTY: false };
}

describe('canopy sim --layout', () => {
  it('prefix: one port, services under /identity, /compute, …', async () => {
    const out: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const done = simCommand(context(out), { layout: 'prefix', profile: 'newton' }, stopped);
    // The command loads the simulator's code on first use: give a loaded machine time for that import.
    await expect.poll(() => out.length, { timeout: 30_000 }).toBe(1);
    const printed = JSON.parse(out[0] as string) as { authUrl: string; endpoints: Record<string, string> };
    const origin = new URL(printed.authUrl).origin;
    expect(printed.authUrl).toBe(`${origin}/identity`);
    expect(printed.endpoints.compute).toBe(`${origin}/compute`);
    const root = await fetch(`${origin}/compute/`);
    expect(root.status).toBe(200);
    stop();
    expect(await done).toBe(0);
  });

  it('an unknown layout is a usage error naming the layouts', async () => {
    await expect(simCommand(context([]), { layout: 'flat' }, Promise.resolve())).rejects.toThrow('unknown layout "flat"; layouts: ports, prefix');
  });
});
