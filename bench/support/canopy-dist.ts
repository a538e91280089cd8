/**
 * Where the built package is: `CANOPY_BENCH_DIST` when set (a private build), else the repository's `dist/`
 * (`npm run build`). The CLI and cold-start benches run what a user installs, not the sources.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from the bundled bench (…/.tmp/bench) or the sources (…/bench/support). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no package.json above the bench');
    dir = parent;
  }
  return dir;
}

/**
 * The built package's directory; throws with the command to run when it is missing.
 *
 * @example
 * const cli = join(canopyDist(), 'cli', 'main.js');
 */
export function canopyDist(): string {
  const dist = process.env.CANOPY_BENCH_DIST ? resolve(process.env.CANOPY_BENCH_DIST) : resolve(repoRoot(), 'dist');
  if (!existsSync(resolve(dist, 'cli', 'main.js')) || !existsSync(resolve(dist, 'index.js'))) throw new Error(`no build at ${dist}: run npm run build first`);
  return dist;
}
