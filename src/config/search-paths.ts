import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** File extensions tried for every config file name, in order. */
export const CONFIG_EXTENSIONS = ['yaml', 'yml', 'json'] as const;

/** Where to look for clouds.yaml, secure.yaml and clouds-public.yaml. */
export interface SearchPathOptions {
  /** Directory searched first; default `process.cwd()`. */
  cwd?: string;
  /** Home directory for `~/.config/openstack`; default `os.homedir()`. */
  homeDir?: string;
  /** System-wide directory; default `/etc/openstack`. Tests point this at a temporary directory. */
  systemConfigDir?: string;
  /** Replaces the whole directory list (cwd, user dir, system dir) when given. */
  searchDirs?: string[];
  /** Environment, for `XDG_CONFIG_HOME`. */
  env?: Record<string, string | undefined>;
}

/**
 * The directories searched, most preferred first: the working directory, the user's config directory
 * (`$XDG_CONFIG_HOME/openstack` when set, then `~/.config/openstack`) and `/etc/openstack`.
 *
 * @example
 * configSearchDirs({ cwd: '/w', homeDir: '/h', env: {} }) // ['/w', '/h/.config/openstack', '/etc/openstack']
 */
export function configSearchDirs(options: SearchPathOptions = {}): string[] {
  if (options.searchDirs) return options.searchDirs.map((d) => resolve(d));
  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  const dirs = [options.cwd ?? process.cwd()];
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg) dirs.push(join(xdg, 'openstack'));
  dirs.push(join(home, '.config', 'openstack'), options.systemConfigDir ?? '/etc/openstack');
  return [...new Set(dirs.map((d) => resolve(d)))];
}

/**
 * Every candidate path for a config file called `baseName` (`clouds`, `secure`, `clouds-public`), in search order.
 *
 * @example
 * candidateFiles(['/w'], 'secure') // ['/w/secure.yaml', '/w/secure.yml', '/w/secure.json']
 */
export function candidateFiles(dirs: readonly string[], baseName: string): string[] {
  return dirs.flatMap((dir) => CONFIG_EXTENSIONS.map((ext) => join(dir, `${baseName}.${ext}`)));
}

/**
 * The first of `paths` that exists as a file, or `undefined`.
 *
 * @example
 * await firstExistingFile(['/w/clouds.yaml', '/etc/openstack/clouds.yaml'])
 */
export async function firstExistingFile(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    try {
      if ((await stat(path)).isFile()) return path;
    } catch {
      // Missing or unreadable directory entries simply do not count as found.
    }
  }
  return undefined;
}
