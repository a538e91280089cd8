/**
 * `canopy --help` stays fast: it loads no part of the HTTP stack (p-throttle, keyv, undici), no zod (schemas)
 * and no yaml (the simulator, `--format yaml` and clouds.yaml files beyond the plain subset load it when they
 * run). Checked on a
 * code-split build like the published one (dist/cli/main.js), with a module hook that reports every package
 * the process resolves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE, ROOT } from './support/build-cli.js';

const HOOK = `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  const result = next(specifier, context);
  const pkg = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
  if (pkg) process.stderr.write('PACKAGE ' + pkg[1] + '\\n');
  return result;
} });
`;

describe('canopy --help', () => {
  let dir: string;
  beforeAll(() => {
    // Under the repository, so the build finds node_modules like the installed package does.
    dir = mkdtempSync(join(ROOT, 'node_modules/.cache/canopy-help-split-'));
    const build = spawnSync(join(ROOT, 'node_modules/.bin/tsup'), ['src/cli/main.ts', '--no-config', '--format', 'esm', '--splitting', '--platform', 'node', '--target', 'node22', '--out-dir', join(dir, 'out'), '--silent'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`tsup failed: ${build.stderr || build.stdout}`);
    writeFileSync(join(dir, 'hook.mjs'), HOOK);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function packagesLoaded(args: string[]): { code: number | null; stdout: string; packages: Set<string> } {
    const run = spawnSync(NODE, ['--import', join(dir, 'hook.mjs'), join(dir, 'out/main.js'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } });
    return { code: run.status, stdout: run.stdout, packages: new Set([...run.stderr.matchAll(/^PACKAGE (\S+)$/gm)].map((m) => m[1] as string)) };
  }

  it.each([[['--help']], [['server', 'create', '--help']], [['sim', '--help']], [['apply', '--help']], [['task', 'list', '--help']], [['--version']]])('%j loads none of p-throttle, keyv, undici, zod, yaml', (args) => {
    const { code, packages } = packagesLoaded(args);
    expect(code).toBe(0);
    for (const heavy of ['p-throttle', 'keyv', 'undici', '@keyv/redis', 'zod', 'yaml']) expect(packages.has(heavy), `${heavy} was loaded`).toBe(false);
  });

  it('a command that reads a plain clouds.yaml loads no yaml; one with an anchor does', () => {
    // The cloud named is not in the file: the command stops right after reading it, with no request.
    writeFileSync(join(dir, 'plain.yaml'), 'clouds:\n  lab:\n    auth:\n      auth_url: http://127.0.0.1:9/v3\n');
    writeFileSync(join(dir, 'anchored.yaml'), 'clouds:\n  lab:\n    auth: &auth\n      auth_url: http://127.0.0.1:9/v3\n');
    const run = (file: string) => packagesLoaded(['--os-client-config-file', join(dir, file), '--os-cloud', 'elsewhere', 'flavor', 'list']);
    const plain = run('plain.yaml');
    expect(plain.code).not.toBe(0);
    expect(plain.packages.has('zod'), 'the configuration was read').toBe(true);
    expect(plain.packages.has('yaml')).toBe(false);
    expect(run('anchored.yaml').packages.has('yaml')).toBe(true);
  });

  it('the hook does see them when a command opens a cloud', () => {
    const { packages } = packagesLoaded(['--os-client-config-file', join(dir, 'none.yaml'), 'flavor', 'list']);
    expect(packages.has('keyv')).toBe(true);
    expect(packages.has('zod')).toBe(true);
  });
});
