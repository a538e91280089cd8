import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LoadCloudOptions } from '../../src/config/index.js';

/** A throw-away directory tree standing in for cwd, home and /etc, so tests never read the real config. */
export interface ConfigSandbox {
  root: string;
  cwd: string;
  home: string;
  etc: string;
  /** ~/.config/openstack inside the sandbox. */
  userDir: string;
  warnings: string[];
  /** Writes `text` at `path` (relative to root unless absolute) and returns the absolute path. */
  write(path: string, text: string, mode?: number): Promise<string>;
  /** Options that confine the loader to the sandbox, with an empty environment unless given. */
  options(extra?: LoadCloudOptions): LoadCloudOptions;
  cleanup(): Promise<void>;
}

export async function makeSandbox(): Promise<ConfigSandbox> {
  const root = await mkdtemp(join(tmpdir(), 'canopy-config-'));
  const cwd = join(root, 'work');
  const home = join(root, 'home');
  const etc = join(root, 'etc-openstack');
  const userDir = join(home, '.config', 'openstack');
  await Promise.all([mkdir(cwd, { recursive: true }), mkdir(userDir, { recursive: true }), mkdir(etc, { recursive: true })]);
  const warnings: string[] = [];
  return {
    root,
    cwd,
    home,
    etc,
    userDir,
    warnings,
    async write(path, text, mode = 0o600) {
      const full = path.startsWith('/') ? path : join(root, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, text, { mode });
      await chmod(full, mode);
      return full;
    },
    options(extra = {}) {
      return { cwd, homeDir: home, systemConfigDir: etc, env: {}, warn: (m) => warnings.push(m), ...extra };
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
