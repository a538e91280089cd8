/**
 * Builds the real `canopy` binary once per source state: tsup bundles src/cli/main.ts into
 * node_modules/.cache/canopy-cli-test/<hash of src>/main.js (under the repository, so the bundle still finds the
 * package's vendors/ folder). Test files running in parallel workers share one build: the first takes a lock
 * (an atomic mkdir), the others wait for main.js to appear.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../..');
/** Node 24 from devDependencies, the version the package targets. */
export const NODE = join(ROOT, 'node_modules/.bin/node');

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = statSync(path);
        hash.update(`${path}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The path of the built `main.js` for the current sources, building it when needed.
 *
 * @example
 * const main = await buildCli(); // spawn(NODE, [main, 'server', 'list'])
 */
export async function buildCli(): Promise<string> {
  const outDir = join(ROOT, 'node_modules/.cache/canopy-cli-test', sourceHash());
  const main = join(outDir, 'main.js');
  if (existsSync(main)) return main;
  const lock = `${outDir}.lock`;
  mkdirSync(join(ROOT, 'node_modules/.cache/canopy-cli-test'), { recursive: true });
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // Another worker builds; wait for its output (or for a stale lock to go away).
  }
  if (!owner) {
    for (let i = 0; i < 600 && !existsSync(main); i++) await sleep(100);
    if (existsSync(main)) return main;
    throw new Error(`waited 60 s for ${main}; remove ${lock} if no build is running`);
  }
  try {
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsup'), ['src/cli/main.ts', '--no-config', '--format', 'esm', '--platform', 'node', '--target', 'node22', '--out-dir', `${outDir}.tmp`, '--silent'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
    });
    if (result.status !== 0) throw new Error(`tsup failed: ${result.stderr || result.stdout}`);
    rmSync(outDir, { recursive: true, force: true });
    // Renaming the whole directory makes main.js appear at once, fully written.
    spawnSync('mv', [`${outDir}.tmp`, outDir]);
    pruneOldBuilds(outDir);
    return main;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Removes builds of earlier source states (older than ten minutes, so a concurrent run keeps its own). */
function pruneOldBuilds(current: string): void {
  const parent = join(current, '..');
  for (const name of readdirSync(parent)) {
    const path = join(parent, name);
    if (path !== current && Date.now() - statSync(path).mtimeMs > 600_000) rmSync(path, { recursive: true, force: true });
  }
}
