import { isCanopyError } from '../errors/index.js';
import type { CliContext } from './cli-context.js';
import { DEMO_FLAGS, demoCommand } from './commands/demo.js';
import { discoverCommand } from './commands/discover.js';
import { SIM_FLAGS, simCommand } from './commands/sim.js';
import { ExitCode, UsageError, exitCodeFor } from './exit-codes.js';
import { globalOptions, parseCommandLine } from './global-options.js';

const HELP = `canopy — OpenStack porcelain

Usage: canopy [global flags] <command> [args]

Commands:
  discover            list the cloud's services, endpoints, API versions and microversions
  demo                the headline flow on the built-in simulated cloud (--profile icehouse|…|2025.2)
  sim                 run the simulated cloud: --profile icehouse|kilo|…|zed|2025.2 --port N --clouds-yaml FILE

Global flags:
  --os-cloud NAME             cloud from clouds.yaml (default: OS_CLOUD)
  --os-region-name NAME       region (default: the cloud's first)
  --os-client-config-file F   clouds.yaml to read (default: OS_CLIENT_CONFIG_FILE, then the usual places)
  --json | --yaml             machine-readable output (default: a table)
  --timeout SECONDS           per-request timeout
  --debug                     log each request (redacted) and the request count to stderr
`;

type Command = (ctx: CliContext, positionals: string[], values: Record<string, unknown>) => Promise<number>;

const COMMANDS: Record<string, { flags: Record<string, { type: 'string' | 'boolean'; short?: string }>; run: Command }> = {
  discover: { flags: {}, run: (ctx) => discoverCommand(ctx) },
  demo: { flags: DEMO_FLAGS, run: (ctx, _p, values) => demoCommand(ctx, values) },
  sim: { flags: SIM_FLAGS, run: (ctx, _p, values) => simCommand(ctx, values) },
};

/** Runs the CLI with the given arguments; returns the exit code. */
export async function runCli(
  argv: string[],
  io: { stdout?: (t: string) => void; stderr?: (t: string) => void; env?: Record<string, string | undefined>; isTTY?: boolean } = {},
): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => process.stdout.write(`${t}\n`));
  const stderr = io.stderr ?? ((t: string) => process.stderr.write(`${t}\n`));
  const env = io.env ?? process.env;
  const name = argv.find((a) => !a.startsWith('-'));
  try {
    if (!name) {
      stdout(HELP);
      return argv.includes('--help') || argv.includes('-h') ? ExitCode.ok : ExitCode.usage;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"; try: ${Object.keys(COMMANDS).join(', ')}`);
    const parsed = parseCommandLine(argv.filter((a) => a !== name), command.flags);
    if (parsed.values.help) {
      stdout(HELP);
      return ExitCode.ok;
    }
    const options = globalOptions(parsed.values as Record<string, unknown>);
    return await command.run({ options, env, stdout, stderr, isTTY: io.isTTY ?? Boolean(process.stdout.isTTY) }, parsed.positionals, parsed.values as Record<string, unknown>);
  } catch (error) {
    const code = exitCodeFor(error);
    const label = error instanceof UsageError ? 'usage' : isCanopyError(error) ? (error as Error).name : 'error';
    stderr(`canopy: ${label}: ${(error as Error).message ?? String(error)}`);
    if (!isCanopyError(error) && !(error instanceof UsageError) && env.CANOPY_TRACE === '1') stderr(String((error as Error).stack));
    return code;
  }
}
