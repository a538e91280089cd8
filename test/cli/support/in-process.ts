/** `canopy` run in this process (no build, no child): exit code, stdout and stderr as text. */
import { runCli } from '../../../src/cli/run-cli.js';

/** What one in-process run printed and returned. */
export interface InProcessRun {
  code: number;
  out: string;
  err: string;
}

/**
 * A runner of `canopy …args` with this environment (clouds.yaml, cache directory), stdin not a terminal.
 *
 * @example
 * const canopy = inProcessCanopy(sim.env);
 * expect((await canopy('--os-cloud', 'sim', 'server', 'list')).code).toBe(0);
 */
export function inProcessCanopy(env: () => Record<string, string>): (...args: string[]) => Promise<InProcessRun> {
  return async (...args) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: env(), isTTY: false });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
