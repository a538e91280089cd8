/**
 * What a reader has while following one guide: a working directory, a simulated cloud started with
 * `canopy sim`, and `OS_CLIENT_CONFIG_FILE` / `OS_CLOUD` pointing at it. The doc tests run every block of a
 * guide in one session, in order, so a guide may build on its earlier blocks like a reader does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';
import { splitShellWords } from './shell-words.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');
/** Inside the test tree so vitest transpiles the blocks; a dot directory so `tsc` never sees them. */
export const BLOCK_DIR = join(HERE, '.blocks');
const PACKAGE_NAME = 'canopy-openstack';

/** What a block printed (console.log for TypeScript; for sh the CLI's stdout and stderr as a terminal shows them) and, for sh, its stderr alone. */
export interface BlockRun {
  output: string;
  errors: string;
  exitCode: number;
}

/**
 * The block's code with the package's imports pointing at the sources, as a module file path under
 * {@link BLOCK_DIR}.
 */
export function writeTsModule(code: string, name: string): string {
  mkdirSync(BLOCK_DIR, { recursive: true });
  const file = join(BLOCK_DIR, `${name}.ts`);
  const toSource = (entry: string) => {
    const rel = relative(BLOCK_DIR, join(REPO, 'src', entry)).replace(/\\/g, '/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const rewritten = code
    .replace(/(from\s+|import\s*\(\s*)(['"])canopy-openstack\/sim\2/g, `$1$2${toSource('sim/index.js')}$2`)
    .replace(/(from\s+|import\s*\(\s*)(['"])canopy-openstack\2/g, `$1$2${toSource('index.js')}$2`);
  writeFileSync(file, `${rewritten}\nexport {};\n`);
  return file;
}

// The CLI modules are imported when a shell block needs them, so a guide's TypeScript blocks still run while
// the CLI is being changed.

/** One guide's session. */
export class DocSession {
  readonly dir = mkdtempSync(join(tmpdir(), 'canopy-doc-'));
  /** The reader's environment: what `export` lines set, on top of the session's cloud. */
  readonly env: Record<string, string> = {};
  private readonly stops: Array<() => Promise<void>> = [];
  private counter = 0;

  constructor(private readonly slug: string) {}

  /** Starts the session's default cloud (profile `zed`, as `canopy sim` would) unless one is running. */
  async start(): Promise<void> {
    const { env } = await this.simulator({});
    Object.assign(this.env, env, { CANOPY_CACHE_DIR: join(this.dir, 'cache') });
  }

  /** A simulator with these options and the env naming it as cloud `sim`; stopped with the session. */
  async simulator(options: SimulatorOptions): Promise<{ sim: Simulator; env: Record<string, string> }> {
    const sim = await startSimulator(options);
    this.stops.push(() => sim.stop());
    const file = join(this.dir, `sim-${++this.counter}.yaml`);
    writeFileSync(file, sim.cloudsYaml('sim'), { mode: 0o600 });
    return { sim, env: { OS_CLIENT_CONFIG_FILE: file, OS_CLOUD: 'sim' } };
  }

  /** Runs `fn` with the reader's environment in `process.env` and the session directory as cwd. */
  private async asReader<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    const cwd = process.cwd();
    for (const key of Object.keys(process.env)) if (key.startsWith('OS_') || key.startsWith('CANOPY_')) delete process.env[key];
    Object.assign(process.env, env);
    process.chdir(this.dir);
    try {
      return await fn();
    } finally {
      process.chdir(cwd);
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }

  /** Imports a TypeScript block as a module, capturing what it logs. */
  async runTs(code: string, blockEnv: Record<string, string> = {}): Promise<BlockRun> {
    const file = writeTsModule(code, `${this.slug}-${++this.counter}-${process.pid}`);
    const lines: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => {
      lines.push(format(...args));
    };
    try {
      await this.asReader({ ...this.env, ...blockEnv }, () => import(pathToFileURL(file).href));
      return { output: lines.join('\n'), errors: '', exitCode: 0 };
    } finally {
      console.log = original;
      rmSync(file, { force: true });
    }
  }

  /**
   * Runs a shell block line by line. It understands what the guides need and nothing else (anything else
   * fails the test): comments, `export NAME=VALUE…`, `NAME=VALUE canopy …`, `canopy …` (also `npx canopy`),
   * `canopy sim … &` (served until the guide ends), and `npm install PKG…` (checked against package.json).
   * A `canopy` line must exit with `expectedExit` (0 unless the block says `<!-- doc: exit=N -->`).
   */
  async runSh(code: string, blockEnv: Record<string, string> = {}, expectedExit = 0): Promise<BlockRun> {
    // Like a terminal: stdout and stderr interleaved in `output`; stderr alone in `errors`.
    const out: string[] = [];
    const err: string[] = [];
    let lastExit = 0;
    const logical = code.replace(/\\\n/g, ' ').split('\n');
    for (const raw of logical) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (!line || line.startsWith('#')) continue;
      const words = splitShellWords(this.expand(line));
      const background = words.at(-1) === '&';
      if (background) words.pop();
      if (words[0] === 'export') {
        for (const assignment of words.slice(1)) this.assign(assignment, this.env);
        continue;
      }
      if (words[0] === 'npm' && (words[1] === 'install' || words[1] === 'i')) {
        await checkInstall(words.slice(2));
        continue;
      }
      const env = { ...this.env, ...blockEnv };
      while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) this.assign(words.shift() ?? '', env);
      if (words[0] === 'npx') words.shift();
      if (words[0] !== 'canopy') throw new Error(`the doc tests cannot run this shell line: ${raw}`);
      const args = words.slice(1);
      if (commandOf(args) === 'sim') {
        if (!background) throw new Error(`"canopy sim" serves until Ctrl-C: end the line with & so the guide can go on (${raw})`);
        await this.asReader(env, () => this.background(args, out, err));
        continue;
      }
      if (background) throw new Error(`only "canopy sim" may run in the background: ${raw}`);
      const { runCli } = await import('../../src/cli/run-cli.js');
      lastExit = await this.asReader(env, () =>
        runCli(args, { stdout: (t) => out.push(t), stderr: (t) => {
          err.push(t);
          out.push(t);
        }, env: { ...process.env }, isTTY: false }),
      );
      if (lastExit !== expectedExit) throw new Error(`"${line}" exited with ${lastExit}, expected ${expectedExit}\n${err.join('\n')}`);
    }
    return { output: out.join('\n'), errors: err.join('\n'), exitCode: lastExit };
  }

  /** `canopy sim … &`: serves until the session ends; resolves once it is listening and wrote its clouds.yaml. */
  private async background(args: string[], out: string[], err: string[]): Promise<void> {
    const { SIM_FLAGS, simCommand } = await import('../../src/cli/commands/sim.js');
    const { globalOptions, parseCommandLine } = await import('../../src/cli/global-options.js');
    const parsed = parseCommandLine(args.filter((a) => a !== 'sim'), SIM_FLAGS);
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const ctx = {
      options: globalOptions(parsed.values as Record<string, unknown>),
      env: { ...process.env },
      stdout: (t: string) => {
        out.push(t);
        ready();
      },
      stderr: (t: string) => err.push(t),
      isTTY: false,
    };
    const done = simCommand(ctx, parsed.values as Record<string, unknown>, stopped);
    this.stops.push(async () => {
      stop();
      await done;
    });
    await Promise.race([started, done.then(() => Promise.reject(new Error('canopy sim ended before it started serving')))]);
  }

  private expand(line: string): string {
    return line.replace(/\$\{?(\w+)\}?/g, (_m, name: string) => (name === 'PWD' ? this.dir : (this.env[name] ?? '')));
  }

  private assign(assignment: string, env: Record<string, string>): void {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new Error(`not an assignment: ${assignment}`);
    env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }

  /** Stops every simulator and background command, removes the directory. */
  async close(): Promise<void> {
    for (const stop of this.stops.reverse()) await stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Global flags that take a value: the word after them is not the command. */
const VALUE_FLAGS = new Set(['--os-cloud', '--os-region-name', '--os-client-config-file', '--timeout']);

/** The command word of a canopy command line (`canopy --os-cloud sim discover` → `discover`). */
function commandOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) return arg;
    if (VALUE_FLAGS.has(arg)) i++;
  }
  return undefined;
}

/** `npm install` in a guide may only name this package or its own dependencies (e.g. `@keyv/redis`). */
async function checkInstall(packages: string[]): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
  const known = new Set([pkg.name, ...Object.keys(pkg.dependencies ?? {})]);
  for (const name of packages.filter((p) => !p.startsWith('-'))) {
    const bare = name.replace(/(.)@[^/]*$/, '$1');
    if (!known.has(bare)) throw new Error(`the guide installs "${name}", which is neither ${PACKAGE_NAME} nor one of its dependencies`);
  }
}
