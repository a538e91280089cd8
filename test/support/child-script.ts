import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'tsup';

/** The repository root (children run there so their imports resolve). */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** Node 24 from devDependencies. */
export const NODE = join(ROOT, 'node_modules', '.bin', 'node');

/** Bundles a TypeScript entry (with the project's sources) into one ESM file another Node process can run. */
export async function bundleScript(entry: string): Promise<string> {
  // Inside the repository, so the bundle's imports resolve from its node_modules (ESM ignores NODE_PATH).
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, '.tmp', 'child-'));
  await build({ entry: { main: entry }, format: ['esm'], outDir, platform: 'node', target: 'node22', silent: true, config: false, dts: false, sourcemap: false, splitting: false, external: [/^[^./]/] });
  return join(outDir, 'main.js');
}

/** Runs a bundled script in a new Node process; resolves with its exit code and output. */
export function runNode(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(NODE, [script], { env: { ...process.env, ...env }, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
